using System.Globalization;
using System.Text.Json;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Diff;

public enum DiffKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One difference. <see cref="Field"/> is the path inside the item (<c>rate.stepPrice</c>), empty when the
/// whole item was added or removed (its values are then the item's canonical JSON). Values are display
/// strings: amounts of money as buyers read them (<c>HK$299.00</c>), other numbers without trailing zeros
/// (500, not 500.00), lists as <c>[A, B]</c>, null as <c>none</c>.
/// <para>
/// Lists are compared by element, not by position. A value added to or removed from a list of plain values
/// (holidays, prefixes, keywords) is one entry of its own, with the list's path (<c>transit.holidays</c>) and the
/// value. An element added to or removed from a list of objects (surcharges, tiers) is one entry with the
/// element's path (<c>tiers[0]</c>) and the element shown as <c>{min: 1, discount.kind: Percent, …}</c>; an element
/// kept but changed has an entry per changed field, and when the elements before it moved it, its path gives
/// both places, before → after (<c>surcharges[1→0].amount</c>).
/// </para>
/// </summary>
public sealed record DiffEntry(
    ConfigurationSection Section,
    string ItemKey,
    string Field,
    DiffKind Kind,
    string? OldValue,
    string? NewValue,
    string Summary);

/// <summary>Field-by-field comparison of two configurations of a site, for history and review.</summary>
public static class ConfigurationDiff
{
    private const string None = "none";

    /// <summary>
    /// The field of a list's elements that validation makes unique, so that it tells which element is which even when
    /// the rest of it changed: tier minimums must rise strictly. Surcharges have none (two remote-area surcharges for
    /// different areas are valid), so they are told apart by their content alone.
    /// </summary>
    private static readonly Dictionary<(ConfigurationSection Section, string List), string> NaturalKeys = new()
    {
        [(ConfigurationSection.ConsolidationPromos, "tiers")] = "min",
    };

    /// <summary>
    /// The differences from <paramref name="a"/> to <paramref name="b"/>: by section, then item key, then field by
    /// name, a list's entries in the order its elements appear (before and after merged, so numbers as numbers).
    /// </summary>
    public static IReadOnlyList<DiffEntry> Compare(SiteConfiguration a, SiteConfiguration b)
    {
        var entries = new List<DiffEntry>();
        var site = b.Site;
        var minorUnits = ConfigurationJson.MinorUnits(site);
        var siteInfo = SiteCatalog.TryGet(site, out var info) ? info : null;
        foreach (var section in ConfigurationSections.All)
        {
            if (ConfigurationSections.SectionEquals(a, b, section))
            {
                continue;
            }

            var before = Keyed(a, section);
            var after = Keyed(b, section);
            foreach (var key in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var had = before.TryGetValue(key, out var oldItem);
                var has = after.TryGetValue(key, out var newItem);
                if (had && has && Equals(oldItem, newItem))
                {
                    continue;
                }

                var label = $"{site} {section.ItemLabel()} {key}";
                if (!had)
                {
                    entries.Add(new DiffEntry(section, key, string.Empty, DiffKind.Added, null, ItemJson(newItem!, section, minorUnits), $"{label}: added"));
                }
                else if (!has)
                {
                    entries.Add(new DiffEntry(section, key, string.Empty, DiffKind.Removed, ItemJson(oldItem!, section, minorUnits), null, $"{label}: removed"));
                }
                else
                {
                    var item = new ItemDiff(section, key, label, entries);
                    CompareFields(item, string.Empty, Flatten(oldItem!, section, minorUnits, siteInfo), Flatten(newItem!, section, minorUnits, siteInfo));
                }
            }
        }

        return entries;
    }

    /// <summary>The sections whose content differs, in section order.</summary>
    public static IReadOnlyList<ConfigurationSection> ChangedSections(SiteConfiguration a, SiteConfiguration b) =>
        [.. ConfigurationSections.All.Where(section => !ConfigurationSections.SectionEquals(a, b, section))];

    /// <summary>A field of an item: one value, a list of plain values, or a list of objects.</summary>
    private abstract record Field;

    /// <summary>A value: as compared (stored), and as shown.</summary>
    private sealed record Leaf(string Value, string Shown) : Field;

    private sealed record Values(IReadOnlyList<Leaf> Items) : Field;

    /// <summary>A list of objects; <see cref="Shape"/> is its path from the item with the indices left out (<c>tiers</c>).</summary>
    private sealed record Elements(string Shape, IReadOnlyList<Fields> Items) : Field;

    /// <summary>The fields of an item or of a list element, by their path inside it, in the order the JSON writes them.</summary>
    private sealed class Fields
    {
        public List<string> Paths { get; } = [];

        public Dictionary<string, Field> ByPath { get; } = new(StringComparer.Ordinal);

        public void Add(string path, Field field)
        {
            Paths.Add(path);
            ByPath[path] = field;
        }
    }

    /// <summary>Where the entries of one changed item go.</summary>
    private sealed record ItemDiff(ConfigurationSection Section, string Key, string Label, List<DiffEntry> Entries)
    {
        public void Changed(string field, string oldValue, string newValue) =>
            Entries.Add(new DiffEntry(Section, Key, field, DiffKind.Changed, oldValue, newValue, $"{Label}: {field} {oldValue} → {newValue}"));

        public void Added(string field, string value) =>
            Entries.Add(new DiffEntry(Section, Key, field, DiffKind.Added, null, value, $"{Label}: {field} added: {value}"));

        public void Removed(string field, string value, bool inList) =>
            Entries.Add(new DiffEntry(Section, Key, field, DiffKind.Removed, value, null,
                inList ? $"{Label}: {field} removed: {value}" : $"{Label}: {field} removed (was {value})"));
    }

    private static void CompareFields(ItemDiff item, string prefix, Fields before, Fields after)
    {
        foreach (var name in before.Paths.Union(after.Paths, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = Join(prefix, name);
            before.ByPath.TryGetValue(name, out var oldField);
            after.ByPath.TryGetValue(name, out var newField);
            switch (oldField, newField)
            {
                case (null, null):
                    break;
                case (null, _):
                    item.Added(path, Show(newField));
                    break;
                case (_, null):
                    item.Removed(path, Show(oldField), inList: false);
                    break;
                // Compared as stored, shown as read: a tier's minimum of 2 stores and of 2 dollars are the same number.
                case (Leaf oldLeaf, Leaf newLeaf):
                    if (!string.Equals(oldLeaf.Value, newLeaf.Value, StringComparison.Ordinal))
                    {
                        item.Changed(path, oldLeaf.Shown, newLeaf.Shown);
                    }

                    break;
                case (Values oldValues, Values newValues):
                    CompareValues(item, path, oldValues.Items, newValues.Items);
                    break;
                case (Elements oldElements, Elements newElements):
                    CompareElements(item, path, oldElements.Shape, oldElements.Items, newElements.Items);
                    break;
                // An empty list has no object to tell it from an empty list of plain values.
                case (Values { Items.Count: 0 }, Elements newElements):
                    CompareElements(item, path, newElements.Shape, [], newElements.Items);
                    break;
                case (Elements oldElements, Values { Items.Count: 0 }):
                    CompareElements(item, path, oldElements.Shape, oldElements.Items, []);
                    break;
                default:
                    if (!Same(oldField, newField))
                    {
                        item.Changed(path, Show(oldField), Show(newField));
                    }

                    break;
            }
        }
    }

    /// <summary>Values kept in their order are no entry; each other value is one added or removed.</summary>
    private static void CompareValues(ItemDiff item, string path, IReadOnlyList<Leaf> before, IReadOnlyList<Leaf> after)
    {
        foreach (var step in Align(before.Count, after.Count, (i, j) => string.Equals(before[i].Value, after[j].Value, StringComparison.Ordinal), pair: null))
        {
            switch (step.Kind)
            {
                case StepKind.Removed:
                    item.Removed(path, before[step.Before].Shown, inList: true);
                    break;
                case StepKind.Added:
                    item.Added(path, after[step.After].Shown);
                    break;
            }
        }
    }

    /// <summary>
    /// Elements are matched by their natural key where the list has one and it is unique on both sides (a draft may be
    /// invalid), else by equal content; the elements left between two matches are paired when alike (or when one
    /// replaced one, an edit in place) and otherwise read as removed and added. An element inserted or removed is so
    /// one entry, never a change of every element after it.
    /// </summary>
    private static void CompareElements(ItemDiff item, string path, string shape, IReadOnlyList<Fields> before, IReadOnlyList<Fields> after)
    {
        Func<int, int, bool> match = (i, j) => Same(before[i], after[j]);
        if (NaturalKeys.TryGetValue((item.Section, shape), out var keyField)
            && UniqueKeys(before, keyField) is { } oldKeys && UniqueKeys(after, keyField) is { } newKeys)
        {
            match = (i, j) => string.Equals(oldKeys[i], newKeys[j], StringComparison.Ordinal);
        }

        foreach (var step in Align(before.Count, after.Count, match, (i, j) => Alike(before[i], after[j])))
        {
            switch (step.Kind)
            {
                case StepKind.Removed:
                    item.Removed($"{path}[{step.Before}]", ShowElement(before[step.Before]), inList: true);
                    break;
                case StepKind.Added:
                    item.Added($"{path}[{step.After}]", ShowElement(after[step.After]));
                    break;
                default:
                    var place = step.Before == step.After ? $"[{step.Before}]" : $"[{step.Before}→{step.After}]";
                    CompareFields(item, path + place, before[step.Before], after[step.After]);
                    break;
            }
        }
    }

    private static string[]? UniqueKeys(IReadOnlyList<Fields> elements, string keyField)
    {
        var keys = new string[elements.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            if (!elements[i].ByPath.TryGetValue(keyField, out var field) || field is not Leaf leaf || !seen.Add(leaf.Value))
            {
                return null;
            }

            keys[i] = leaf.Value;
        }

        return keys;
    }

    private enum StepKind
    {
        Removed,
        Added,
        Kept,
    }

    /// <summary>One step through two lists: an element removed (at <see cref="Before"/>), added (at <see cref="After"/>), or kept from one place to the other.</summary>
    private readonly record struct Step(StepKind Kind, int Before, int After);

    /// <summary>
    /// The two lists walked together: the longest run of matching elements is kept, and between two kept elements
    /// the rest are paired by <paramref name="pair"/> (none when null) or removed, then added.
    /// </summary>
    private static List<Step> Align(int beforeCount, int afterCount, Func<int, int, bool> match, Func<int, int, double?>? pair)
    {
        var steps = new List<Step>();
        var (i, j) = (0, 0);
        foreach (var (keptBefore, keptAfter) in LongestCommonSubsequence(beforeCount, afterCount, match).Append((beforeCount, afterCount)))
        {
            AlignGap(i, keptBefore, j, keptAfter, pair, steps);
            if (keptBefore < beforeCount)
            {
                steps.Add(new Step(StepKind.Kept, keptBefore, keptAfter));
            }

            (i, j) = (keptBefore + 1, keptAfter + 1);
        }

        return steps;
    }

    private static List<(int Before, int After)> LongestCommonSubsequence(int n, int m, Func<int, int, bool> match)
    {
        // Most edits touch one place: the common start and end are matched without the table.
        var start = 0;
        while (start < n && start < m && match(start, start))
        {
            start++;
        }

        var end = 0;
        while (end < n - start && end < m - start && match(n - 1 - end, m - 1 - end))
        {
            end++;
        }

        var (rows, columns) = (n - start - end, m - start - end);
        var lengths = new int[rows + 1, columns + 1];
        for (var r = rows - 1; r >= 0; r--)
        {
            for (var c = columns - 1; c >= 0; c--)
            {
                lengths[r, c] = match(start + r, start + c) ? lengths[r + 1, c + 1] + 1 : Math.Max(lengths[r + 1, c], lengths[r, c + 1]);
            }
        }

        var kept = new List<(int, int)>(Math.Min(n, m));
        for (var k = 0; k < start; k++)
        {
            kept.Add((k, k));
        }

        var (x, y) = (0, 0);
        while (x < rows && y < columns)
        {
            if (match(start + x, start + y) && lengths[x, y] == lengths[x + 1, y + 1] + 1)
            {
                kept.Add((start + x++, start + y++));
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                x++;
            }
            else
            {
                y++;
            }
        }

        for (var k = end; k > 0; k--)
        {
            kept.Add((n - k, m - k));
        }

        return kept;
    }

    /// <summary>
    /// The elements between two kept ones: one replacing one is an edit of it; otherwise the pairing that costs least,
    /// where removing or adding an element costs 1 and pairing two costs twice the share of their fields that differ,
    /// so two elements pair only when they are alike enough for <paramref name="pair"/> to say so.
    /// </summary>
    private static void AlignGap(int beforeStart, int beforeEnd, int afterStart, int afterEnd, Func<int, int, double?>? pair, List<Step> steps)
    {
        var (n, m) = (beforeEnd - beforeStart, afterEnd - afterStart);
        if (pair is null || n == 0 || m == 0)
        {
            steps.AddRange(Enumerable.Range(beforeStart, n).Select(i => new Step(StepKind.Removed, i, -1)));
            steps.AddRange(Enumerable.Range(afterStart, m).Select(j => new Step(StepKind.Added, -1, j)));
            return;
        }

        if (n == 1 && m == 1)
        {
            steps.Add(new Step(StepKind.Kept, beforeStart, afterStart));
            return;
        }

        var costs = new double[n + 1, m + 1];
        for (var r = 0; r <= n; r++)
        {
            for (var c = 0; c <= m; c++)
            {
                costs[r, c] = r == 0 || c == 0 ? r + c : Math.Min(Math.Min(costs[r - 1, c], costs[r, c - 1]) + 1, costs[r - 1, c - 1] + PairCost(r - 1, c - 1));
            }
        }

        var reversed = new List<Step>(n + m);
        var (x, y) = (n, m);
        while (x > 0 || y > 0)
        {
            if (x > 0 && y > 0 && Near(costs[x, y], costs[x - 1, y - 1] + PairCost(x - 1, y - 1)))
            {
                reversed.Add(new Step(StepKind.Kept, beforeStart + --x, afterStart + --y));
            }
            else if (y > 0 && Near(costs[x, y], costs[x, y - 1] + 1))
            {
                // Walking backwards, so that what a stretch removes reads before what it adds.
                reversed.Add(new Step(StepKind.Added, -1, afterStart + --y));
            }
            else
            {
                reversed.Add(new Step(StepKind.Removed, beforeStart + --x, -1));
            }
        }

        reversed.Reverse();
        steps.AddRange(reversed);

        double PairCost(int r, int c) => pair(beforeStart + r, afterStart + c) is { } differing ? 2 * differing : double.PositiveInfinity;

        static bool Near(double a, double b) => Math.Abs(a - b) < 1e-9;
    }

    /// <summary>The share of the fields of two elements that differ, when at most half do; null when they are not alike.</summary>
    private static double? Alike(Fields a, Fields b)
    {
        var paths = a.Paths.Union(b.Paths, StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            return 0;
        }

        var differing = paths.Count(p => !(a.ByPath.TryGetValue(p, out var x) && b.ByPath.TryGetValue(p, out var y) && Same(x, y)));
        var share = (double)differing / paths.Count;
        return share <= 0.5 ? share : null;
    }

    private static bool Same(Field? a, Field? b) => (a, b) switch
    {
        (Leaf x, Leaf y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        (Values x, Values y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => string.Equals(p.First.Value, p.Second.Value, StringComparison.Ordinal)),
        (Elements x, Elements y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (Values { Items.Count: 0 }, Elements { Items.Count: 0 }) or (Elements { Items.Count: 0 }, Values { Items.Count: 0 }) => true,
        _ => false,
    };

    private static bool Same(Fields a, Fields b) =>
        a.Paths.Count == b.Paths.Count && a.Paths.All(p => b.ByPath.TryGetValue(p, out var other) && Same(a.ByPath[p], other));

    private static string Show(Field? field) => field switch
    {
        Leaf leaf => leaf.Shown,
        Values values => "[" + string.Join(", ", values.Items.Select(v => v.Shown)) + "]",
        Elements elements => "[" + string.Join(", ", elements.Items.Select(ShowElement)) + "]",
        _ => None,
    };

    private static string ShowElement(Fields element) =>
        element.Paths is [""] ? Show(element.ByPath[""]) : "{" + string.Join(", ", element.Paths.Select(p => $"{p}: {Show(element.ByPath[p])}")) + "}";

    private static string Join(string prefix, string name) =>
        prefix.Length == 0 ? name : name.Length == 0 ? prefix : prefix + "." + name;

    /// <summary>
    /// Items by key. Duplicate keys (an invalid configuration, but one that can be compared) are told
    /// apart by their occurrence: <c>FS-1</c>, <c>FS-1 (2)</c>.
    /// </summary>
    private static Dictionary<string, object> Keyed(SiteConfiguration config, ConfigurationSection section)
    {
        IEnumerable<(string Key, object Item)> items = section switch
        {
            ConfigurationSection.Channels => config.Channels.Select(c => (c.Code, (object)c)),
            ConfigurationSection.FreeShipping => config.FreeShipping.Select(r => (r.Id, (object)r)),
            ConfigurationSection.ConsolidationPromos => config.ConsolidationPromos.Select(r => (r.Id, (object)r)),
            _ => config.RestrictedGoods.Select(r => (r.Id, (object)r)),
        };
        var keyed = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, item) in items)
        {
            var unique = key;
            for (var n = 2; keyed.ContainsKey(unique); n++)
            {
                unique = $"{key} ({n})";
            }

            keyed[unique] = item;
        }

        return keyed;
    }

    private static byte[] ItemBytes(object item, ConfigurationSection section, int? minorUnits) =>
        ConfigurationJson.Write(false, writer =>
        {
            switch (section)
            {
                case ConfigurationSection.Channels:
                    ConfigurationJson.WriteChannel(writer, (Channel)item, minorUnits);
                    break;
                case ConfigurationSection.FreeShipping:
                    ConfigurationJson.WriteFreeShipping(writer, (FreeShippingRule)item, minorUnits);
                    break;
                case ConfigurationSection.ConsolidationPromos:
                    ConfigurationJson.WritePromo(writer, (ConsolidationPromo)item, minorUnits);
                    break;
                default:
                    ConfigurationJson.WriteRestrictedGoods(writer, (RestrictedGoodsRule)item);
                    break;
            }
        });

    private static string ItemJson(object item, ConfigurationSection section, int? minorUnits) =>
        System.Text.Encoding.UTF8.GetString(ItemBytes(item, section, minorUnits));

    /// <summary>How an item reads: its section and site say which of its numbers are money.</summary>
    private sealed record Reading(ConfigurationSection Section, JsonElement Item, SiteInfo? Site);

    /// <summary>The fields of the item's canonical JSON; lists keep their elements, to be matched rather than indexed.</summary>
    private static Fields Flatten(object item, ConfigurationSection section, int? minorUnits, SiteInfo? site)
    {
        using var document = JsonDocument.Parse(ItemBytes(item, section, minorUnits));
        var fields = new Fields();
        Flatten(document.RootElement, string.Empty, string.Empty, null, new Reading(section, document.RootElement, site), fields);
        return fields;
    }

    /// <param name="path">The path inside the object being flattened (the item, or a list element).</param>
    /// <param name="shape">The path from the item with list indices left out (<c>tiers.discount.value</c>).</param>
    /// <param name="element">The list element being flattened, if any.</param>
    private static void Flatten(JsonElement value, string path, string shape, JsonElement? element, Reading reading, Fields into)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten(property.Value, Join(path, property.Name), Join(shape, property.Name), element, reading, into);
                }

                break;
            case JsonValueKind.Array when value.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array):
                var elements = new List<Fields>();
                foreach (var child in value.EnumerateArray())
                {
                    var fields = new Fields();
                    Flatten(child, string.Empty, shape, child, reading, fields);
                    elements.Add(fields);
                }

                into.Add(path, new Elements(shape, elements));
                break;
            case JsonValueKind.Array:
                into.Add(path, new Values([.. value.EnumerateArray().Select(v => new Leaf(Display(v), Display(v)))]));
                break;
            default:
                var stored = Display(value);
                var shown = reading.Site is { } site && IsMoney(reading.Section, shape, reading.Item, element)
                    && decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                        ? site.ShowMoney(amount)
                        : stored;
                into.Add(path, new Leaf(stored, shown));
                break;
        }
    }

    /// <summary>
    /// Whether the field at <paramref name="shape"/> is an amount of the site's money. Some depend on the item: a
    /// promotion tier's minimum is money only on a subtotal basis, a discount's value only for an amount off.
    /// </summary>
    private static bool IsMoney(ConfigurationSection section, string shape, JsonElement item, JsonElement? element) => section switch
    {
        ConfigurationSection.Channels => shape is "rate.firstPrice" or "rate.stepPrice" or "surcharges.amount",
        ConfigurationSection.FreeShipping => shape == "threshold",
        ConfigurationSection.ConsolidationPromos => shape switch
        {
            "dailyBudget" => true,
            "tiers.min" => Named(item, "basis") == nameof(PromoBasis.Subtotal),
            "tiers.discount.value" => element is { } tier && tier.TryGetProperty("discount", out var discount) && Named(discount, "kind") == nameof(DiscountKind.Amount),
            _ => false,
        },
        _ => false,
    };

    private static string? Named(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => Amounts.Trim(value.GetDecimal()).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => None,
    };
}
