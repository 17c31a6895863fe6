using System.Globalization;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;

namespace OpsConsole.Domain.Demo;

/// <summary>
/// Large, valid HK configurations and carts generated from a seed: the same seed always gives the
/// same result. Used to measure the engine and the validator at a realistic scale (thousands of
/// restricted-goods rules, as a marketplace accumulates them per category) and to check properties.
/// </summary>
public static class SyntheticConfiguration
{
    private static readonly string[] Top =
    [
        "food", "health", "beauty", "electronics", "home", "toys", "sports", "fashion", "books", "baby",
        "pets", "auto", "garden", "office", "music", "tools", "outdoor", "kitchen", "crafts", "travel",
        "bags", "shoes", "watches", "jewellery", "furniture", "lighting", "bedding", "bath", "party", "stationery",
    ];

    private static readonly string[] Words =
    [
        "lithium", "aerosol", "knife", "perfume", "vape", "seed", "drone", "laser", "magnet", "gel",
        "噴霧", "刀", "電池", "香水", "種子", "powder", "spray", "torch", "pepper", "antique",
    ];

    private static readonly string[] TitleWords =
    [
        "classic", "mini", "pro", "set", "pack", "deluxe", "travel", "kids", "eco", "smart",
        "茶", "禮盒", "wireless", "organic", "portable", "large", "cotton", "steel", "bamboo", "glass",
    ];

    /// <summary>Every leaf category: 30 departments × 20 aisles × 20 shelves, like <c>food/a3/s17</c>.</summary>
    public static IReadOnlyList<string> LeafCategories { get; } =
        [.. Top.SelectMany(top => Enumerable.Range(0, 20).SelectMany(a => Enumerable.Range(0, 20).Select(s => $"{top}/a{a}/s{s}")))];

    public static SiteConfiguration Create(int restrictedGoodsRules = 5000, int channels = 8, int seed = 42)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<ChannelKind>();
        var channelList = Enumerable.Range(1, channels).Select(i => Channel(i, kinds[(i - 1) % kinds.Length], random)).ToList();
        var codes = channelList.Select(c => c.Code).ToArray();
        var consolidation = channelList.Where(c => c.Kind == ChannelKind.Consolidation).Select(c => c.Code).ToList();

        var freeShipping = Enumerable.Range(1, 6).Select(i => new FreeShippingRule(
            $"FS-{i:D2}",
            $"Free shipping {i}",
            [codes[random.Next(codes.Length)]],
            i % 3 == 0 ? FreeShippingScope.SingleItem : FreeShippingScope.Cart,
            random.Next(10, 60) * 10m,
            i % 2 == 0 ? [Top[random.Next(Top.Length)]] : [],
            i % 2 == 1 ? [Top[random.Next(Top.Length)]] : [],
            i % 4 == 0 ? null : random.Next(2, 10) * 1000,
            i == 5 ? Audience.NewBuyers : Audience.All,
            null,
            null,
            i % 2 == 0,
            Texts("Add {remaining} more for free shipping", "再買 {remaining} 即享免運"))).ToList();

        var promos = consolidation.Select((code, i) => new ConsolidationPromo(
            $"CP-{i + 1:D2}",
            $"Consolidation promotion {i + 1}",
            code,
            (PromoBasis)(i % 3),
            (PromoBasis)(i % 3) switch
            {
                PromoBasis.StoreCount => [Tier(2, DiscountKind.Percent, 10), Tier(4, DiscountKind.Percent, 30), Tier(6, DiscountKind.Free, null)],
                PromoBasis.WeightGrams => [Tier(2000, DiscountKind.Amount, 5), Tier(5000, DiscountKind.Amount, 12)],
                _ => [Tier(200, DiscountKind.Percent, 15), Tier(500, DiscountKind.Free, null)],
            },
            Audience.All,
            null,
            null,
            10000m,
            i % 2 == 1,
            Texts("{remaining} to go, next tier at {nextTierMin}", "還差 {remaining}"))).ToList();

        var rules = Enumerable.Range(1, restrictedGoodsRules).Select(i => Rule(i, random, codes)).ToList();
        return new SiteConfiguration("HK", channelList, freeShipping, promos, rules);
    }

    /// <summary>A cart of items spread over the synthetic categories, a third of them with an attribute.</summary>
    public static QuoteRequest Cart(int items, int seed, DateTimeOffset? at = null)
    {
        var random = new Random(seed);
        var cart = Enumerable.Range(1, items).Select(i => new CartItem(
            $"SKU-{i}",
            $"S{random.Next(1, 8)}",
            $"{TitleWords[random.Next(TitleWords.Length)]} {TitleWords[random.Next(TitleWords.Length)]} {(random.Next(10) == 0 ? Words[random.Next(Words.Length)] : "item")}",
            LeafCategories[random.Next(LeafCategories.Count)],
            random.Next(3) == 0 ? [ItemAttributes.Known[random.Next(ItemAttributes.Known.Count)]] : [],
            random.Next(500, 50000) / 100m,
            random.Next(1, 4),
            random.Next(50, 1500))).ToList();
        return new QuoteRequest(at, "en-HK", new Buyer("buyer", random.Next(2) == 0), new Destination(random.Next(4) == 0 ? "NT-ISLANDS" : "KLN", null, random.Next(2) == 0), cart);
    }

    private static Channel Channel(int index, ChannelKind kind, Random random) => new(
        $"CH_{index}",
        kind,
        true,
        Texts($"Channel {index}", $"渠道 {index}"),
        new Rate(500 * random.Next(1, 3), random.Next(10, 40), 500, random.Next(3, 12), random.Next(10, 31) * 1000),
        new Transit(random.Next(1, 4), random.Next(4, 10), random.Next(2) == 0, new TimeOnly(random.Next(10, 20), 0), [new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]),
        [
            new Surcharge(SurchargeKind.RemoteArea, ["NT-ISLANDS"], ["999"], 12m),
            new Surcharge(SurchargeKind.HomeDelivery, [], [], 15m),
        ],
        Texts("{channelName}: {minDays}-{maxDays} days ({earliestDate} to {latestDate})", "{channelName}：{minDays}-{maxDays} 天"));

    private static PromoTier Tier(decimal min, DiscountKind kind, decimal? value) => new(min, new PromoDiscount(kind, value));

    private static RestrictedGoodsRule Rule(int index, Random random, string[] codes)
    {
        var shape = random.Next(1000);
        var leaf = LeafCategories[random.Next(LeafCategories.Count)];
        // Most rules name a shelf (a leaf), some an aisle: an item typically meets zero to two rules.
        var prefix = string.Join('/', leaf.Split('/').Take(random.Next(100) < 85 ? 3 : 2));
        var attribute = ItemAttributes.Known[random.Next(ItemAttributes.Known.Count)];
        var keyword = Words[random.Next(Words.Length)];
        var match = shape switch
        {
            < 550 => new GoodsMatch([prefix], [], [], null),
            < 900 => new GoodsMatch([string.Join('/', leaf.Split('/').Take(random.Next(1, 3)))], [attribute], [], null),
            < 980 => new GoodsMatch([prefix], [], [keyword], null),
            < 986 => new GoodsMatch([], [attribute], [], null),
            < 997 => new GoodsMatch([], [], [keyword, Words[random.Next(Words.Length)]], null),
            _ => new GoodsMatch([], [], [], random.Next(5, 20) * 1000),
        };
        var action = (RestrictionAction)random.Next(4);
        var window = random.Next(10) == 0;
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 365));
        return new RestrictedGoodsRule(
            $"RG-{index:D5}",
            $"Synthetic rule {index.ToString(CultureInfo.InvariantCulture)}",
            match,
            action,
            action == RestrictionAction.BlockChannels ? [.. codes.OrderBy(_ => random.Next()).Take(random.Next(1, 3))] : [],
            action == RestrictionAction.QuantityLimit ? random.Next(1, 6) : null,
            Texts($"Restricted by rule {index}", $"受規則 {index} 限制"),
            "Synthetic",
            window ? from : null,
            window ? from.AddDays(random.Next(30, 200)) : null);
    }

    private static LocalizedText Texts(string english, string chinese) => LocalizedText.Of(("en-HK", english), ("zh-Hant-HK", chinese));
}
