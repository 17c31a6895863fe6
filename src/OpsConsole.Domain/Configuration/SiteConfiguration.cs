namespace OpsConsole.Domain.Configuration;

/// <summary>
/// One site's configuration: the four sections that are versioned together.
/// </summary>
/// <remarks>
/// Configuration order. The product says reordering rules in the JSON changes neither the hash nor
/// any quote, yet the engine lists restrictions "in configuration order" and breaks free-shipping
/// ties "by order". Both hold because the order is derived from content, not from where an item
/// was written: channels by kind (standard, express, consolidation, pickup) then code, and every
/// rule list by id (ordinal). The sections are put in that order whenever they are set, so the
/// engine, the canonical JSON, the hash and equality all see one order. Order inside an item
/// (surcharges, tiers, a rule's channel list) is kept as written, because there it is meaningful.
/// Ties of duplicate codes or ids keep their written order (a stable sort); validation rejects them.
/// </remarks>
public sealed record SiteConfiguration
{
    public SiteConfiguration(
        string site,
        IEnumerable<Channel> channels,
        IEnumerable<FreeShippingRule> freeShipping,
        IEnumerable<ConsolidationPromo> consolidationPromos,
        IEnumerable<RestrictedGoodsRule> restrictedGoods)
    {
        Site = site;
        Channels = ValueList.From(channels);
        FreeShipping = ValueList.From(freeShipping);
        ConsolidationPromos = ValueList.From(consolidationPromos);
        RestrictedGoods = ValueList.From(restrictedGoods);
    }

    public string Site { get; init; }

    public ValueList<Channel> Channels
    {
        get;
        init => field = ValueList.From(value.OrderBy(c => c.Kind).ThenBy(c => c.Code, StringComparer.Ordinal));
    }

    public ValueList<FreeShippingRule> FreeShipping
    {
        get;
        init => field = ValueList.From(value.OrderBy(r => r.Id, StringComparer.Ordinal));
    }

    public ValueList<ConsolidationPromo> ConsolidationPromos
    {
        get;
        init => field = ValueList.From(value.OrderBy(r => r.Id, StringComparer.Ordinal));
    }

    public ValueList<RestrictedGoodsRule> RestrictedGoods
    {
        get;
        init => field = ValueList.From(value.OrderBy(r => r.Id, StringComparer.Ordinal));
    }

    public Channel? FindChannel(string code)
    {
        foreach (var channel in Channels)
        {
            if (string.Equals(channel.Code, code, StringComparison.Ordinal))
            {
                return channel;
            }
        }

        return null;
    }
}
