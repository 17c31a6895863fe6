using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;
using static OpsConsole.Domain.Tests.Support.Carts;

namespace OpsConsole.Domain.Tests.Quoting;

public class ImpactSimulationTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static QuoteRequest[] RandomSample(SiteConfiguration config, int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => RandomCarts.Next(random, config, FridayMorning))];
    }

    private static SiteConfiguration WithoutDiscounts(SiteConfiguration config) => config with { FreeShipping = [], ConsolidationPromos = [] };

    private static SiteConfiguration RaiseFirstPrices(SiteConfiguration config, decimal by) =>
        config with { Channels = [.. config.Channels.Select(c => c with { Rate = c.Rate with { FirstPrice = c.Rate.FirstPrice + by } })] };

    [Theory]
    [InlineData("HK", 1)]
    [InlineData("TW", 2)]
    [InlineData("SG", 3)]
    [InlineData("MY", 4)]
    public void SameConfigurationOnBothSides_ChangesNothing(string site, int seed)
    {
        var config = DemoConfigurations.For(site);

        var report = ImpactSimulation.Run(config, config, RandomSample(config, 400, seed), FridayMorning);

        Assert.Equal(400, report.Carts);
        Assert.Equal(0, report.CartsQuotedDifferently);
        Assert.Equal(report.RevenueBefore, report.RevenueAfter);
        Assert.True(report.RevenueBefore > 0);
        Assert.Equal(0m, report.RevenueChangePercent);
        Assert.Equal((0, 0, 0), (report.ChoiceChanged, report.FeeUp, report.FeeDown));
        Assert.Equal((0, 0, 0), (report.ItemsNoLongerPurchasable, report.ItemsNowPurchasable, report.ItemsNowNeedingId));
        Assert.Equal(report.UnshippableBefore, report.UnshippableAfter);
        Assert.Empty(report.LargestChanges);
        Assert.All(report.Channels, c => Assert.Equal((c.AvailableBefore, c.ChosenBefore, c.FeesBefore), (c.AvailableAfter, c.ChosenAfter, c.FeesAfter)));
        Assert.All(report.Rules, r => Assert.Equal(r.SpendBefore, r.SpendAfter));
    }

    /// <summary>Property: every figure of the report is what quoting each cart on its own gives, whatever the change.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Report_AddsUpTheQuotesOfEachCart(int seed)
    {
        var random = new Random(seed);
        var before = HongKong;
        var after = RaiseFirstPrices(HongKong, random.Next(-5, 15)) with
        {
            FreeShipping = [.. HongKong.FreeShipping.Select(r => r with { Threshold = r.Threshold + random.Next(-100, 200) })],
            RestrictedGoods = [.. HongKong.RestrictedGoods.Skip(1)],
        };
        var carts = RandomSample(before, 300, seed);

        var report = ImpactSimulation.Run(before, after, carts, FridayMorning);

        var quoted = carts.Select(c => (Before: QuoteEngine.Quote(before, c, FridayMorning), After: QuoteEngine.Quote(after, c, FridayMorning))).ToArray();
        static QuotedChannel? Cheapest(Quote q) => q.Channels.Where(c => c.Available).OrderBy(c => c.Fee).FirstOrDefault();
        var chosen = quoted.Select(q => (Before: Cheapest(q.Before), After: Cheapest(q.After))).ToArray();
        Assert.Equal(chosen.Sum(c => c.Before?.Fee ?? 0), report.RevenueBefore);
        Assert.Equal(chosen.Sum(c => c.After?.Fee ?? 0), report.RevenueAfter);
        Assert.Equal(chosen.Count(c => c.Before is null), report.UnshippableBefore);
        Assert.Equal(chosen.Count(c => c.After is null), report.UnshippableAfter);
        Assert.Equal(chosen.Count(c => c.Before?.Code != c.After?.Code), report.ChoiceChanged);
        Assert.Equal(chosen.Count(c => c.After?.Fee > c.Before?.Fee), report.FeeUp);
        Assert.Equal(chosen.Count(c => c.After?.Fee < c.Before?.Fee), report.FeeDown);
        var items = quoted.SelectMany(q => q.Before.Items.Zip(q.After.Items)).ToArray();
        Assert.Equal(items.Count(i => i.First.Purchasable && !i.Second.Purchasable), report.ItemsNoLongerPurchasable);
        Assert.Equal(items.Count(i => !i.First.Purchasable && i.Second.Purchasable), report.ItemsNowPurchasable);
        foreach (var channel in report.Channels)
        {
            Assert.Equal(quoted.Count(q => q.Before.Channels.Any(c => c.Code == channel.Code && c.Available)), channel.AvailableBefore);
            Assert.Equal(quoted.Sum(q => q.After.Channels.Where(c => c.Code == channel.Code && c.Available).Sum(c => c.Fee ?? 0)), channel.FeesAfter);
            Assert.Equal(chosen.Count(c => c.After?.Code == channel.Code), channel.ChosenAfter);
        }

        foreach (var rule in report.Rules)
        {
            Assert.Equal(chosen.Sum(c => c.After?.Discounts.Where(d => d.Kind == rule.Kind && d.RuleId == rule.RuleId).Sum(d => d.Amount) ?? 0), rule.SpendAfter);
            Assert.Equal(chosen.Sum(c => c.Before?.Discounts.Where(d => d.Kind == rule.Kind && d.RuleId == rule.RuleId).Sum(d => d.Amount) ?? 0), rule.SpendBefore);
        }

        // The largest changes: shippability first, then the largest fee difference, the earlier cart first on a tie.
        var expected = chosen.Select((c, i) => new CartChange(i, c.Before?.Code, c.Before?.Fee, c.After?.Code, c.After?.Fee))
            .Where(c => c.ShippableChanged || c.FeeDifference != 0)
            .OrderByDescending(c => c.ShippableChanged).ThenByDescending(c => Math.Abs(c.FeeDifference)).ThenBy(c => c.CartIndex)
            .Take(5);
        Assert.Equal(expected, report.LargestChanges);
        Assert.InRange(report.CartsQuotedDifferently, chosen.Count(c => c.Before?.Code != c.After?.Code || c.Before?.Fee != c.After?.Fee), report.Carts);
    }

    [Fact]
    public void RaisingEveryFirstPrice_RaisesEachShippableCartByThatMuch()
    {
        var before = WithoutDiscounts(HongKong);
        var after = RaiseFirstPrices(before, 10m);
        var carts = RandomSample(before, 200, 5);

        var report = ImpactSimulation.Run(before, after, carts, FridayMorning);

        var shippable = report.Carts - report.UnshippableBefore;
        Assert.True(shippable > 50, $"{shippable} of {report.Carts} carts shippable");
        Assert.Equal(report.RevenueBefore + (10m * shippable), report.RevenueAfter);
        Assert.Equal((shippable, 0, 0), (report.FeeUp, report.FeeDown, report.ChoiceChanged));
        Assert.Equal(shippable, report.CartsQuotedDifferently);
        Assert.All(report.LargestChanges, c => Assert.Equal(10m, c.FeeDifference));
        var firstShippable = carts.Select((cart, index) => (cart, index))
            .Where(c => ImpactSimulation.Cheapest(QuoteEngine.Quote(before, c.cart, FridayMorning)) is not null)
            .Select(c => c.index).Take(5);
        Assert.Equal(firstShippable, report.LargestChanges.Select(c => c.CartIndex));
    }

    [Fact]
    public void BlockingASaleByCategory_CountsTheItemLinesItTakesAway()
    {
        var block = new RestrictedGoodsRule("RG-TEA", "Tea", new GoodsMatch(["food/tea"], [], [], null), RestrictionAction.BlockSale, [], null,
            LocalizedText.Of(("en-HK", "No tea"), ("zh-Hant-HK", "不售茶")), null, null, null);
        var before = HongKong with { RestrictedGoods = [] };
        var after = before with { RestrictedGoods = [block] };
        QuoteRequest[] carts =
        [
            Request(Item("TEA-1", category: "food/tea/green"), Item("LAMP", category: "home/lighting")),
            Request(Item("TEA-2", category: "food/tea")),
            Request(Item("SNACK", category: "food/snacks")),
        ];

        var report = ImpactSimulation.Run(before, after, carts, FridayMorning);

        Assert.Equal((2, 0), (report.ItemsNoLongerPurchasable, report.ItemsNowPurchasable));
        Assert.Equal((0, 1), (report.UnshippableBefore, report.UnshippableAfter));
        Assert.Equal(2, report.CartsQuotedDifferently);
        var lost = Assert.Single(report.LargestChanges, c => c.ShippableChanged);
        Assert.Equal((1, (string?)null), (lost.CartIndex, lost.ChannelAfter));
        Assert.Equal(lost, report.LargestChanges[0]);
    }

    [Fact]
    public void DisablingAChannel_MovesItsBuyersToTheNextCheapest()
    {
        var before = HongKong;
        var cheapestCode = ImpactSimulation.Cheapest(QuoteEngine.Quote(before, Request(Item()), FridayMorning))!.Code;
        var after = before with { Channels = [.. before.Channels.Select(c => c.Code == cheapestCode ? c with { Enabled = false } : c)] };
        var carts = RandomSample(before, 200, 9);

        var report = ImpactSimulation.Run(before, after, carts, FridayMorning);

        var channel = Assert.Single(report.Channels, c => c.Code == cheapestCode);
        Assert.True(channel.ChosenBefore > 0);
        Assert.Equal((0, 0, 0m), (channel.AvailableAfter, channel.ChosenAfter, channel.FeesAfter));
        Assert.Null(channel.MeanFeeAfter);
        Assert.Equal(channel.ChosenBefore, report.ChoiceChanged);
        Assert.Equal(0, report.FeeDown);
        Assert.True(report.RevenueAfter >= report.RevenueBefore);
    }

    [Fact]
    public void Report_CanBeReadWhileCartsAreStillBeingAdded()
    {
        var after = RaiseFirstPrices(HongKong, 1m);
        var simulation = new ImpactSimulation(HongKong, after, FridayMorning);
        var carts = RandomSample(HongKong, 20, 3);

        foreach (var cart in carts.Take(10))
        {
            simulation.Add(cart);
        }

        var halfway = simulation.Report();
        foreach (var cart in carts.Skip(10))
        {
            simulation.Add(cart);
        }

        Assert.Equal(10, halfway.Carts);
        Assert.Equal(ImpactSimulation.Run(HongKong, after, carts.Take(10), FridayMorning), halfway, ReportComparer.Instance);
        Assert.Equal(ImpactSimulation.Run(HongKong, after, carts, FridayMorning), simulation.Report(), ReportComparer.Instance);
    }

    [Fact]
    public void RevenueChangePercent_IsNullWithoutRevenueBefore()
    {
        var report = new ImpactReport(1, 1, 0m, 5m, 1, 0, 1, 0, 0, 0, 1, 0, [], [], []);

        Assert.Null(report.RevenueChangePercent);
        Assert.Equal(-25m, (report with { RevenueBefore = 20m, RevenueAfter = 15m }).RevenueChangePercent);
    }

    [Theory]
    [InlineData(100, 103, true)]
    [InlineData(100, 97, true)]
    [InlineData(100, 103.01, false)]
    [InlineData(100, 96.99, false)]
    [InlineData(0, 5, true)]
    public void LogisticsTolerance_IsThreePercentEitherWay(double before, double after, bool within)
    {
        var report = new ImpactReport(1, 1, (decimal)before, (decimal)after, 0, 0, 0, 0, 0, 0, 0, 0, [], [], []);

        Assert.Equal(within, report.WithinLogisticsTolerance);
    }

    [Fact]
    public void ConfigurationsOfTwoSites_AreRefused()
    {
        var failure = Assert.Throws<ArgumentException>(() => new ImpactSimulation(DemoConfigurations.For("HK"), DemoConfigurations.For("TW"), FridayMorning));

        Assert.Contains("HK and TW", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports hold lists, which records compare by reference.</summary>
    private sealed class ReportComparer : IEqualityComparer<ImpactReport>
    {
        public static readonly ReportComparer Instance = new();

        public bool Equals(ImpactReport? x, ImpactReport? y) =>
            x is not null && y is not null
            && Bare(x) == Bare(y)
            && x.Channels.SequenceEqual(y.Channels) && x.Rules.SequenceEqual(y.Rules) && x.LargestChanges.SequenceEqual(y.LargestChanges);

        public int GetHashCode(ImpactReport obj) => obj.Carts;

        private static ImpactReport Bare(ImpactReport report) =>
            report with { Channels = Array.Empty<ChannelImpact>(), Rules = Array.Empty<RuleSpend>(), LargestChanges = Array.Empty<CartChange>() };
    }
}
