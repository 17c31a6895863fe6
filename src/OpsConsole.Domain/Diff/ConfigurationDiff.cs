using System.Globalization;
using System.Text.Json;
using OpsConsole.Domain.Configuration;

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
/// strings: numbers without trailing zeros (299, not 299.00), lists as <c>[A, B]</c>, null as <c>none</c>.
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

    /// <summary>The differences from <paramref name="a"/> to <paramref name="b"/>, by section, then item key, then field.</summary>
    public static IReadOnlyList<DiffEntry> Compare(SiteConfiguration a, SiteConfiguration b)
    {
        var entries = new List<DiffEntry>();
        var site = b.Site;
        var minorUnits = ConfigurationJson.MinorUnits(site);
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
                    CompareFields(section, key, label, Flatten(oldItem!, section, minorUnits), Flatten(newItem!, section, minorUnits), entries);
                }
            }
        }

        return entries;
    }

    /// <summary>The sections whose content differs, in section order.</summary>
    public static IReadOnlyList<ConfigurationSection> ChangedSections(SiteConfiguration a, SiteConfiguration b) =>
        [.. ConfigurationSections.All.Where(section => !ConfigurationSections.SectionEquals(a, b, section))];

    private static void CompareFields(
        ConfigurationSection section, string key, string label, SortedDictionary<string, string> before, SortedDictionary<string, string> after, List<DiffEntry> entries)
    {
        foreach (var field in before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var had = before.TryGetValue(field, out var oldValue);
            var has = after.TryGetValue(field, out var newValue);
            if (had && has)
            {
                if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
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
    private static SortedDictionary<string, string> Flatten(object item, ConfigurationSection section, int? minorUnits)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(ItemBytes(item, section, minorUnits));
        Flatten(document.RootElement, string.Empty, fields);
        return fields;
    }

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
