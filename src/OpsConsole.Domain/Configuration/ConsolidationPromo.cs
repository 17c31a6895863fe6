namespace OpsConsole.Domain.Configuration;

public sealed record ConsolidationPromo(
    string Id,
    string Name,
    string Channel,
    PromoBasis Basis,
    ValueList<PromoTier> Tiers,
    Audience Audience,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    decimal? DailyBudget,
    bool StacksWithFreeShipping,
    LocalizedText NudgeTemplates) : IHasValidity;

/// <summary>From <see cref="Min"/> (stores, grams or money, by the promotion's basis) the discount applies.</summary>
public sealed record PromoTier(decimal Min, PromoDiscount Discount);

/// <summary><see cref="Value"/> is a percentage for Percent, money for Amount, and null for Free.</summary>
public sealed record PromoDiscount(DiscountKind Kind, decimal? Value);
