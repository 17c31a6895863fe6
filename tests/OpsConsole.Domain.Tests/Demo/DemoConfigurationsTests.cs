using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;

namespace OpsConsole.Domain.Tests.Demo;

public class DemoConfigurationsTests
{
    public static TheoryData<string> Sites() => [.. SiteCatalog.All.Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(Sites))]
    public void Demo_IsValidWithoutErrors(string site)
    {
        var report = ConfigurationValidator.Validate(DemoConfigurations.For(site));

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Demo_HasThreeEnabledChannelsAndAPromotedConsolidationChannel(string site)
    {
        var config = DemoConfigurations.For(site);

        Assert.Equal(site, config.Site);
        Assert.True(config.Channels.Count(c => c.Enabled) >= 3);
        var consolidation = Assert.Single(config.Channels, c => c.Kind == ChannelKind.Consolidation && c.Enabled);
        Assert.Contains(config.ConsolidationPromos, p => p.Channel == consolidation.Code);
        Assert.NotEmpty(config.FreeShipping);
        Assert.Contains(config.RestrictedGoods, r => r.Match.Attributes.Contains("Battery") && r.Action == RestrictionAction.BlockChannels);
        Assert.Contains(config.RestrictedGoods, r => r.Match.Attributes.Contains("Liquid") && r.Action == RestrictionAction.BlockChannels);
        Assert.Contains(config.RestrictedGoods, r => r.Action == RestrictionAction.QuantityLimit && r.Match.CategoryPrefixes.Contains("health/medicine"));
    }

    [Fact]
    public void Demo_Taiwan_RequiresRealNameDeclarationAndHasNoCents()
    {
        var config = DemoConfigurations.For("TW");

        Assert.Contains(config.RestrictedGoods, r => r.Action == RestrictionAction.RequireIdDocument);
        decimal[] amounts =
        [
            .. config.Channels.SelectMany(c => new[] { c.Rate.FirstPrice, c.Rate.StepPrice }.Concat(c.Surcharges.Select(s => s.Amount))),
            .. config.FreeShipping.Select(r => r.Threshold),
        ];
        Assert.All(amounts, amount => Assert.Equal(0, Amounts.SignificantDecimals(amount)));
        Assert.DoesNotContain("firstPrice\": 90.", DemoConfigurations.Json("TW"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Demo_Json_ParsesBackToTheSameConfiguration(string site) =>
        Assert.Equal(DemoConfigurations.For(site), ConfigurationJson.Parse(DemoConfigurations.Json(site)).Value);

    [Theory]
    [MemberData(nameof(Sites))]
    public void Demo_QuotesASimpleCartOnEveryEnabledChannel(string site)
    {
        var config = DemoConfigurations.For(site);
        var request = new QuoteRequest(null, null, new Buyer("b", false), new Destination(null, null, false),
            [new CartItem("SKU", "S1", "Tea", "food/tea", ["Food"], 10m, 1, 200)]);

        var quote = QuoteEngine.Quote(config, request, new DateTimeOffset(2026, 11, 18, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal(config.Channels.Count(c => c.Enabled), quote.Channels.Count);
        Assert.All(quote.Channels, c => Assert.True(c.Available && c.Fee > 0 && c.Promise!.Text.Length > 0 && !c.Promise.Text.Contains('{'), c.Code));
    }
}
