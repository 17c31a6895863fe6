namespace OpsConsole.Domain.Configuration;

/// <summary>The four versioned sections, in the order they are shown and compared.</summary>
public enum ConfigurationSection
{
    Channels,
    FreeShipping,
    ConsolidationPromos,
    RestrictedGoods,
}

public static class ConfigurationSections
{
    public static IReadOnlyList<ConfigurationSection> All { get; } = Enum.GetValues<ConfigurationSection>();

    /// <summary>The section's field name in the contract's JSON.</summary>
    public static string JsonName(this ConfigurationSection section) => section switch
    {
        ConfigurationSection.Channels => "channels",
        ConfigurationSection.FreeShipping => "freeShipping",
        ConfigurationSection.ConsolidationPromos => "consolidationPromos",
        _ => "restrictedGoods",
    };

    /// <summary>How staff call an item of the section in a sentence.</summary>
    public static string ItemLabel(this ConfigurationSection section) => section switch
    {
        ConfigurationSection.Channels => "channel",
        ConfigurationSection.FreeShipping => "free shipping",
        ConfigurationSection.ConsolidationPromos => "consolidation promotion",
        _ => "restricted goods",
    };

    public static bool SectionEquals(SiteConfiguration a, SiteConfiguration b, ConfigurationSection section) => section switch
    {
        ConfigurationSection.Channels => a.Channels.Equals(b.Channels),
        ConfigurationSection.FreeShipping => a.FreeShipping.Equals(b.FreeShipping),
        ConfigurationSection.ConsolidationPromos => a.ConsolidationPromos.Equals(b.ConsolidationPromos),
        _ => a.RestrictedGoods.Equals(b.RestrictedGoods),
    };

    /// <summary>A copy of <paramref name="target"/> with one section taken from <paramref name="source"/>.</summary>
    public static SiteConfiguration WithSectionFrom(this SiteConfiguration target, SiteConfiguration source, ConfigurationSection section) => section switch
    {
        ConfigurationSection.Channels => target with { Channels = source.Channels },
        ConfigurationSection.FreeShipping => target with { FreeShipping = source.FreeShipping },
        ConfigurationSection.ConsolidationPromos => target with { ConsolidationPromos = source.ConsolidationPromos },
        _ => target with { RestrictedGoods = source.RestrictedGoods },
    };
}
