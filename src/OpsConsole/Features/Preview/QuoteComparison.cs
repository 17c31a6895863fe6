using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Preview;

/// <summary>One aspect of one channel as the release and the draft quote it.</summary>
public sealed record ComparedLine(string Aspect, string Release, string Draft)
{
    public bool Differs => !string.Equals(Release, Draft, StringComparison.Ordinal);
}

public sealed record ComparedChannel(string Code, string Name, IReadOnlyList<ComparedLine> Lines)
{
    public bool Differs => Lines.Any(l => l.Differs);
}

/// <summary>
/// A consolidation promotion's daily budget against what one order like the preview's cart, shipped on the promotion's
/// channel, would take from it: the simulated spend.
/// </summary>
public sealed record BudgetLine(string PromoId, string Channel, decimal? DailyBudget, decimal Spend)
{
    /// <summary>How many such orders the budget pays for in a day; null when there is no budget or the order takes nothing.</summary>
    public long? OrdersCovered => DailyBudget is { } budget && Spend > 0 ? (long)Math.Floor(budget / Spend) : null;
}

/// <summary>Lines up two quotes of one cart, channel by channel, in words a buyer would read.</summary>
public static class QuoteComparison
{
    /// <summary>What an item line says when nothing restricts it, in the user's language.</summary>
    public static string Purchasable => T("Purchasable");

    public static IReadOnlyList<ComparedChannel> Compare(SiteInfo site, Quote release, Quote draft)
    {
        var codes = draft.Channels.Select(c => c.Code).Concat(release.Channels.Select(c => c.Code)).Distinct(StringComparer.Ordinal);
        var compared = new List<ComparedChannel>();
        foreach (var code in codes)
        {
            var before = release.Channels.FirstOrDefault(c => c.Code == code);
            var after = draft.Channels.FirstOrDefault(c => c.Code == code);
            compared.Add(new ComparedChannel(code, (after ?? before)!.Name,
            [
                new("Availability", Availability(before), Availability(after)),
                new("Fee", Fee(site, before), Fee(site, after)),
                new("Discounts", Discounts(site, before), Discounts(site, after)),
                new("Promise", before?.Promise?.Text ?? "—", after?.Promise?.Text ?? "—"),
                new("Nudges", Nudges(before), Nudges(after)),
            ]));
        }

        return compared;
    }

    /// <summary>Every consolidation promotion of the configuration with what this cart's order would spend of its budget.</summary>
    public static IReadOnlyList<BudgetLine> Budgets(Domain.Configuration.SiteConfiguration config, Quote quote) =>
        [.. config.ConsolidationPromos.Select(promo => new BudgetLine(promo.Id, promo.Channel, promo.DailyBudget,
            quote.Channels.Where(c => c.Code == promo.Channel)
                .SelectMany(c => c.Discounts)
                .Where(d => d.Kind == DiscountSource.ConsolidationPromo && d.RuleId == promo.Id)
                .Sum(d => d.Amount)))];

    /// <summary>Items whose purchasability or restrictions differ, as "SKU: …" lines per side.</summary>
    public static IReadOnlyList<ComparedLine> Items(Quote release, Quote draft) =>
        [.. draft.Items.Zip(release.Items)
            .Select(pair => new ComparedLine(pair.First.Sku, Item(pair.Second), Item(pair.First)))];

    private static string Item(QuotedItem item) =>
        (item.Purchasable ? Purchasable : T("Not purchasable"))
        + (item.RequiresIdDocument ? T(", needs an ID document") : "")
        + (item.Restrictions.Count > 0 ? " (" + Join(item.Restrictions.Select(r => $"{r.RuleId}: {r.Reason}")) + ")" : "");

    private static string Availability(QuotedChannel? channel) => channel switch
    {
        null => T("Not offered"),
        { Available: true } => T("Available"),
        _ => F("Unavailable: {0}", Join(channel.UnavailableReasons.Select(r => r.Text ?? ReasonText(r.Code)))),
    };

    // Only a rule's block carries a text (the rule's reason, in the buyer's locale); the others are the engine's codes,
    // said in the console's language rather than as enum names.
    private static string ReasonText(UnavailableReasonCode code) => code switch
    {
        UnavailableReasonCode.Overweight => T("over the channel's maximum weight"),
        UnavailableReasonCode.NothingToShip => T("nothing in the cart can be bought"),
        _ => code.ToString(),
    };

    private static string Fee(SiteInfo site, QuotedChannel? channel)
    {
        if (channel?.Fee is not { } fee)
        {
            return "—";
        }

        var parts = new List<string> { F("base {0}", site.FormatMoney(channel.BaseFee ?? 0)) };
        parts.AddRange(channel.Surcharges.Select(s => $"+{site.FormatMoney(s.Amount)} {(s.Kind == Domain.Configuration.SurchargeKind.RemoteArea ? T("remote area") : T("home delivery"))}"));
        return $"{site.FormatMoney(fee)} ({string.Join(", ", parts)})";
    }

    private static string Discounts(SiteInfo site, QuotedChannel? channel) =>
        channel is null || channel.Discounts.Count == 0 ? "—" : Join(channel.Discounts.Select(d => $"{d.RuleId} −{site.FormatMoney(d.Amount)}"));

    private static string Nudges(QuotedChannel? channel) =>
        channel is null || channel.Nudges.Count == 0 ? "—" : string.Join(" · ", channel.Nudges.Select(n => n.Text));
}
