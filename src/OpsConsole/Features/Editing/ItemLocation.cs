using System.Globalization;
using OpsConsole.Domain.Configuration;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Features.Editing;

/// <summary>
/// The item of a section that a validation path points into (<c>freeShipping[2].threshold</c> is the free-shipping rule
/// at index 2), named as staff know it: a channel by its code, a rule or promotion by its id.
/// </summary>
public sealed record ItemLocation(ConfigurationSection Section, int Index, string Name)
{
    private static readonly (string Prefix, ConfigurationSection Section)[] Sections =
    [
        ("channels[", ConfigurationSection.Channels),
        ("freeShipping[", ConfigurationSection.FreeShipping),
        ("consolidationPromos[", ConfigurationSection.ConsolidationPromos),
        ("restrictedGoods[", ConfigurationSection.RestrictedGoods),
    ];

    /// <summary>
    /// The item <paramref name="path"/> points into in <paramref name="config"/> (the configuration the path was found
    /// in), or null for a path outside the items (<c>site</c>) or an index the configuration does not have.
    /// </summary>
    public static ItemLocation? Of(string path, SiteConfiguration config)
    {
        foreach (var (prefix, section) in Sections)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var close = path.IndexOf(']', prefix.Length);
            var rest = close < 0 ? "" : path[(close + 1)..];
            if (close < 0 || (rest.Length > 0 && rest[0] is not ('.' or '['))
                || !int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || NameAt(config, section, index) is not { } name)
            {
                return null;
            }

            // An item whose code or id is blank (the error may be just that) is named by where it is.
            return new ItemLocation(section, index, string.IsNullOrWhiteSpace(name) ? path[..(close + 1)] : name);
        }

        return null;
    }

    private static string? NameAt(SiteConfiguration config, ConfigurationSection section, int index)
    {
        static bool In<T>(ValueList<T> list, int at) => at < list.Count;
        return section switch
        {
            ConfigurationSection.Channels when In(config.Channels, index) => config.Channels[index].Code,
            ConfigurationSection.FreeShipping when In(config.FreeShipping, index) => config.FreeShipping[index].Id,
            ConfigurationSection.ConsolidationPromos when In(config.ConsolidationPromos, index) => config.ConsolidationPromos[index].Id,
            ConfigurationSection.RestrictedGoods when In(config.RestrictedGoods, index) => config.RestrictedGoods[index].Id,
            _ => null,
        };
    }
}
