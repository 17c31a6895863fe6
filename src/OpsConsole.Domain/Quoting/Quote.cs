using OpsConsole.Domain.Configuration;

namespace OpsConsole.Domain.Quoting;

/// <summary>What a buyer is shown for a cart: per item its restrictions, per enabled channel its fee and promise.</summary>
public sealed record Quote(
    string Site,
    int? Version,
    string Currency,
    string Locale,
    IReadOnlyList<QuotedItem> Items,
    IReadOnlyList<QuotedChannel> Channels);

public sealed record QuotedItem(string Sku, bool Purchasable, bool RequiresIdDocument, IReadOnlyList<ItemRestriction> Restrictions);

/// <summary><see cref="Channels"/> is set only for BlockChannels, <see cref="MaxQuantity"/> only for QuantityLimit.</summary>
public sealed record ItemRestriction(string RuleId, RestrictionAction Action, IReadOnlyList<string>? Channels, int? MaxQuantity, string Reason);

/// <summary>An unavailable channel has no weight, fees or promise, and no surcharges, discounts or nudges.</summary>
public sealed record QuotedChannel(
    string Code,
    string Name,
    bool Available,
    IReadOnlyList<UnavailableReason> UnavailableReasons,
    int? ChargeableWeightGrams,
    decimal? BaseFee,
    IReadOnlyList<AppliedSurcharge> Surcharges,
    IReadOnlyList<AppliedDiscount> Discounts,
    decimal? Fee,
    DeliveryPromise? Promise,
    IReadOnlyList<Nudge> Nudges);

public enum UnavailableReasonCode
{
    BlockedByRule,
    Overweight,
    NothingToShip,
}

/// <summary>Only BlockedByRule reasons carry a rule and a text.</summary>
public sealed record UnavailableReason(UnavailableReasonCode Code, string? RuleId, string? Text);

public sealed record AppliedSurcharge(SurchargeKind Kind, decimal Amount);

public enum DiscountSource
{
    FreeShipping,
    ConsolidationPromo,
}

/// <summary>A positive amount subtracted from the fee.</summary>
public sealed record AppliedDiscount(DiscountSource Kind, string RuleId, decimal Amount);

public sealed record DeliveryPromise(int MinDays, int MaxDays, DateOnly EarliestDate, DateOnly LatestDate, string Text);

/// <summary>
/// What is still missing for a discount. <see cref="Remaining"/> is money (with the site's minor
/// units) for free shipping and Subtotal promotions, and a whole number of stores or grams otherwise.
/// </summary>
public sealed record Nudge(DiscountSource Kind, string RuleId, decimal Remaining, string Text);
