using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Preview;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

public sealed class ImpactSampleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 18, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SameSeed_GivesTheSameCarts_AnotherSeedOthers()
    {
        var config = DemoConfigurations.For("HK");

        var first = ImpactSample.Carts(SiteCatalog.HK, [config], 300, At);
        var again = ImpactSample.Carts(SiteCatalog.HK, [config], 300, At);
        var other = ImpactSample.Carts(SiteCatalog.HK, [config], 300, At, seed: 2);

        Assert.Equal(first.Select(Shape), again.Select(Shape));
        // Made as it is read: reading the same sample twice gives the same carts too.
        Assert.Equal(first.Select(Shape), first.Select(Shape));
        Assert.NotEqual(first.Select(Shape), other.Select(Shape));
    }

    [Theory]
    [InlineData("HK")]
    [InlineData("TW")]
    [InlineData("SG")]
    [InlineData("MY")]
    public void Mix_IsTheOneTheSampleDescribes(string code)
    {
        var site = SiteCatalog.Get(code);
        var config = DemoConfigurations.For(code);
        var remote = config.Channels.SelectMany(c => c.Surcharges).Where(s => s.Kind == SurchargeKind.RemoteArea).ToArray();
        var catalogue = SampleCatalogue.ForImpact(site).ToDictionary(p => p.Sku);

        var carts = ImpactSample.Carts(site, [config], 5000, At).ToList();

        Assert.Equal(5000, carts.Count);
        Assert.All(carts, cart =>
        {
            Assert.InRange(cart.Items.Count, 1, 4);
            Assert.Equal(cart.Items.Count, cart.Items.Select(i => i.Sku).Distinct().Count());
            Assert.All(cart.Items, item =>
            {
                Assert.InRange(item.Quantity, 1, 3);
                Assert.Equal(catalogue[item.Sku].UnitPrice, item.UnitPrice);
            });
            Assert.Contains(cart.Locale, site.Locales);
            Assert.Equal(At, cart.At);
            if (cart.Destination.Area is { } area)
            {
                Assert.Contains(remote, s => s.Areas.Contains(area));
            }
        });
        Assert.InRange(carts.Count(c => c.Buyer.IsNew), 1100, 1400);
        Assert.InRange(carts.Count(c => c.Destination.HomeDelivery), 850, 1150);
        Assert.InRange(carts.Count(c => c.Items.Count == 1), 1800, 2200);
        if (remote.Length > 0)
        {
            Assert.InRange(carts.Count(c => c.Destination.Area is not null || c.Destination.PostalCode is not null), 400, 600);
        }
    }

    [Fact]
    public void RemoteDestinations_ComeFromEitherSide()
    {
        var release = DemoConfigurations.For("HK") with { Channels = [] };
        var draft = DemoConfigurations.For("HK");

        var carts = ImpactSample.Carts(SiteCatalog.HK, [release, draft], 2000, At);

        Assert.Contains(carts, c => c.Destination.Area == "NT-ISLANDS");
    }

    /// <summary>A draft is simulated while it is being written: one that does not validate yet must not stop the panel.</summary>
    [Fact]
    public void DraftsThatDoNotValidate_AreSimulatedToo()
    {
        var release = DemoConfigurations.For("HK");
        var drafts = MessageTextsTests.Broken().Where(d => d.Site == "HK").ToList();
        Assert.True(drafts.Count > 25);

        Assert.All(drafts, draft =>
            Assert.Equal(300, ImpactSimulation.Run(release, draft, ImpactSample.Carts(SiteCatalog.HK, [release, draft], 300, At), At).Carts));
    }

    [Fact]
    public void Describe_NamesItemsDestinationAndBuyer()
    {
        var cart = new QuoteRequest(At, "en-HK", new Buyer("b", true), new Destination("NT-ISLANDS", null, true),
        [
            new CartItem("PHONE-CASE", "S-ACC", "Phone case", "electronics/accessories", [], 59m, 2, 120),
            new CartItem("LAMP", "S-HOME", null, "home/lighting", [], 259m, 1, 1500),
        ]);

        Assert.Equal("2 × Phone case, 1 × LAMP · NT-ISLANDS · home delivery · new buyer · en-HK", ImpactSample.Describe(cart, text => text));
        Assert.Equal("1 × LAMP · en-HK", ImpactSample.Describe(cart with { Buyer = new Buyer("b", false), Destination = new Destination(null, null, false), Items = [cart.Items[1]] }, text => text));
    }

    /// <summary>The sample products are the console's own words, so a reader of Chinese reads their names in Chinese too.</summary>
    [Fact]
    public void Describe_InTraditionalChinese_NamesTheSampleProductsInChinese()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var cart = new QuoteRequest(At, "en-HK", new Buyer("b", false), new Destination(null, null, true),
        [
            new CartItem("PHONE-CASE", "S-ACC", "Phone case", "electronics/accessories", [], 59m, 2, 120),
            new CartItem("LAMP", "S-HOME", null, "home/lighting", [], 259m, 1, 1500),
        ]);

        Assert.Equal("2 × 手機殼, 1 × LAMP · 送貨上門 · en-HK", ImpactSample.Describe(cart, text => ConsoleTexts.T(text)));
    }

    private static string Shape(QuoteRequest cart) =>
        $"{cart.Locale}|{cart.Buyer.IsNew}|{cart.Destination}|{string.Join(",", cart.Items.Select(i => $"{i.Sku}x{i.Quantity}"))}";
}
