using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Preview;

/// <summary>A product the preview cart can hold; the same goods on every site, priced in the site's money.</summary>
public sealed record SampleProduct(string Sku, string StoreId, string Title, string Category, IReadOnlyList<string> Attributes, decimal UnitPrice, int UnitWeightGrams);

/// <summary>
/// A small fixed catalogue for previews: goods that exercise each part of a configuration (weights across
/// steps, several stores for consolidation, batteries, liquids, blades, medicine, furniture, and goods one site restricts).
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

    // Goods that only one site's demo rules restrict (HK's aerosols, TW's pork, SG's gum and vapes), so that staff can try
    // those rules in the preview. The impact simulation leaves them out: its carts, and the figures staff have compared
    // between drafts, stay the mix they were.
    private static readonly (string Sku, string Store, string Title, string Category, string[] Attributes, decimal PriceHkd, int Grams)[] RestrictedSomewhere =
    [
        ("HAIR-SPRAY", "S-BEAUTY", "Hair spray (aerosol)", "beauty/sprays", ["Cosmetics"], 69m, 350),
        ("PORK-JERKY", "S-FOOD", "Pork jerky", "food/meat/jerky", ["Food"], 78m, 200),
        ("CHEWING-GUM", "S-FOOD", "Chewing gum", "food/confectionery/gum", ["Food"], 12m, 50),
        ("VAPE-PEN", "S-ACC", "Vape pen", "electronics/vape", ["Battery"], 159m, 60),
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

    /// <summary>The preview cart's products: the sample goods, then the goods some site restricts.</summary>
    public static IReadOnlyList<SampleProduct> For(SiteInfo site) => [.. Goods.Concat(RestrictedSomewhere).Select(g => Priced(site, g))];

    /// <summary>The goods the impact simulation draws its carts from.</summary>
    public static IReadOnlyList<SampleProduct> ForImpact(SiteInfo site) => [.. Goods.Select(g => Priced(site, g))];

    private static SampleProduct Priced(SiteInfo site, (string Sku, string Store, string Title, string Category, string[] Attributes, decimal PriceHkd, int Grams) g) =>
        new(g.Sku, g.Store, g.Title, g.Category, g.Attributes, site.Round(g.PriceHkd * RateFromHkd[site.Code]), g.Grams);
}
