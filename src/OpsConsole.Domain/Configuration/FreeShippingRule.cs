namespace OpsConsole.Domain.Configuration;

public sealed record FreeShippingRule(
    string Id,
    string Name,
    ValueList<string> Channels,
    FreeShippingScope Scope,
    decimal Threshold,
    ValueList<string> IncludeCategories,
    ValueList<string> ExcludeCategories,
    int? MaxWeightGrams,
    Audience Audience,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    bool WaivesSurcharges,
    LocalizedText NudgeTemplates) : IHasValidity;
