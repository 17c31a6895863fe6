using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
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
public static partial class ConfigurationDiff
{
    private const string None = "none";

    /// <summary>A leaf field: the value compared, and the value shown.</summary>
    private readonly record struct Leaf(string Value, string Shown);

    /// <summary>The differences from <paramref name="a"/> to <paramref name="b"/>, by section, then item key, then field.</summary>
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
                    CompareFields(section, key, label, Flatten(oldItem!, section, minorUnits, siteInfo), Flatten(newItem!, section, minorUnits, siteInfo), entries);
                }
            }
        }

        return entries;
    }

    /// <summary>The sections whose content differs, in section order.</summary>
    public static IReadOnlyList<ConfigurationSection> ChangedSections(SiteConfiguration a, SiteConfiguration b) =>
        [.. ConfigurationSections.All.Where(section => !ConfigurationSections.SectionEquals(a, b, section))];

    private static void CompareFields(
        ConfigurationSection section, string key, string label, SortedDictionary<string, Leaf> before, SortedDictionary<string, Leaf> after, List<DiffEntry> entries)
    {
        foreach (var field in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(field, out var oldLeaf);
            var has = after.TryGetValue(field, out var newLeaf);
            var (oldValue, newValue) = (oldLeaf.Shown, newLeaf.Shown);
            if (had && has)
            {
                // Compared as stored, shown as read: a tier's minimum of 2 stores and of 2 dollars are the same number.
                if (!string.Equals(oldLeaf.Value, newLeaf.Value, StringComparison.Ordinal))
                {
                    entries.Add(new DiffEntry(section, key, field, DiffKind.Changed, oldValue, newValue, $"{label}: {field} {oldValue} → {newValue}"));
                }
            }
            else if (has)
            {
                entries.Add(new DiffEntry(section, key, field, DiffKind.Added, null, newValue, $"{label}: {field} added: {newValue}"));
            }
            else
            {
                entries.Add(new DiffEntry(section, key, field, DiffKind.Removed, oldValue, null, $"{label}: {field} removed (was {oldValue})"));
            }
        }
    }

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

    /// <summary>Leaf fields of the item's canonical JSON; lists of plain values are one field, lists of objects are indexed.</summary>
    private static SortedDictionary<string, Leaf> Flatten(object item, ConfigurationSection section, int? minorUnits, SiteInfo? site)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(ItemBytes(item, section, minorUnits));
        Flatten(document.RootElement, string.Empty, fields);
        var leaves = new SortedDictionary<string, Leaf>(StringComparer.Ordinal);
        foreach (var (path, value) in fields)
        {
            var shown = site is not null && IsMoney(section, path, document.RootElement) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                ? site.ShowMoney(amount)
                : value;
            leaves[path] = new Leaf(value, shown);
        }

        return leaves;
    }

    /// <summary>
    /// Whether the field at <paramref name="path"/> is an amount of the site's money. Some depend on the item: a
    /// promotion tier's minimum is money only on a subtotal basis, a discount's value only for an amount off.
    /// </summary>
    private static bool IsMoney(ConfigurationSection section, string path, JsonElement item)
    {
        switch (section)
        {
            case ConfigurationSection.Channels:
                return path is "rate.firstPrice" or "rate.stepPrice" || SurchargeAmount().IsMatch(path);
            case ConfigurationSection.FreeShipping:
                return path == "threshold";
            case ConfigurationSection.ConsolidationPromos:
                if (path == "dailyBudget")
                {
                    return true;
                }

                var tier = TierField().Match(path);
                if (!tier.Success || !item.TryGetProperty("tiers", out var tiers) || tiers.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                var index = int.Parse(tier.Groups["index"].Value, CultureInfo.InvariantCulture);
                return tier.Groups["field"].Value == "min"
                    ? Named(item, "basis") == nameof(PromoBasis.Subtotal)
                    : index < tiers.GetArrayLength() && tiers[index].TryGetProperty("discount", out var discount) && Named(discount, "kind") == nameof(DiscountKind.Amount);
            default:
                return false;
        }
    }

    private static string? Named(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^surcharges\[\d+\]\.amount$", RegexOptions.CultureInvariant)]
    private static partial Regex SurchargeAmount();

    [GeneratedRegex(@"^tiers\[(?<index>\d+)\]\.(?<field>min|discount\.value)$", RegexOptions.CultureInvariant)]
    private static partial Regex TierField();

    private static void Flatten(JsonElement element, string path, SortedDictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, fields);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array):
                var index = 0;
                foreach (var child in element.EnumerateArray())
                {
                    Flatten(child, $"{path}[{index++}]", fields);
                }

                break;
            case JsonValueKind.Array:
                fields[path] = "[" + string.Join(", ", element.EnumerateArray().Select(Display)) + "]";
                break;
            default:
                fields[path] = Display(element);
                break;
        }
    }

    private static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => Amounts.Trim(value.GetDecimal()).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => None,
    };
}
