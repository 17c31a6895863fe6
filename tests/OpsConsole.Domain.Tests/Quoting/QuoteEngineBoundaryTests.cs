using System.Globalization;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Tests.Support;
using static OpsConsole.Domain.Tests.Support.Carts;

namespace OpsConsole.Domain.Tests.Quoting;

/// <summary>
/// The edges of PRODUCT.md's quoting rules that <see cref="QuoteEngineTests"/> does not reach: open window bounds,
/// every site locale's month-day form, fallbacks for missing texts, promotion bases other than stores, audiences.
/// </summary>
public class QuoteEngineBoundaryTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static Quote Quote(QuoteRequest request, SiteConfiguration? config = null) => QuoteEngine.Quote(config ?? HongKong, request, FridayMorning);

    private static SiteConfiguration WithChannel(SiteConfiguration config, string code, Func<Channel, Channel> change) =>
        config with { Channels = [.. config.Channels.Select(c => c.Code == code ? change(c) : c)] };

    private static SiteConfiguration WithPromo(Func<ConsolidationPromo, ConsolidationPromo> change) =>
        HongKong with { ConsolidationPromos = [change(HongKong.ConsolidationPromos[0])] };

    private static SiteConfiguration WithFreeShipping(string id, Func<FreeShippingRule, FreeShippingRule> change) =>
        HongKong with { FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == id ? change(r) : r)] };

    private static CartItem[] FromStores(int stores, decimal price = 10m) =>
        [.. Enumerable.Range(1, stores).Select(i => Item($"SKU-{i}", $"S{i}", price: price))];

    // ---- rule 1: windows with one bound missing ----

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void Quote_WindowWithoutStart_IsOpenBeforeItsEnd(int minutesAfterEnd, bool applies)
    {
        var rule = new RestrictedGoodsRule("RG-END", "RG-END", new GoodsMatch(["food"], [], [], null), RestrictionAction.BlockSale, [], null,
            LocalizedText.Of(("en-HK", "r")), null, null, FridayMorning.AddMinutes(-minutesAfterEnd));

        var quote = Quote(Request(Item()), HongKong with { RestrictedGoods = [rule] });

        Assert.Equal(applies, !quote.Items[0].Purchasable);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void Quote_FreeShippingWindowWithoutEnd_StartsAtItsStart(int minutesBeforeStart, bool applies)
    {
        var config = WithFreeShipping("FS-HK-CART-299", r => r with { ValidFrom = FridayMorning.AddMinutes(minutesBeforeStart), ValidTo = null });

        var channel = Quote(Request(Item(price: 300m)), config).Channel("DIRECT_STD");

        Assert.Equal(applies, channel.Discounts.Any(d => d.RuleId == "FS-HK-CART-299"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Quote_PromoWindow_ExcludesItsEnd(int minutesAfterAt, bool applies)
    {
        var config = WithPromo(p => p with { ValidFrom = null, ValidTo = FridayMorning.AddMinutes(minutesAfterAt) });

        var channel = Quote(Request(FromStores(2)), config).Channel("CONSOL");

        Assert.Equal(applies, channel.Discounts.Any(d => d.RuleId == "CP-HK-BAG"));
    }

    [Fact]
    public void Quote_LocaleInAnotherCase_IsTheSitesSpelling()
    {
        var quote = Quote(Request(Item()) with { Locale = "EN-hk" });

        Assert.Equal("en-HK", quote.Locale);
        Assert.Equal("Direct mail", quote.Channel("DIRECT_STD").Name);
    }

    // ---- rule 9: each site locale's month-day form, as ICU gives it on Linux ----

    [Theory]
    [InlineData("HK", "zh-Hant-HK", "8月5日")]
    [InlineData("HK", "en-HK", "5 August")]
    [InlineData("TW", "zh-Hant-TW", "8月5日")]
    [InlineData("SG", "en-SG", "5 August")]
    [InlineData("SG", "zh-Hans-SG", "8月5日")]
    [InlineData("MY", "en-MY", "5 August")]
    [InlineData("MY", "ms-MY", "5 Ogos")]
    [InlineData("MY", "zh-Hans-MY", "8月5日")]
    public void Quote_PromiseDates_UseTheLocalesMonthDayPattern(string site, string locale, string expected)
    {
        var demo = DemoConfigurations.For(site);
        var code = demo.Channels.First(c => c.Enabled).Code;
        var templates = LocalizedText.From(SiteCatalog.Get(site).Locales.Select(l => KeyValuePair.Create(l, "{earliestDate}|{latestDate}")));
        var config = WithChannel(demo, code, c => c with
        {
            PromiseTemplates = templates,
            Transit = c.Transit with { MinDays = 0, MaxDays = 0, BusinessDays = false, CutoffLocalTime = new TimeOnly(23, 59), Holidays = [] },
        });

        // Wednesday 5 August 2026, 10:00 in every site's zone (all UTC+8).
        var at = new DateTimeOffset(2026, 8, 5, 2, 0, 0, TimeSpan.Zero);
        var quote = QuoteEngine.Quote(config, Request(Item()) with { At = at, Locale = locale }, at);

        Assert.Equal($"{expected}|{expected}", quote.Channel(code).Promise!.Text);
    }

    [Fact]
    public void Quote_PromiseTemplateMissingInTheLocale_UsesTheDefaultLocalesTemplate()
    {
        var config = WithChannel(HongKong, "DIRECT_EXP", c => c with
        {
            PromiseTemplates = LocalizedText.Of(("zh-Hant-HK", "{channelName}：{minDays}-{maxDays}日")),
            Names = LocalizedText.Of(("zh-Hant-HK", "快捷")),
        });

        var channel = Quote(Request(Item()) with { Locale = "en-HK" }, config).Channel("DIRECT_EXP");

        Assert.Equal("快捷", channel.Name);
        Assert.Equal("快捷：2-3日", channel.Promise!.Text);
    }

    [Fact]
    public void Quote_RuleReasonMissingInTheLocale_FallsBackToTheDefaultThenTheName()
    {
        var zhOnly = new RestrictedGoodsRule("RG-A-ZH", "Name ZH", new GoodsMatch(["food"], [], [], null), RestrictionAction.BlockChannels, ["DIRECT_EXP"], null,
            LocalizedText.Of(("zh-Hant-HK", "中文原因")), null, null, null);
        var none = zhOnly with { Id = "RG-B-NONE", Name = "Name none", Reasons = LocalizedText.Empty };

        var quote = Quote(Request(Item()) with { Locale = "en-HK" }, HongKong with { RestrictedGoods = [zhOnly, none] });

        Assert.Equal(["中文原因", "Name none"], quote.Items[0].Restrictions.Select(r => r.Reason));
        Assert.Equal(["中文原因", "Name none"], quote.Channel("DIRECT_EXP").UnavailableReasons.Select(r => r.Text));
    }

    [Fact]
    public void Quote_ZeroTransitDays_PromisesTheDispatchDay()
    {
        var config = WithChannel(HongKong, "DIRECT_STD", c => c with { Transit = c.Transit with { MinDays = 0, MaxDays = 1 } });

        // Saturday 21 November: the dispatch day moves to Monday 23rd; one business day more is Tuesday.
        var saturday = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);
        var promise = QuoteEngine.Quote(config, Request(Item()) with { At = saturday }, saturday).Channel("DIRECT_STD").Promise!;

        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)), (promise.EarliestDate, promise.LatestDate));
    }

    [Fact]
    public void Quote_CalendarDayChannel_MovesDispatchPastAHolidayButCountsHolidaysInTransit()
    {
        // DIRECT_EXP counts calendar days; Friday 20th is a holiday, so dispatch is Saturday 21st; 2 and 3 days later.
        var config = WithChannel(HongKong, "DIRECT_EXP", c => c with { Transit = c.Transit with { Holidays = [new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 22)] } });

        var promise = Quote(Request(Item()), config).Channel("DIRECT_EXP").Promise!;

        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 24)), (promise.EarliestDate, promise.LatestDate));
    }

    // ---- rules 2, 3: what counts ----

    [Fact]
    public void Quote_ItemThatIsNotPurchasable_DoesNotCountTowardsWeightStoresOrSubtotal()
    {
        // The blade from store S9 weighs 40 kg and costs 1,000: none of it counts.
        var quote = Quote(Request([.. FromStores(3), Item("SKU-4", "S2", price: 0m), Item("KNIFE", "S9", price: 1000m, grams: 40000, attributes: "Blade")]));

        var consol = quote.Channel("CONSOL");
        Assert.True(consol.Available);
        Assert.Equal(1000, consol.ChargeableWeightGrams);
        Assert.Equal(5.00m, Assert.Single(consol.Discounts).Amount); // 3 distinct stores: the 20 % tier, not 4 stores' 50 %
        Assert.Equal(470.00m, consol.Nudges[0].Remaining); // 500 − 30
    }

    [Fact]
    public void Quote_UnavailableChannel_HasNoFeeSurchargesDiscountsPromiseOrNudges()
    {
        var request = Request(Item(price: 100m, attributes: "Battery")) with { Destination = new Destination("NT-ISLANDS", null, true) };

        var channel = Quote(request).Channel("DIRECT_EXP");

        Assert.False(channel.Available);
        Assert.Equal(UnavailableReasonCode.BlockedByRule, Assert.Single(channel.UnavailableReasons).Code);
        Assert.Equal((null, null, null, null), (channel.ChargeableWeightGrams, channel.BaseFee, channel.Fee, channel.Promise));
        Assert.Empty(channel.Surcharges);
        Assert.Empty(channel.Discounts);
        Assert.Empty(channel.Nudges);
    }

    [Fact]
    public void Quote_BlockedAndOverweight_ListsTheRulesThenOverweight()
    {
        var channel = Quote(Request(Item(grams: 12000, attributes: "Battery"))).Channel("DIRECT_EXP");

        Assert.Equal(
            [
                new UnavailableReason(UnavailableReasonCode.BlockedByRule, "RG-HK-BATTERY-AIR", "Items with batteries cannot ship by express air"),
                new UnavailableReason(UnavailableReasonCode.Overweight, null, null),
            ],
            channel.UnavailableReasons);
    }

    // ---- rule 6: free shipping ----

    [Fact]
    public void Quote_SingleItemScope_IgnoresAnExpensiveItemOutsideTheIncludedCategories()
    {
        var config = WithFreeShipping("FS-HK-CART-299", r => r with { Scope = FreeShippingScope.SingleItem, Threshold = 200m, IncludeCategories = ["books"] });

        Assert.Empty(Quote(Request(Item(price: 500m), Item("B", category: "books", price: 199.99m)), config).Channel("DIRECT_STD").Discounts);
        Assert.NotEmpty(Quote(Request(Item(price: 5m), Item("B", category: "books/art", price: 200m)), config).Channel("DIRECT_STD").Discounts);
    }

    [Theory]
    [InlineData(5000, true)]
    [InlineData(5001, false)]
    public void Quote_FreeShippingMaximumWeight_IncludesTheMaximum(int grams, bool free)
    {
        var channel = Quote(Request(Item(price: 300m, grams: grams))).Channel("DIRECT_STD");

        Assert.Equal(free, channel.Discounts.Any(d => d.RuleId == "FS-HK-CART-299"));
    }

    [Fact]
    public void Quote_CartSubtotal_IsRoundedHalfAwayFromZeroBeforeTheThreshold()
    {
        // A consumer may send finer prices than the currency has: 3 × 99.665 = 298.995 → 299.00 reaches 299; 298.992 → 298.99 does not.
        Assert.NotEmpty(Quote(Request(Item(price: 99.665m, quantity: 3))).Channel("DIRECT_STD").Discounts);
        Assert.Empty(Quote(Request(Item(price: 99.664m, quantity: 3))).Channel("DIRECT_STD").Discounts);
    }

    [Fact]
    public void Quote_FreeShippingOnAZeroBaseFee_ListsNoDiscount()
    {
        var config = WithChannel(HongKong, "DIRECT_STD", c => c with { Rate = c.Rate with { FirstPrice = 0m, StepPrice = 0m } });

        var channel = Quote(Request(Item(price: 300m)), config).Channel("DIRECT_STD");

        Assert.Empty(channel.Discounts);
        Assert.Equal(0.00m, channel.Fee);
    }

    // ---- rule 7: promotion bases and audiences ----

    [Fact]
    public void Quote_WeightPromo_NudgesAWholeNumberOfGrams()
    {
        var config = WithPromo(p => p with
        {
            Basis = PromoBasis.WeightGrams,
            Tiers = [new PromoTier(1000, new PromoDiscount(DiscountKind.Amount, 5m)), new PromoTier(3500, new PromoDiscount(DiscountKind.Free, null))],
            NudgeTemplates = LocalizedText.Of(("en-HK", "{remaining} g to go, from {nextTierMin} g")),
        });

        var channel = Quote(Request(Item(grams: 1200)), config).Channel("CONSOL");

        Assert.Equal(5.00m, Assert.Single(channel.Discounts).Amount);
        var nudge = channel.Nudges.Single(n => n.Kind == DiscountSource.ConsolidationPromo);
        Assert.Equal("2300", nudge.Remaining.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("2,300 g to go, from 3,500 g", nudge.Text);
    }

    [Fact]
    public void Quote_SubtotalPromo_NudgesMoney()
    {
        var config = WithPromo(p => p with
        {
            Basis = PromoBasis.Subtotal,
            Tiers = [new PromoTier(100m, new PromoDiscount(DiscountKind.Percent, 10m)), new PromoTier(1200m, new PromoDiscount(DiscountKind.Percent, 30m))],
            NudgeTemplates = LocalizedText.Of(("en-HK", "Spend {remaining} more (from {nextTierMin})")),
        });

        var channel = Quote(Request(Item(price: 100.50m)), config).Channel("CONSOL");

        Assert.Equal(2.50m, channel.Discounts.Single(d => d.Kind == DiscountSource.ConsolidationPromo).Amount);
        var nudge = channel.Nudges.Single(n => n.Kind == DiscountSource.ConsolidationPromo);
        Assert.Equal("1099.50", nudge.Remaining.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("Spend HK$1,099.50 more (from HK$1,200.00)", nudge.Text);
    }

    [Theory]
    [InlineData("HK", 25.00, "0.63", "24.37")] // 0.625: a true midpoint; banker's rounding would give 0.62
    [InlineData("TW", 180, "5", "175")] // 4.5 → 5, not 4
    public void Quote_PercentDiscountAtAMidpoint_RoundsAwayFromZero(string site, decimal baseFee, string discount, string fee)
    {
        var config = site == "HK" ? HongKong : DemoConfigurations.For(site);
        var consol = config.Channels.Single(c => c.Kind == ChannelKind.Consolidation);
        config = WithChannel(config, consol.Code, c => c with { Rate = c.Rate with { FirstPrice = baseFee } }) with
        {
            ConsolidationPromos = [config.ConsolidationPromos.Single(p => p.Channel == consol.Code) with
            {
                Basis = PromoBasis.StoreCount, Audience = Audience.All, ValidFrom = null, ValidTo = null, StacksWithFreeShipping = false,
                Tiers = [new PromoTier(2, new PromoDiscount(DiscountKind.Percent, 2.5m))],
            }],
        };

        var channel = QuoteEngine.Quote(config, Request(FromStores(2)) with { Locale = null }, FridayMorning).Channel(consol.Code);

        Assert.Equal(baseFee, channel.BaseFee);
        Assert.Equal(discount, channel.Discounts.Single().Amount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(fee, channel.Fee!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Quote_NewBuyerPromo_AppliesOnlyToNewBuyers()
    {
        var config = WithPromo(p => p with { Audience = Audience.NewBuyers });

        var returning = Quote(Request(FromStores(2)), config).Channel("CONSOL");
        var first = Quote(Request(FromStores(2)) with { Buyer = new Buyer("b", true) }, config).Channel("CONSOL");

        Assert.Empty(returning.Discounts);
        Assert.DoesNotContain(returning.Nudges, n => n.Kind == DiscountSource.ConsolidationPromo);
        Assert.Equal("CP-HK-BAG", Assert.Single(first.Discounts).RuleId);
    }

    [Fact]
    public void Quote_StackingPromoWithoutFreeShippingMet_DiscountsTheWholeBaseFee()
    {
        var config = WithPromo(p => p with { StacksWithFreeShipping = true });

        var channel = Quote(Request(FromStores(4)), config).Channel("CONSOL");

        Assert.Equal([new AppliedDiscount(DiscountSource.ConsolidationPromo, "CP-HK-BAG", 12.50m)], channel.Discounts);
    }

    [Fact]
    public void Quote_AmountPromo_IsAtMostTheBaseFee_AndRounded()
    {
        var config = WithPromo(p => p with { Tiers = [new PromoTier(2, new PromoDiscount(DiscountKind.Amount, 7.5m))] });

        Assert.Equal(7.50m, Quote(Request(FromStores(2)), config).Channel("CONSOL").Discounts.Single().Amount);
    }

    [Theory]
    [InlineData(DiscountKind.Percent, 150, 25.00)]
    [InlineData(DiscountKind.Percent, -10, 0)]
    [InlineData(DiscountKind.Amount, -5, 0)]
    public void Quote_DraftPromoOutsideItsValidRange_NeverDiscountsMoreThanTheBaseFeeOrLessThanNothing(DiscountKind kind, decimal value, decimal expected)
    {
        // The preview and the impact simulation quote drafts that validation has not passed yet; the fee must still add up.
        var config = WithPromo(p => p with { Tiers = [new PromoTier(2, new PromoDiscount(kind, value))] });

        var channel = Quote(Request(FromStores(2)), config).Channel("CONSOL");

        Assert.Equal(expected, channel.Discounts.Sum(d => d.Amount));
        Assert.Equal(channel.BaseFee - channel.Discounts.Sum(d => d.Amount), channel.Fee);
    }

    // ---- rule 10: nudges ----

    [Fact]
    public void Quote_FreeShippingMetWithoutWaivingSurcharges_StillNudgesARuleThatWouldWaiveThem()
    {
        // FS-HK-CART-299 (no waiver) is met; the fee is the remote surcharge, so the new-buyer rule (which waives it) is nudged.
        var config = WithFreeShipping("FS-HK-NEW-99", r => r with { Threshold = 999m });
        var request = Request(Item(price: 300m)) with { Buyer = new Buyer("b", true), Destination = new Destination("NT-ISLANDS", null, false) };

        var channel = Quote(request, config).Channel("DIRECT_STD");

        Assert.Equal(12.00m, channel.Fee);
        Assert.Equal([("FS-HK-NEW-99", 699.00m)], channel.Nudges.Select(n => (n.RuleId, n.Remaining)));
    }

    [Fact]
    public void Quote_InTaiwan_NudgeMoneyHasNoDecimals()
    {
        var taiwan = DemoConfigurations.For("TW");
        var cart = taiwan.FreeShipping.First(r => r.Scope == FreeShippingScope.Cart && r.Audience == Audience.All && r.MaxWeightGrams is null or > 100);
        var code = cart.Channels[0];

        var channel = QuoteEngine.Quote(taiwan, Request(Item(price: 1m)) with { Locale = null }, FridayMorning).Channel(code);

        var nudge = channel.Nudges.Single(n => n.RuleId == cart.Id);
        Assert.Equal(0, nudge.Remaining.Scale);
        Assert.Contains(SiteCatalog.TW.FormatMoney(cart.Threshold - 1m), nudge.Text);
    }
}
