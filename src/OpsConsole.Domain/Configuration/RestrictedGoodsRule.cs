namespace OpsConsole.Domain.Configuration;

public sealed record RestrictedGoodsRule(
    string Id,
    string Name,
    GoodsMatch Match,
    RestrictionAction Action,
    ValueList<string> Channels,
    int? MaxQuantity,
    LocalizedText Reasons,
    string? LegalReference,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo) : IHasValidity;

/// <summary>
/// Every given criterion must hold; within one list any value may match. A match with no criterion
/// matches every item (validation warns about it).
/// </summary>
public sealed record GoodsMatch(
    ValueList<string> CategoryPrefixes,
    ValueList<string> Attributes,
    ValueList<string> TitleKeywords,
    int? MinUnitWeightGrams)
{
    public bool HasCriteria =>
        CategoryPrefixes.Count > 0 || Attributes.Count > 0 || TitleKeywords.Count > 0 || MinUnitWeightGrams is not null;
}

/// <summary>The attributes the product names; others are allowed but warned about, as they are likely typos.</summary>
public static class ItemAttributes
{
    public static IReadOnlyList<string> Known { get; } =
        ["Battery", "Liquid", "Powder", "Magnetic", "Blade", "Medicine", "Food", "Cosmetics"];
}
