using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;

namespace OpsConsole.Domain.Tests.Support;

/// <summary>Carts drawn from the categories, attributes and keywords a configuration mentions, so that rules actually match.</summary>
public static class RandomCarts
{
    private static readonly string[] Extra = ["food/tea", "books/novels", "home/decor", "health/medicines", "toys"];

    public static QuoteRequest Next(Random random, SiteConfiguration config, DateTimeOffset at)
    {
        var count = random.Next(0, 8);
        var items = Enumerable.Range(0, count).Select(i => NextItem(random, config, i)).ToArray();
        var locales = OpsConsole.Domain.Sites.SiteCatalog.Get(config.Site).Locales;
        var areas = config.Channels.SelectMany(c => c.Surcharges).SelectMany(s => s.Areas).Append("CENTRAL").ToArray();
        return new QuoteRequest(
            at.AddHours(random.Next(-2000, 2000)).AddMinutes(random.Next(60)),
            random.Next(4) == 0 ? "fr-FR" : locales[random.Next(locales.Count)],
            new Buyer("b", random.Next(2) == 0),
            new Destination(areas[random.Next(areas.Length)], random.Next(3) == 0 ? "88100" : null, random.Next(2) == 0),
            items);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SiteConfiguration, Words> Vocabulary = new();

    public static CartItem NextItem(Random random, SiteConfiguration config, int index)
    {
        var (categories, keywords) = Vocabulary.GetValue(config, c => new Words(
            [.. c.RestrictedGoods.SelectMany(r => r.Match.CategoryPrefixes)
                .Concat(c.FreeShipping.SelectMany(r => r.IncludeCategories.Concat(r.ExcludeCategories)))
                .Concat(Extra)
                .Distinct()],
            [.. c.RestrictedGoods.SelectMany(r => r.Match.TitleKeywords).Append("plain")]));
        var category = categories[random.Next(categories.Length)] + (random.Next(2) == 0 ? "/sub" : string.Empty);
        string[] attributes = random.Next(3) == 0 ? [ItemAttributes.Known[random.Next(ItemAttributes.Known.Count)]] : [];
        return new CartItem(
            $"SKU-{index}",
            $"S{random.Next(1, 7)}",
            random.Next(5) == 0 ? null : $"Item {keywords[random.Next(keywords.Length)]}",
            category,
            attributes,
            random.Next(0, 60000) / 100m,
            random.Next(1, 9),
            random.Next(0, 4000));
    }

    private sealed record Words(string[] Categories, string[] Keywords);
}
