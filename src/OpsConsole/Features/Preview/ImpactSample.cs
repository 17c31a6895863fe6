using System.Globalization;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Preview;

/// <summary>
/// The carts an impact simulation quotes: drawn from the sample catalogue with a fixed seed, so that the same change
/// gives the same figures every time it is simulated. A mix that reaches every part of a configuration, not a forecast
/// of real orders: 1-4 different products (40/30/20/10%), 1-3 of each (70/20/10%), a quarter new buyers, a fifth home
/// delivery, a tenth to a remote area either configuration names, buyer locales spread over the site's.
/// </summary>
public static class ImpactSample
{
    public const int DefaultCarts = 5_000;
    public const int MinCarts = 100;
    public const int MaxCarts = 50_000;

    /// <summary>
    /// The sample, made as it is read: 50,000 carts would hold tens of megabytes at once, and the simulation needs one
    /// at a time. Reading it again gives the same carts.
    /// </summary>
    public static IEnumerable<QuoteRequest> Carts(SiteInfo site, IEnumerable<SiteConfiguration> configurations, int count, DateTimeOffset at, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        return Generate(SampleCatalogue.ForImpact(site), site.Locales, RemoteDestinations(configurations), count, at, seed);
    }

    private static IEnumerable<QuoteRequest> Generate(
        IReadOnlyList<SampleProduct> products, IReadOnlyList<string> locales, List<(string? Area, string? PostalCode)> remote, int count, DateTimeOffset at, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var lines = Pick(random, [40, 30, 20, 10]) + 1;
            var items = products.OrderBy(_ => random.Next()).Take(lines)
                .Select(p => new CartItem(p.Sku, p.StoreId, p.Title, p.Category, p.Attributes, p.UnitPrice, Pick(random, [70, 20, 10]) + 1, p.UnitWeightGrams))
                .ToArray();
            var (area, postalCode) = remote.Count > 0 && random.Next(10) == 0 ? remote[random.Next(remote.Count)] : (null, null);
            yield return new QuoteRequest(
                at,
                locales[random.Next(locales.Count)],
                new Buyer(string.Create(CultureInfo.InvariantCulture, $"sample-{i}"), random.Next(4) == 0),
                new Destination(area, postalCode, random.Next(5) == 0),
                items);
        }
    }

    /// <summary>One line for a person: "2 × Phone case, 1 × Desk lamp · NT-ISLANDS · home delivery · new buyer".</summary>
    public static string Describe(QuoteRequest cart, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string> { string.Join(", ", cart.Items.Select(i => $"{i.Quantity} × {(i.Title is null ? i.Sku : text(i.Title))}")) };
        var where = cart.Destination.Area ?? cart.Destination.PostalCode;
        if (where is not null)
        {
            parts.Add(where);
        }

        if (cart.Destination.HomeDelivery)
        {
            parts.Add(text("home delivery"));
        }

        if (cart.Buyer.IsNew)
        {
            parts.Add(text("new buyer"));
        }

        parts.Add(cart.Locale ?? "");
        return string.Join(" · ", parts.Where(p => p.Length > 0));
    }

    /// <summary>The carts of a report's largest changes, described: the sample is read again (it is the same each time) up to the last one.</summary>
    public static IReadOnlyDictionary<int, string> DescribeLargest(IEnumerable<QuoteRequest> sample, ImpactReport report, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(report);
        var shown = report.LargestChanges.Select(c => c.CartIndex).ToHashSet();
        return sample.Take(report.Carts).Select((cart, index) => (cart, index)).Where(c => shown.Contains(c.index))
            .ToDictionary(c => c.index, c => Describe(c.cart, text));
    }

    /// <summary>Every remote area and postal-code prefix of either side (a prefix becomes a postal code starting with it).</summary>
    private static List<(string? Area, string? PostalCode)> RemoteDestinations(IEnumerable<SiteConfiguration> configurations) =>
        [.. configurations
            .SelectMany(c => c.Channels)
            .SelectMany(c => c.Surcharges)
            .Where(s => s.Kind == SurchargeKind.RemoteArea)
            .SelectMany(s => s.Areas.Select(a => ((string?)a, (string?)null)).Concat(s.PostalCodePrefixes.Select(p => ((string?)null, (string?)(p + "000")))))
            .Distinct()
            .Order()];

    /// <summary>An index drawn with the given weights (in percent).</summary>
    private static int Pick(Random random, ReadOnlySpan<int> percent)
    {
        var roll = random.Next(100);
        for (var i = 0; i < percent.Length; i++)
        {
            roll -= percent[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return percent.Length - 1;
    }
}
