using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Preview;

/// <summary>A product the preview cart can hold; the same goods on every site, priced in the site's money.</summary>
public sealed record SampleProduct(string Sku, string StoreId, string Title, string Category, IReadOnlyList<string> Attributes, decimal UnitPrice, int UnitWeightGrams);

/// <summary>
/// A small fixed catalogue for previews: goods that exercise each part of a configuration (weights across
/// steps, several stores for consolidation, batteries, liquids, blades, medicine, furniture).
/// </summary>
public static class SampleCatalogue
{
    // Prices are written in HKD and converted with rough, stable rates, so each site gets familiar numbers.
    private static readonly (string Sku, string Store, string Title, string Category, string[] Attributes, decimal PriceHkd, int Grams)[] Goods =
    [
        ("PHONE-CASE", "S-ACC", "Phone case", "electronics/accessories", [], 59m, 120),
        ("FACE-CREAM", "S-BEAUTY", "Face cream", "beauty/skincare", ["Cosmetics"], 189m, 80),
        ("POWER-BANK", "S-POWER", "Power bank 10000 mAh", "electronics/power", ["Battery"], 199m, 300),
        ("COUGH-SYRUP", "S-PHARMA", "Cough syrup", "health/medicine/cold", ["Liquid", "Medicine"], 45m, 250),
        ("DESK-LAMP", "S-HOME", "Desk lamp", "home/lighting", [], 259m, 1500),
        ("KITCHEN-KNIFE", "S-HOME", "Kitchen knife", "home/kitchen", ["Blade"], 129m, 300),
        ("SNACK-BOX", "S-FOOD", "Snack box", "food/snacks", ["Food"], 88m, 900),
        ("BOOKSHELF", "S-FURNITURE", "Bookshelf", "furniture/shelves", [], 899m, 12000),
    ];

    private static readonly Dictionary<string, decimal> RateFromHkd = new(StringComparer.Ordinal)
    {
        ["HK"] = 1m,
        ["TW"] = 4m,
        ["SG"] = 0.17m,
        ["MY"] = 0.6m,
    };

    /// <summary>The cart a preview starts with: two items from two stores, a little under HK$299 worth.</summary>
    public static IReadOnlyDictionary<string, int> DefaultCart { get; } = new Dictionary<string, int> { ["PHONE-CASE"] = 1, ["FACE-CREAM"] = 1 };

    public static IReadOnlyList<SampleProduct> For(SiteInfo site) =>
        [.. Goods.Select(g => new SampleProduct(g.Sku, g.Store, g.Title, g.Category, g.Attributes, site.Round(g.PriceHkd * RateFromHkd[site.Code]), g.Grams))];
}
