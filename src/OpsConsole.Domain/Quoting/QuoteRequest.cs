namespace OpsConsole.Domain.Quoting;

/// <summary>A cart to quote. <see cref="At"/> null means now; <see cref="Locale"/> null means the site's default.</summary>
public sealed record QuoteRequest(
    DateTimeOffset? At,
    string? Locale,
    Buyer Buyer,
    Destination Destination,
    IReadOnlyList<CartItem> Items);

public sealed record Buyer(string Id, bool IsNew);

public sealed record Destination(string? Area, string? PostalCode, bool HomeDelivery);

public sealed record CartItem(
    string Sku,
    string StoreId,
    string? Title,
    string Category,
    IReadOnlyList<string> Attributes,
    decimal UnitPrice,
    int Quantity,
    int UnitWeightGrams);
