namespace OpsConsole.Domain.Configuration;

/// <summary>A way to ship, with its rate, transit time, surcharges and delivery-promise texts.</summary>
public sealed record Channel(
    string Code,
    ChannelKind Kind,
    bool Enabled,
    LocalizedText Names,
    Rate Rate,
    Transit Transit,
    ValueList<Surcharge> Surcharges,
    LocalizedText PromiseTemplates);

/// <summary>Weight-based price: the first weight at the first price, then one step price per started step.</summary>
public sealed record Rate(
    int FirstWeightGrams,
    decimal FirstPrice,
    int StepWeightGrams,
    decimal StepPrice,
    int MaxWeightGrams);

public sealed record Transit(
    int MinDays,
    int MaxDays,
    bool BusinessDays,
    TimeOnly CutoffLocalTime,
    ValueList<DateOnly> Holidays);

public sealed record Surcharge(
    SurchargeKind Kind,
    ValueList<string> Areas,
    ValueList<string> PostalCodePrefixes,
    decimal Amount);
