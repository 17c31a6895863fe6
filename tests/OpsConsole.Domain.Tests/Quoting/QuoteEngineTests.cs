using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;
using static OpsConsole.Domain.Tests.Support.Carts;

namespace OpsConsole.Domain.Tests.Quoting;

public class QuoteEngineTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static Quote Quote(QuoteRequest request, SiteConfiguration? config = null) => QuoteEngine.Quote(config ?? HongKong, request, FridayMorning);

    private static SiteConfiguration WithRules(params RestrictedGoodsRule[] rules) => HongKong with { RestrictedGoods = rules };

    private static RestrictedGoodsRule Rule(string id, RestrictionAction action, GoodsMatch match, string[]? channels = null, int? max = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(id, id, match, action, channels ?? [], max, LocalizedText.Of(("en-HK", $"reason {id}"), ("zh-Hant-HK", $"原因 {id}")), null, from, to);

    private static GoodsMatch Category(params string[] prefixes) => new(prefixes, [], [], null);

    // ---- rule 1: locale and time ----

    [Fact]
    public void Quote_WhenLocaleNotOfferedByTheSite_UsesTheSiteDefault()
    {
        var quote = Quote(Request(Item()) with { Locale = "fr-FR" });

        Assert.Equal("zh-Hant-HK", quote.Locale);
        Assert.Equal("直郵標準", quote.Channel("DIRECT_STD").Name);
    }

    [Fact]
    public void Quote_WhenAtIsMissing_UsesNow()
    {
        var saturday = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

        var quote = QuoteEngine.Quote(HongKong, Request(Item()) with { At = null }, saturday);

        Assert.Equal(new DateOnly(2026, 11, 26), quote.Channel("DIRECT_STD").Promise!.EarliestDate);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(59, true)]
    [InlineData(60, false)]
    public void Quote_RuleWindow_IncludesItsStartAndExcludesItsEnd(int minutesAfterStart, bool applies)
    {
        var start = FridayMorning.AddMinutes(-minutesAfterStart);
        var config = WithRules(Rule("RG-WINDOW", RestrictionAction.BlockSale, Category("food"), from: start, to: start.AddHours(1)));

        var quote = Quote(Request(Item()), config);

        Assert.Equal(applies, !quote.Items[0].Purchasable);
    }

    // ---- rule 2: items ----

    [Theory]
    [InlineData("health/medicine", true)]
    [InlineData("health/medicine/cold", true)]
    [InlineData("health/medicines", false)]
    [InlineData("health", false)]
    [InlineData("Health/Medicine/cold", true)]
    public void Quote_CategoryPrefix_MatchesWholePathSegments(string category, bool matches)
    {
        var quote = Quote(Request(Item(category: category, quantity: 7)));

        Assert.Equal(matches, quote.Items[0].Restrictions.Any(r => r.RuleId == "RG-HK-MED-LIMIT"));
        Assert.Equal(!matches, quote.Items[0].Purchasable);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void Quote_QuantityLimit_AllowsExactlyTheLimit(int quantity, bool purchasable)
    {
        var quote = Quote(Request(Item(category: "health/medicine/cold", quantity: quantity)));

        Assert.Equal(purchasable, quote.Items[0].Purchasable);
        var restriction = Assert.Single(quote.Items[0].Restrictions);
        Assert.Equal((RestrictionAction.QuantityLimit, (int?)6, (IReadOnlyList<string>?)null), (restriction.Action, restriction.MaxQuantity, restriction.Channels));
    }

    [Fact]
    public void Quote_EveryCriterionMustHold_AnyValueInAListMay()
    {
        var match = new GoodsMatch(["electronics", "toys"], ["Battery", "Magnetic"], ["drone", "無人機"], 200);
        var config = WithRules(Rule("RG-ALL", RestrictionAction.RequireIdDocument, match));

        bool Matches(CartItem item) => Quote(Request(item), config).Items[0].RequiresIdDocument;

        Assert.True(Matches(Item(category: "toys/flying", title: "Mini DRONE kit", grams: 300, attributes: "Magnetic")));
        Assert.True(Matches(Item(category: "electronics", title: "航拍無人機", grams: 200, attributes: "Battery")));
        Assert.False(Matches(Item(category: "food/toys", title: "drone", grams: 300, attributes: "Battery")));
        Assert.False(Matches(Item(category: "toys", title: "drone", grams: 300)));
        Assert.False(Matches(Item(category: "toys", title: "kite", grams: 300, attributes: "Battery")));
        Assert.False(Matches(Item(category: "toys", title: null, grams: 300, attributes: "Battery")));
        Assert.False(Matches(Item(category: "toys", title: "drone", grams: 199, attributes: "Battery")));
    }

    [Fact]
    public void Quote_Restrictions_AreListedInConfigurationOrderWithReasonsInTheQuoteLocale()
    {
        var config = WithRules(
            Rule("RG-B", RestrictionAction.RequireIdDocument, Category("food")),
            Rule("RG-A", RestrictionAction.BlockChannels, new GoodsMatch([], ["Food"], [], null), ["DIRECT_EXP"]),
            Rule("RG-C", RestrictionAction.QuantityLimit, Category("food/tea"), max: 5));

        var item = Quote(Request(Item(attributes: "Food")) with { Locale = "zh-Hant-HK" }, config).Items[0];

        Assert.Equal(["RG-A", "RG-B", "RG-C"], item.Restrictions.Select(r => r.RuleId));
        Assert.Equal("原因 RG-A", item.Restrictions[0].Reason);
        Assert.Equal(["DIRECT_EXP"], item.Restrictions[0].Channels!);
        Assert.True(item.RequiresIdDocument);
        Assert.True(item.Purchasable);
    }

    // ---- rule 3: availability ----

    [Fact]
    public void Quote_WhenNothingIsPurchasable_EveryEnabledChannelHasNothingToShip()
    {
        var quote = Quote(Request(Item(attributes: "Blade")));

        Assert.Equal(["DIRECT_STD", "DIRECT_EXP", "CONSOL"], quote.Channels.Select(c => c.Code));
        Assert.All(quote.Channels, channel =>
        {
            Assert.False(channel.Available);
            Assert.Equal(new UnavailableReason(UnavailableReasonCode.NothingToShip, null, null), Assert.Single(channel.UnavailableReasons));
            Assert.Null(channel.Fee);
            Assert.Null(channel.Promise);
        });
    }

    [Fact]
    public void Quote_BlockChannels_GivesOneReasonPerMatchingRule()
    {
        var config = WithRules(
            Rule("RG-1", RestrictionAction.BlockChannels, new GoodsMatch([], ["Battery"], [], null), ["DIRECT_EXP"]),
            Rule("RG-2", RestrictionAction.BlockChannels, Category("electronics"), ["DIRECT_EXP", "CONSOL"]),
            Rule("RG-3", RestrictionAction.BlockChannels, Category("books"), ["DIRECT_EXP"]));

        var quote = Quote(Request(
            Item("A", category: "electronics/phones", attributes: "Battery"),
            Item("B", category: "electronics/cables", attributes: "Battery")), config);

        Assert.Equal(["RG-1", "RG-2"], quote.Channel("DIRECT_EXP").UnavailableReasons.Select(r => r.RuleId));
        Assert.Equal("reason RG-1", quote.Channel("DIRECT_EXP").UnavailableReasons[0].Text);
        Assert.Equal(["RG-2"], quote.Channel("CONSOL").UnavailableReasons.Select(r => r.RuleId));
        Assert.True(quote.Channel("DIRECT_STD").Available);
    }

    [Fact]
    public void Quote_BlockChannelsRuleOnAnItemThatIsNotPurchasable_DoesNotBlock()
    {
        var quote = Quote(Request(Item("PB", category: "electronics", attributes: ["Battery", "Blade"]), Item("TEA")));

        Assert.True(quote.Channel("DIRECT_EXP").Available);
        Assert.False(quote.Items[0].Purchasable);
    }

    [Theory]
    [InlineData(10000, true)]
    [InlineData(10001, false)]
    public void Quote_AboveTheMaximumWeight_IsOverweight(int grams, bool available)
    {
        var channel = Quote(Request(Item(grams: grams))).Channel("DIRECT_EXP");

        Assert.Equal(available, channel.Available);
        Assert.Equal(available ? [] : [new UnavailableReason(UnavailableReasonCode.Overweight, null, null)], channel.UnavailableReasons);
    }

    [Fact]
    public void Quote_DisabledChannel_IsLeftOut() =>
        Assert.DoesNotContain(Quote(Request(Item())).Channels, c => c.Code == "PICKUP");

    // ---- rule 4: base fee ----

    [Theory]
    [InlineData(1, 500, 18.00)]
    [InlineData(500, 500, 18.00)]
    [InlineData(501, 1000, 26.00)]
    [InlineData(1000, 1000, 26.00)]
    [InlineData(1001, 1500, 34.00)]
    [InlineData(20000, 20000, 330.00)]
    public void Quote_ChargeableWeight_RoundsTheRestUpToWholeSteps(int grams, int chargeable, decimal baseFee)
    {
        var channel = Quote(Request(Item(grams: grams, price: 1m))).Channel("DIRECT_STD");

        Assert.Equal(chargeable, channel.ChargeableWeightGrams);
        Assert.Equal(baseFee, channel.BaseFee);
    }

    [Fact]
    public void Quote_Weight_CountsQuantityAndOnlyPurchasableItems()
    {
        var quote = Quote(Request(Item("A", grams: 300, quantity: 2), Item("B", category: "health/medicine", grams: 5000, quantity: 7)));

        Assert.Equal(1000, quote.Channel("CONSOL").ChargeableWeightGrams);
        Assert.Equal(1000, quote.Channel("DIRECT_STD").ChargeableWeightGrams);
    }

    // ---- rule 5: surcharges ----

    [Fact]
    public void Quote_Surcharges_RemoteByAreaOrPostalPrefixAndHomeDelivery_InChannelOrder()
    {
        var config = HongKong with
        {
            Channels = [.. HongKong.Channels.Select(c => c.Code == "DIRECT_STD"
                ? c with { Surcharges = [c.Surcharges[0] with { PostalCodePrefixes = ["999"] }, c.Surcharges[1]] }
                : c)],
        };

        Quote Surcharged(string? area, string? postal, bool home) =>
            Quote(Request(Item()) with { Destination = new Destination(area, postal, home) }, config);

        Assert.Equal([new AppliedSurcharge(SurchargeKind.RemoteArea, 12.00m), new AppliedSurcharge(SurchargeKind.HomeDelivery, 15.00m)],
            Surcharged("NT-ISLANDS", null, true).Channel("DIRECT_STD").Surcharges);
        Assert.Equal([new AppliedSurcharge(SurchargeKind.RemoteArea, 12.00m)], Surcharged(null, "999077", false).Channel("DIRECT_STD").Surcharges);
        Assert.Empty(Surcharged("KLN", "000", false).Channel("DIRECT_STD").Surcharges);
        Assert.Equal(18.00m + 15.00m, Surcharged("KLN", null, true).Channel("DIRECT_STD").Fee);
        Assert.Empty(Surcharged("KLN", null, true).Channel("DIRECT_EXP").Surcharges);
    }

    // ---- rule 6: free shipping ----

    [Theory]
    [InlineData(298.99, false)]
    [InlineData(299.00, true)]
    public void Quote_CartThresholdMetExactly_WaivesTheBaseFee(decimal subtotal, bool free)
    {
        var channel = Quote(Request(Item(price: subtotal))).Channel("DIRECT_STD");

        Assert.Equal(free ? 0.00m : 18.00m, channel.Fee);
        Assert.Equal(free ? ["FS-HK-CART-299"] : [], channel.Discounts.Select(d => d.RuleId));
    }

    [Fact]
    public void Quote_ExcludedCategory_DoesNotCountTowardsTheThreshold()
    {
        var channel = Quote(Request(Item("A", price: 200m), Item("SOFA", category: "furniture/sofa", price: 200m))).Channel("DIRECT_STD");

        Assert.Empty(channel.Discounts);
        Assert.Equal(99.00m, channel.Nudges.Single().Remaining);
        Assert.Equal("Add HK$99.00 more for free shipping", channel.Nudges.Single().Text);
    }

    [Fact]
    public void Quote_IncludedCategories_AreTheOnlyEligibleItems()
    {
        var config = HongKong with { FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == "FS-HK-CART-299" ? r with { IncludeCategories = ["books"] } : r)] };

        Assert.Empty(Quote(Request(Item(price: 400m)), config).Channel("DIRECT_STD").Discounts);
        Assert.NotEmpty(Quote(Request(Item(category: "books/novels", price: 400m)), config).Channel("DIRECT_STD").Discounts);
    }

    [Fact]
    public void Quote_AboveTheRuleMaximumWeight_IsNotFreeAndNotNudged()
    {
        var channel = Quote(Request(Item(price: 100m, grams: 5001))).Channel("DIRECT_STD");

        Assert.Empty(channel.Discounts);
        Assert.Empty(channel.Nudges);
    }

    [Fact]
    public void Quote_NewBuyerRule_AppliesOnlyToNewBuyersInsideItsWindow()
    {
        var newBuyer = Request(Item(price: 120m)) with { Buyer = new Buyer("b", true), Destination = new Destination("NT-ISLANDS", null, false) };

        var inside = Quote(newBuyer).Channel("DIRECT_STD");
        var after = QuoteEngine.Quote(HongKong, newBuyer with { At = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) }, FridayMorning).Channel("DIRECT_STD");
        var returning = Quote(newBuyer with { Buyer = new Buyer("b", false) }).Channel("DIRECT_STD");

        Assert.Equal(new AppliedDiscount(DiscountSource.FreeShipping, "FS-HK-NEW-99", 30.00m), Assert.Single(inside.Discounts));
        Assert.Equal(0.00m, inside.Fee);
        Assert.Empty(after.Discounts);
        Assert.Empty(returning.Discounts);
    }

    [Fact]
    public void Quote_SeveralRulesMet_LargestDiscountWins()
    {
        var newBuyer = Request(Item(price: 400m)) with { Buyer = new Buyer("b", true), Destination = new Destination("NT-ISLANDS", null, false) };

        var channel = Quote(newBuyer).Channel("DIRECT_STD");

        Assert.Equal("FS-HK-NEW-99", Assert.Single(channel.Discounts).RuleId);
    }

    [Fact]
    public void Quote_SeveralRulesMetWithTheSameDiscount_FirstInOrderWins()
    {
        var newBuyer = Request(Item(price: 400m)) with { Buyer = new Buyer("b", true) };

        var channel = Quote(newBuyer).Channel("DIRECT_STD");

        Assert.Equal("FS-HK-CART-299", Assert.Single(channel.Discounts).RuleId);
    }

    [Fact]
    public void Quote_SingleItemScope_NeedsOneEligibleUnitPriceAtTheThreshold()
    {
        var config = HongKong with { FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == "FS-HK-CART-299" ? r with { Scope = FreeShippingScope.SingleItem, Threshold = 200m } : r)] };

        Assert.Empty(Quote(Request(Item(price: 150m, quantity: 3)), config).Channel("DIRECT_STD").Discounts);
        Assert.NotEmpty(Quote(Request(Item(price: 200m)), config).Channel("DIRECT_STD").Discounts);
        Assert.Empty(Quote(Request(Item(price: 150m, quantity: 3)), config).Channel("DIRECT_STD").Nudges);
    }

    // ---- rule 7: consolidation promotion ----

    private static CartItem[] FromStores(int stores) => [.. Enumerable.Range(1, stores).Select(i => Item($"SKU-{i}", $"S{i}", price: 10m))];

    [Theory]
    [InlineData(1, 0.00, 25.00)]
    [InlineData(2, 5.00, 20.00)]
    [InlineData(3, 5.00, 20.00)]
    [InlineData(4, 12.50, 12.50)]
    [InlineData(6, 25.00, 0.00)]
    public void Quote_PromoTier_IsTheHighestReached(int stores, decimal discount, decimal fee)
    {
        var channel = Quote(Request(FromStores(stores))).Channel("CONSOL");

        Assert.Equal(discount == 0 ? [] : [new AppliedDiscount(DiscountSource.ConsolidationPromo, "CP-HK-BAG", discount)], channel.Discounts);
        Assert.Equal(fee, channel.Fee);
    }

    [Fact]
    public void Quote_PercentDiscount_RoundsHalfAwayFromZero()
    {
        var config = HongKong with
        {
            Channels = [.. HongKong.Channels.Select(c => c.Code == "CONSOL" ? c with { Rate = c.Rate with { FirstPrice = 25.10m } } : c)],
            ConsolidationPromos = [HongKong.ConsolidationPromos[0] with { Tiers = [new PromoTier(2, new PromoDiscount(DiscountKind.Percent, 12.5m))] }],
        };

        var channel = Quote(Request(FromStores(2)), config).Channel("CONSOL");

        // 25.10 × 12.5 % = 3.1375 → 3.14; the fee is then 21.96.
        Assert.Equal(3.14m, channel.Discounts.Single().Amount);
        Assert.Equal(21.96m, channel.Fee);
    }

    [Fact]
    public void Quote_InTaiwanDollars_RoundsToWholeDollars()
    {
        var taiwan = OpsConsole.Domain.Demo.DemoConfigurations.For("TW");
        var config = taiwan with { ConsolidationPromos = [taiwan.ConsolidationPromos[0] with { Tiers = [new PromoTier(2, new PromoDiscount(DiscountKind.Percent, 12.5m))] }] };
        var request = Request([.. FromStores(2)]) with { Locale = null };

        var channel = QuoteEngine.Quote(config, request, FridayMorning).Channel("CONSOL");

        // 120 × 12.5 % = 15 exactly; with 1,001 g: 120 + 30 = 150 × 12.5 % = 18.75 → 19.
        Assert.Equal(15m, channel.Discounts.Single().Amount);
        var heavier = QuoteEngine.Quote(config, request with { Items = [.. request.Items, Item("HEAVY", "S1", grams: 801)] }, FridayMorning).Channel("CONSOL");
        Assert.Equal((19m, 131m), (heavier.Discounts.Single().Amount, heavier.Fee!.Value));
        Assert.Equal("131", heavier.Fee.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Quote_PromoNotStackingWithMetFreeShipping_KeepsOnlyTheLargerDiscount()
    {
        var items = FromStores(4).Select(i => i with { UnitPrice = 130m }).ToArray();

        var channel = Quote(Request(items)).Channel("CONSOL");

        // Free shipping (25.00) beats the 50 % tier (12.50).
        Assert.Equal([new AppliedDiscount(DiscountSource.FreeShipping, "FS-HK-CONSOL-500", 25.00m)], channel.Discounts);
    }

    [Fact]
    public void Quote_PromoStackingWithMetFreeShipping_HasNothingLeftToDiscount()
    {
        var config = HongKong with { ConsolidationPromos = [HongKong.ConsolidationPromos[0] with { StacksWithFreeShipping = true }] };
        var items = FromStores(4).Select(i => i with { UnitPrice = 130m }).ToArray();

        var channel = Quote(Request(items), config).Channel("CONSOL");

        Assert.Equal([new AppliedDiscount(DiscountSource.FreeShipping, "FS-HK-CONSOL-500", 25.00m)], channel.Discounts);
        Assert.Equal(0.00m, channel.Fee);
    }

    [Fact]
    public void Quote_FreeShippingWaivingSurcharges_BeatsAFreePromotion()
    {
        // Free shipping that waives surcharges discounts base + surcharge; a Free promotion only the base fee.
        var config = HongKong with
        {
            Channels = [.. HongKong.Channels.Select(c => c.Code == "CONSOL" ? c with { Surcharges = [new Surcharge(SurchargeKind.HomeDelivery, [], [], 15m)] } : c)],
            FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == "FS-HK-CONSOL-500" ? r with { WaivesSurcharges = true } : r)],
        };
        var items = FromStores(6).Select(i => i with { UnitPrice = 100m }).ToArray();

        var waived = Quote(Request(items) with { Destination = new Destination("KLN", null, true) }, config).Channel("CONSOL");

        Assert.Equal([new AppliedDiscount(DiscountSource.FreeShipping, "FS-HK-CONSOL-500", 40.00m)], waived.Discounts);
        Assert.Equal(0.00m, waived.Fee);
    }

    // ---- rule 8: fee ----

    [Fact]
    public void Quote_Fee_IsNeverBelowZero()
    {
        var config = HongKong with
        {
            ConsolidationPromos = [HongKong.ConsolidationPromos[0] with { Tiers = [new PromoTier(1, new PromoDiscount(DiscountKind.Amount, 1000m))] }],
        };

        var channel = Quote(Request(Item()), config).Channel("CONSOL");

        Assert.Equal(25.00m, channel.Discounts.Single().Amount);
        Assert.Equal(0.00m, channel.Fee);
    }

    // ---- rule 9: promise ----

    [Theory]
    [InlineData("2026-11-20T06:59:00Z", "2026-11-25")] // Friday 14:59: before the 15:00 cut-off, dispatch Friday
    [InlineData("2026-11-20T07:00:00Z", "2026-11-26")] // Friday 15:00 exactly: at the cut-off, next day → Monday
    [InlineData("2026-11-20T15:59:59Z", "2026-11-26")] // Friday 23:59:59
    [InlineData("2026-11-20T16:00:00Z", "2026-11-26")] // Saturday 00:00 → Monday
    public void Quote_WhenCutoffPassedBeforeWeekend_DispatchesMonday(string at, string earliest)
    {
        var quote = Quote(Request(Item()) with { At = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), quote.Channel("DIRECT_STD").Promise!.EarliestDate);
    }

    [Fact]
    public void Quote_HolidayBeforeAWeekend_DispatchesAfterBoth()
    {
        // Thursday 24 December after the cut-off: Friday 25th and Saturday 26th are holidays, then Sunday.
        var quote = Quote(Request(Item()) with { At = new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero) });

        var promise = quote.Channel("DIRECT_STD").Promise!;
        Assert.Equal((new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 6)), (promise.EarliestDate, promise.LatestDate));
        Assert.Equal("Arrives in 3-6 business days (31 December to 6 January)", promise.Text);
    }

    [Fact]
    public void Quote_CalendarDayChannel_CountsWeekends()
    {
        // DIRECT_EXP: calendar days, cut-off 12:00; Friday 10:00 → Friday, +2 and +3 days.
        var promise = Quote(Request(Item())).Channel("DIRECT_EXP").Promise!;

        Assert.Equal((new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 23)), (promise.EarliestDate, promise.LatestDate));
        Assert.Equal("3-day express: arrives 22 November to 23 November", promise.Text);
    }

    [Theory]
    [InlineData("DIRECT_STD")] // business days
    [InlineData("DIRECT_EXP")] // calendar days
    public void Quote_TransitDaysPastTheCalendarsEnd_StopAtItsLastDay_RatherThanThrow(string code)
    {
        // What the preview quotes while an author's draft still has this error (validation refuses more than 120 days).
        var draft = HongKong with
        {
            Channels = [.. HongKong.Channels.Select(c => c.Code == code ? c with { Transit = c.Transit with { MinDays = -5_000_000, MaxDays = 5_000_000 } } : c)],
        };

        var promise = Quote(Request(Item()), draft).Channel(code).Promise!;

        Assert.Equal(DateOnly.MaxValue, promise.LatestDate);
        Assert.True(promise.EarliestDate <= new DateOnly(2026, 11, 20), promise.EarliestDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("9999-12-31T15:30:00Z")] // 23:30 in Hong Kong, after every cut-off, on the calendar's last day
    [InlineData("9999-12-31T23:30:00Z")] // already past the last day on the site's clock
    [InlineData("0001-01-01T00:00:00Z")]
    public void Quote_AtTheCalendarsEnds_IsAQuote_NotAnException(string at)
    {
        // The preview's "At" field and the API's "at" accept any instant; the engine once threw past the last day.
        var quote = Quote(Request(Item()) with { At = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.All(quote.Channels.Where(c => c.Available), c => Assert.NotNull(c.Promise));
    }

    [Fact]
    public void Quote_PromiseInChinese_UsesTheCultureMonthDayAndChannelName()
    {
        var promise = Quote(Request(Item()) with { Locale = "zh-Hant-HK" }).Channel("DIRECT_EXP").Promise!;

        Assert.Equal("直郵快捷三日達：11月22日 至 11月23日 送達", promise.Text);
    }

    // ---- rule 10: nudges ----

    [Fact]
    public void Quote_Nudges_OnlyWhenTheFeeIsAboveZero()
    {
        var items = FromStores(6);

        var channel = Quote(Request(items)).Channel("CONSOL");

        Assert.Equal(0.00m, channel.Fee);
        Assert.Empty(channel.Nudges);
    }

    [Fact]
    public void Quote_Nudges_FreeShippingFirstThenTheNextPromoTier()
    {
        var channel = Quote(Request(FromStores(3))).Channel("CONSOL");

        Assert.Equal(
            [
                new Nudge(DiscountSource.FreeShipping, "FS-HK-CONSOL-500", 470.00m, "Add HK$470.00 more for free consolidated shipping"),
                new Nudge(DiscountSource.ConsolidationPromo, "CP-HK-BAG", 1m, "Add items from 1 more stores for a bigger shipping discount"),
            ],
            channel.Nudges);
    }

    [Fact]
    public void Quote_MoneyInTexts_HasThousandsSeparators()
    {
        var config = HongKong with { FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == "FS-HK-CART-299" ? r with { Threshold = 1299m, MaxWeightGrams = null } : r)] };

        var nudge = Quote(Request(Item(price: 0.50m)), config).Channel("DIRECT_STD").Nudges.Single();

        Assert.Equal("Add HK$1,298.50 more for free shipping", nudge.Text);
    }
}
