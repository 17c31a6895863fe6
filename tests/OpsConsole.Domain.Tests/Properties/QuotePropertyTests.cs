using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Properties;

/// <summary>Properties that hold for every cart, checked over several hundred seeded random carts per configuration.</summary>
public class QuotePropertyTests
{
    private const int Cases = 300;
    private static readonly DateTimeOffset Around = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Configurations() => ["example", "HK", "TW", "SG", "MY", "synthetic"];

    private static SiteConfiguration Load(string name) => name switch
    {
        "example" => TestFiles.HongKong(),
        "synthetic" => SyntheticConfiguration.Create(restrictedGoodsRules: 400, seed: 7),
        _ => DemoConfigurations.For(name),
    };

    private static IEnumerable<(QuoteRequest Request, Quote Quote)> Quotes(SiteConfiguration config, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var request = RandomCarts.Next(random, config, Around);
            yield return (request, QuoteEngine.Quote(config, request, Around));
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AnyCart_FeeIsNeverNegativeAndHasTheSiteMinorUnits(string name)
    {
        var config = Load(name);
        var minorUnits = OpsConsole.Domain.Sites.SiteCatalog.Get(config.Site).MinorUnits;
        foreach (var (_, quote) in Quotes(config, 1))
        {
            foreach (var channel in quote.Channels.Where(c => c.Available))
            {
                Assert.True(channel.Fee >= 0, $"{channel.Code}: {channel.Fee}");
                Assert.Equal(minorUnits, channel.Fee!.Value.Scale);
                Assert.Equal(channel.BaseFee + channel.Surcharges.Sum(s => s.Amount) - channel.Discounts.Sum(d => d.Amount) is var raw && raw < 0 ? 0 : raw, channel.Fee);
                Assert.All(channel.Discounts, d => Assert.True(d.Amount > 0));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_CartThresholdMet_NeverLeavesThatChannelsBaseFeeCharged(string name)
    {
        var config = Load(name);
        var met = 0;
        foreach (var (request, quote) in Quotes(config, 2))
        {
            var at = request.At!.Value;
            var weight = request.Items.Where((_, i) => quote.Items[i].Purchasable).Sum(i => (long)i.UnitWeightGrams * i.Quantity);
            foreach (var rule in config.FreeShipping.Where(r => r.Scope == FreeShippingScope.Cart))
            {
                var applies = (rule.ValidFrom is null || rule.ValidFrom <= at) && (rule.ValidTo is null || at < rule.ValidTo)
                    && (rule.Audience == Audience.All || request.Buyer.IsNew);
                var eligible = request.Items.Where((item, i) => quote.Items[i].Purchasable
                        && (rule.IncludeCategories.Count == 0 || rule.IncludeCategories.Any(p => Categories.IsUnder(item.Category, p)))
                        && !rule.ExcludeCategories.Any(p => Categories.IsUnder(item.Category, p)))
                    .Sum(item => item.UnitPrice * item.Quantity);
                if (!applies || eligible < rule.Threshold || (rule.MaxWeightGrams is { } max && weight > max))
                {
                    continue;
                }

                foreach (var channel in quote.Channels.Where(c => c.Available && rule.Channels.Contains(c.Code)))
                {
                    met++;
                    Assert.True(channel.Fee <= channel.Surcharges.Sum(s => s.Amount), $"{rule.Id} met on {channel.Code}, yet fee {channel.Fee} > surcharges");
                    Assert.DoesNotContain(channel.Nudges, n => n.RuleId == rule.Id);
                }
            }
        }

        Assert.True(met > 0 || config.FreeShipping.Count == 0, "no generated cart met a threshold; the property was not exercised");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AddingAnItem_NeverLowersTheChargeableWeight(string name)
    {
        var config = Load(name);
        var random = new Random(3);
        foreach (var (request, quote) in Quotes(config, 3))
        {
            var bigger = request with { Items = [.. request.Items, RandomCarts.NextItem(random, config, 99)] };
            var after = QuoteEngine.Quote(config, bigger, Around);
            foreach (var channel in quote.Channels.Where(c => c.Available))
            {
                var same = after.Channels.Single(c => c.Code == channel.Code);
                if (same.Available)
                {
                    Assert.True(same.ChargeableWeightGrams >= channel.ChargeableWeightGrams, $"{channel.Code}: {channel.ChargeableWeightGrams} → {same.ChargeableWeightGrams}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AnyCart_NoDiscountIsAboveWhatItDiscounts_AndEveryAmountHasTheSiteMinorUnits(string name)
    {
        var config = Load(name);
        var site = OpsConsole.Domain.Sites.SiteCatalog.Get(config.Site);
        var discounted = 0;
        foreach (var (_, quote) in Quotes(config, 4))
        {
            foreach (var channel in quote.Channels.Where(c => c.Available))
            {
                var baseFee = channel.BaseFee!.Value;
                var surcharges = channel.Surcharges.Sum(s => s.Amount);
                var money = new[] { baseFee, channel.Fee!.Value }
                    .Concat(channel.Surcharges.Select(s => s.Amount))
                    .Concat(channel.Discounts.Select(d => d.Amount))
                    .Concat(channel.Nudges.Where(n => n.Kind == DiscountSource.FreeShipping).Select(n => n.Remaining));
                Assert.All(money, amount => Assert.Equal(site.MinorUnits, amount.Scale));
                Assert.All(channel.Discounts, d => Assert.True(
                    d.Amount <= (d.Kind == DiscountSource.FreeShipping ? baseFee + surcharges : baseFee), $"{channel.Code}: {d}"));
                Assert.True(channel.Discounts.Sum(d => d.Amount) <= baseFee + surcharges, $"{channel.Code}: discounts above base fee and surcharges");
                Assert.True(channel.Discounts.Count(d => d.Kind == DiscountSource.FreeShipping) <= 1);
                Assert.True(channel.Discounts.Count(d => d.Kind == DiscountSource.ConsolidationPromo) <= 1);
                discounted += channel.Discounts.Count;
            }
        }

        Assert.True(discounted > 0, "no generated cart earned a discount; the property was not exercised");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AnyCart_UnavailableChannelsCarryNothingAndOnlyRuleReasonsHaveText(string name)
    {
        var config = Load(name);
        var site = OpsConsole.Domain.Sites.SiteCatalog.Get(config.Site);
        foreach (var (request, quote) in Quotes(config, 5))
        {
            Assert.Contains(quote.Locale, site.Locales);
            Assert.Equal(config.Channels.Where(c => c.Enabled).Select(c => c.Code), quote.Channels.Select(c => c.Code));
            Assert.Equal(request.Items.Select(i => i.Sku), quote.Items.Select(i => i.Sku));
            foreach (var channel in quote.Channels)
            {
                Assert.Equal(channel.Available, channel.UnavailableReasons.Count == 0);
                Assert.All(channel.UnavailableReasons, r => Assert.Equal(r.Code == UnavailableReasonCode.BlockedByRule, r.Text is not null && r.RuleId is not null));
                if (!channel.Available)
                {
                    Assert.Equal((null, null, null, null), (channel.ChargeableWeightGrams, channel.BaseFee, channel.Fee, channel.Promise));
                    Assert.Empty(channel.Surcharges);
                    Assert.Empty(channel.Discounts);
                    Assert.Empty(channel.Nudges);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AnyCart_NudgesOnlyWhenTheFeeIsAboveZero_AndAlwaysForSomethingMissing(string name)
    {
        var config = Load(name);
        var nudged = 0;
        foreach (var (_, quote) in Quotes(config, 6))
        {
            foreach (var channel in quote.Channels.Where(c => c.Available))
            {
                Assert.True(channel.Fee > 0 || channel.Nudges.Count == 0, $"{channel.Code}: nudged at fee {channel.Fee}");
                Assert.All(channel.Nudges, n => Assert.True(n.Remaining > 0, $"{channel.Code}: {n}"));
                Assert.All(channel.Nudges, n => Assert.DoesNotContain("{", n.Text, StringComparison.Ordinal));
                nudged += channel.Nudges.Count;
            }
        }

        Assert.True(nudged > 0 || config.FreeShipping.Count == 0, "no generated cart was nudged; the property was not exercised");
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Quote_AnyCart_PromisesFromTheLocalDateOnWorkingDays(string name)
    {
        var config = Load(name);
        var site = OpsConsole.Domain.Sites.SiteCatalog.Get(config.Site);
        foreach (var (request, quote) in Quotes(config, 7))
        {
            var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.At!.Value, site.TimeZone).DateTime);
            foreach (var channel in quote.Channels.Where(c => c.Available))
            {
                var transit = config.FindChannel(channel.Code)!.Transit;
                var promise = channel.Promise!;
                Assert.True(promise.EarliestDate <= promise.LatestDate);
                Assert.True(promise.EarliestDate.DayNumber - localDate.DayNumber >= transit.MinDays, $"{channel.Code}: {localDate} → {promise.EarliestDate}");
                Assert.True(promise.LatestDate.DayNumber - localDate.DayNumber >= transit.MaxDays, $"{channel.Code}: {localDate} → {promise.LatestDate}");
                if (transit.BusinessDays)
                {
                    Assert.All(new[] { promise.EarliestDate, promise.LatestDate }, day =>
                        Assert.True(day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !transit.Holidays.Contains(day), $"{channel.Code}: {day}"));
                }
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Quote_IndexedRules_MatchExactlyWhatAFullScanMatches(int seed)
    {
        var config = SyntheticConfiguration.Create(restrictedGoodsRules: 1000, seed: seed);
        var random = new Random(seed);
        var matched = 0;
        for (var i = 0; i < Cases / 2; i++)
        {
            var request = i % 2 == 0 ? SyntheticConfiguration.Cart(20, seed * 1000 + i, Around.AddDays(random.Next(-300, 300))) : RandomCarts.Next(random, config, Around);
            var quote = QuoteEngine.Quote(config, request, Around);
            for (var j = 0; j < request.Items.Count; j++)
            {
                var expected = config.RestrictedGoods.Where(rule => FullScanMatches(rule, request.Items[j], request.At ?? Around)).Select(r => r.Id).ToList();
                Assert.Equal(expected, quote.Items[j].Restrictions.Select(r => r.RuleId));
                matched += expected.Count;
            }
        }

        Assert.True(matched > Cases / 2, $"only {matched} matches; the property was barely exercised");
    }

    /// <summary>The product's words, rule by rule, without any index.</summary>
    private static bool FullScanMatches(RestrictedGoodsRule rule, CartItem item, DateTimeOffset at)
    {
        var m = rule.Match;
        return (rule.ValidFrom is null || rule.ValidFrom <= at) && (rule.ValidTo is null || at < rule.ValidTo)
            && (m.CategoryPrefixes.Count == 0 || m.CategoryPrefixes.Any(p =>
                item.Category.Equals(p, StringComparison.OrdinalIgnoreCase) || item.Category.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)))
            && (m.Attributes.Count == 0 || m.Attributes.Any(a => item.Attributes.Contains(a, StringComparer.OrdinalIgnoreCase)))
            && (m.TitleKeywords.Count == 0 || (item.Title is not null && m.TitleKeywords.Any(k => item.Title.Contains(k, StringComparison.OrdinalIgnoreCase))))
            && (m.MinUnitWeightGrams is null || item.UnitWeightGrams >= m.MinUnitWeightGrams);
    }
}
