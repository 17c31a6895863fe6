using OpsConsole.Domain.Quoting;

namespace OpsConsole.Domain.Tests.Support;

public static class Carts
{
    /// <summary>Friday 20 November 2026, 10:00 in Hong Kong.</summary>
    public static readonly DateTimeOffset FridayMorning = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public static CartItem Item(
        string sku = "SKU-1", string store = "S1", string category = "food/tea", decimal price = 50m, int quantity = 1, int grams = 100,
        string? title = "Item", params string[] attributes) =>
        new(sku, store, title, category, attributes, price, quantity, grams);

    public static QuoteRequest Request(params CartItem[] items) =>
        new(FridayMorning, "en-HK", new Buyer("buyer", false), new Destination("KLN", null, false), items);

    public static QuotedChannel Channel(this Quote quote, string code) => quote.Channels.Single(c => c.Code == code);
}
