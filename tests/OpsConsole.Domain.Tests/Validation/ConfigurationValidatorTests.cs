using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Tests.Support;
using OpsConsole.Domain.Validation;

namespace OpsConsole.Domain.Tests.Validation;

public class ConfigurationValidatorTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    // Indexes below are in configuration order: channels by kind, then code: DIRECT_STD(0), DIRECT_EXP(1), CONSOL(2), PICKUP(3); free shipping by id: FS-HK-CART-299(0),
    // FS-HK-CONSOL-500(1), FS-HK-NEW-99(2); restricted goods by id: BATTERY-AIR(0), BLADE(1), MED-LIMIT(2).
    private static SiteConfiguration WithChannel(int index, Func<Channel, Channel> change) =>
        HongKong with { Channels = HongKong.Channels.Select((c, i) => i == index ? change(c) : c).ToValueList() };

    private static SiteConfiguration WithFreeShipping(int index, Func<FreeShippingRule, FreeShippingRule> change) =>
        HongKong with { FreeShipping = HongKong.FreeShipping.Select((r, i) => i == index ? change(r) : r).ToValueList() };

    private static SiteConfiguration WithPromo(Func<ConsolidationPromo, ConsolidationPromo> change) =>
        HongKong with { ConsolidationPromos = HongKong.ConsolidationPromos.Select(change).ToValueList() };

    private static SiteConfiguration WithRestricted(int index, Func<RestrictedGoodsRule, RestrictedGoodsRule> change) =>
        HongKong with { RestrictedGoods = HongKong.RestrictedGoods.Select((r, i) => i == index ? change(r) : r).ToValueList() };

    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_AnAmountPastAnyRealFee_SaysTheLimitTheSameWayWhateverTheMachinesCulture()
    {
        // The limit was formatted with the current culture: 1.000.000.000 on a German server, 1 000 000 000 on a French one.
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var report = ConfigurationValidator.Validate(WithChannel(0, c => c with { Rate = c.Rate with { StepPrice = 1_000_000_000.01m } }));

            var issue = Assert.Single(report.Errors, e => e.Path == "channels[0].rate.stepPrice");
            Assert.EndsWith("is more than 1,000,000,000; is it a typo?", issue.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    public static TheoryData<string, Func<SiteConfiguration>, string, string> Errors() => new()
    {
        { "unknown site", () => HongKong with { Site = "JP" }, "site", IssueCodes.UnknownSite },
        { "channel code not upper snake case", () => WithChannel(0, c => c with { Code = "direct-std" }), "channels[0].code", IssueCodes.InvalidCode },
        { "duplicate channel code", () => WithChannel(1, c => c with { Code = "DIRECT_STD", Kind = ChannelKind.DirectStandard }), "channels[1].code", IssueCodes.DuplicateCode },
        { "step price with too many decimals", () => WithChannel(0, c => c with { Rate = c.Rate with { StepPrice = 8.005m } }), "channels[0].rate.stepPrice", IssueCodes.TooManyDecimals },
        { "negative first price", () => WithChannel(0, c => c with { Rate = c.Rate with { FirstPrice = -1m } }), "channels[0].rate.firstPrice", IssueCodes.OutOfRange },
        { "zero step weight", () => WithChannel(0, c => c with { Rate = c.Rate with { StepWeightGrams = 0 } }), "channels[0].rate.stepWeightGrams", IssueCodes.OutOfRange },
        { "zero first weight", () => WithChannel(0, c => c with { Rate = c.Rate with { FirstWeightGrams = 0 } }), "channels[0].rate.firstWeightGrams", IssueCodes.OutOfRange },
        { "max weight below first weight", () => WithChannel(0, c => c with { Rate = c.Rate with { MaxWeightGrams = 400 } }), "channels[0].rate.maxWeightGrams", IssueCodes.OutOfRange },
        { "max weight of more than a tonne", () => WithChannel(0, c => c with { Rate = c.Rate with { MaxWeightGrams = 1_000_001 } }), "channels[0].rate.maxWeightGrams", IssueCodes.OutOfRange },
        { "a step price past any real fee (a release with it would fail every quote)", () => WithChannel(0, c => c with { Rate = c.Rate with { StepPrice = 1_000_000_000.01m } }), "channels[0].rate.stepPrice", IssueCodes.OutOfRange },
        { "min days above max days", () => WithChannel(0, c => c with { Transit = c.Transit with { MinDays = 7 } }), "channels[0].transit.maxDays", IssueCodes.OutOfRange },
        { "surcharge with too many decimals", () => WithChannel(0, c => c with { Surcharges = [c.Surcharges[0] with { Amount = 12.001m }] }), "channels[0].surcharges[0].amount", IssueCodes.TooManyDecimals },
        { "remote area without areas", () => WithChannel(0, c => c with { Surcharges = [c.Surcharges[0] with { Areas = [] }] }), "channels[0].surcharges[0].areas", IssueCodes.RemoteAreaWithoutAreas },
        { "promise template missing a locale", () => WithChannel(0, c => c with { PromiseTemplates = LocalizedText.Of(("en-HK", "{minDays} days")) }), "channels[0].promiseTemplates.zh-Hant-HK", IssueCodes.MissingLocale },
        { "promise template unknown placeholder", () => WithChannel(0, c => c with { PromiseTemplates = LocalizedText.Of(("en-HK", "by {eta}"), ("zh-Hant-HK", "{minDays}")) }), "channels[0].promiseTemplates.en-HK", IssueCodes.UnknownPlaceholder },
        { "channel name missing a locale", () => WithChannel(0, c => c with { Names = LocalizedText.Of(("en-HK", "Direct")) }), "channels[0].names.zh-Hant-HK", IssueCodes.MissingLocale },
        { "free shipping on unknown channel", () => WithFreeShipping(0, r => r with { Channels = ["DIRECT_STD", "SEA"] }), "freeShipping[0].channels[1]", IssueCodes.UnknownChannel },
        { "free shipping threshold with too many decimals", () => WithFreeShipping(0, r => r with { Threshold = 299.999m }), "freeShipping[0].threshold", IssueCodes.TooManyDecimals },
        { "free shipping without channels", () => WithFreeShipping(0, r => r with { Channels = [] }), "freeShipping[0].channels", IssueCodes.MissingChannels },
        { "free shipping nudge unknown placeholder", () => WithFreeShipping(0, r => r with { NudgeTemplates = LocalizedText.Of(("en-HK", "Add {missing}"), ("zh-Hant-HK", "{remaining}")) }), "freeShipping[0].nudgeTemplates.en-HK", IssueCodes.UnknownPlaceholder },
        { "free shipping inverted window", () => WithFreeShipping(2, r => r with { ValidFrom = Dec1, ValidTo = Dec1.AddDays(-1) }), "freeShipping[2].validTo", IssueCodes.InvertedWindow },
        { "free shipping empty window", () => WithFreeShipping(2, r => r with { ValidFrom = Dec1, ValidTo = Dec1 }), "freeShipping[2].validTo", IssueCodes.EmptyWindow },
        { "duplicate free shipping id", () => WithFreeShipping(1, r => r with { Id = "FS-HK-CART-299" }), "freeShipping[1].id", IssueCodes.DuplicateId },
        { "free shipping bad category", () => WithFreeShipping(0, r => r with { ExcludeCategories = ["/furniture"] }), "freeShipping[0].excludeCategories[0]", IssueCodes.InvalidCategory },
        { "promo on unknown channel", () => WithPromo(p => p with { Channel = "SEA" }), "consolidationPromos[0].channel", IssueCodes.UnknownChannel },
        { "promo on a direct channel", () => WithPromo(p => p with { Channel = "DIRECT_STD" }), "consolidationPromos[0].channel", IssueCodes.PromoNotOnConsolidation },
        { "tiers not rising", () => WithPromo(p => p with { Tiers = [p.Tiers[0], p.Tiers[1] with { Min = 2 }, p.Tiers[2]] }), "consolidationPromos[0].tiers[1].min", IssueCodes.TiersNotRising },
        { "discount falling", () => WithPromo(p => p with { Tiers = [p.Tiers[0], p.Tiers[1] with { Discount = new PromoDiscount(DiscountKind.Percent, 10) }, p.Tiers[2]] }), "consolidationPromos[0].tiers[1].discount", IssueCodes.DiscountFalling },
        { "discount falling after free", () => WithPromo(p => p with { Tiers = [p.Tiers[2] with { Min = 1 }, p.Tiers[1]] }), "consolidationPromos[0].tiers[1].discount", IssueCodes.DiscountFalling },
        { "percent above 100", () => WithPromo(p => p with { Tiers = [p.Tiers[0] with { Discount = new PromoDiscount(DiscountKind.Percent, 120) }] }), "consolidationPromos[0].tiers[0].discount.value", IssueCodes.OutOfRange },
        { "store count tier not whole", () => WithPromo(p => p with { Tiers = [p.Tiers[0] with { Min = 2.5m }] }), "consolidationPromos[0].tiers[0].min", IssueCodes.OutOfRange },
        { "amount discount with too many decimals", () => WithPromo(p => p with { Tiers = [p.Tiers[0] with { Discount = new PromoDiscount(DiscountKind.Amount, 5.555m) }] }), "consolidationPromos[0].tiers[0].discount.value", IssueCodes.TooManyDecimals },
        { "daily budget with too many decimals", () => WithPromo(p => p with { DailyBudget = 100.123m }), "consolidationPromos[0].dailyBudget", IssueCodes.TooManyDecimals },
        { "promo without tiers", () => WithPromo(p => p with { Tiers = [] }), "consolidationPromos[0].tiers", IssueCodes.Required },
        { "promo nudge missing locale", () => WithPromo(p => p with { NudgeTemplates = LocalizedText.Of(("en-HK", "{remaining}")) }), "consolidationPromos[0].nudgeTemplates.zh-Hant-HK", IssueCodes.MissingLocale },
        { "promo inverted window", () => WithPromo(p => p with { ValidFrom = Dec1, ValidTo = Dec1.AddHours(-1) }), "consolidationPromos[0].validTo", IssueCodes.InvertedWindow },
        { "block channels on unknown channel", () => WithRestricted(0, r => r with { Channels = ["AIR"] }), "restrictedGoods[0].channels[0]", IssueCodes.UnknownChannel },
        { "block channels without channels", () => WithRestricted(0, r => r with { Channels = [] }), "restrictedGoods[0].channels", IssueCodes.MissingChannels },
        { "quantity limit without max", () => WithRestricted(2, r => r with { MaxQuantity = null }), "restrictedGoods[2].maxQuantity", IssueCodes.MissingMaxQuantity },
        { "quantity limit of zero", () => WithRestricted(2, r => r with { MaxQuantity = 0 }), "restrictedGoods[2].maxQuantity", IssueCodes.MissingMaxQuantity },
        { "rule without criteria", () => WithRestricted(1, r => r with { Match = new GoodsMatch([], [], [], null) }), "restrictedGoods[1].match", IssueCodes.EmptyMatch },
        { "reason missing a locale", () => WithRestricted(1, r => r with { Reasons = LocalizedText.Of(("zh-Hant-HK", "刀具")) }), "restrictedGoods[1].reasons.en-HK", IssueCodes.MissingLocale },
        { "duplicate restricted goods id", () => WithRestricted(2, r => r with { Id = "RG-HK-BLADE" }), "restrictedGoods[2].id", IssueCodes.DuplicateId },
        { "restricted goods inverted window", () => WithRestricted(1, r => r with { ValidFrom = Dec1, ValidTo = Dec1.AddDays(-30) }), "restrictedGoods[1].validTo", IssueCodes.InvertedWindow },
        { "restricted goods empty window", () => WithRestricted(1, r => r with { ValidFrom = Dec1, ValidTo = Dec1 }), "restrictedGoods[1].validTo", IssueCodes.EmptyWindow },
        { "restricted goods bad weight", () => WithRestricted(1, r => r with { Match = r.Match with { MinUnitWeightGrams = 0 } }), "restrictedGoods[1].match.minUnitWeightGrams", IssueCodes.OutOfRange },
    };

    public static TheoryData<string, Func<SiteConfiguration>, string, string> Warnings() => new()
    {
        { "free shipping only on disabled channels", () => WithFreeShipping(0, r => r with { Channels = ["PICKUP"] }), "freeShipping[0].channels", IssueCodes.ChannelsAllDisabled },
        { "block channels only on disabled channels", () => WithRestricted(0, r => r with { Channels = ["PICKUP"] }), "restrictedGoods[0].channels", IssueCodes.ChannelsAllDisabled },
        { "free shipping targets a blocked category", () => HongKong with
            {
                FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == "FS-HK-CONSOL-500" ? r with { IncludeCategories = ["outdoor/knives/kitchen"] } : r)],
                RestrictedGoods = [.. HongKong.RestrictedGoods, HongKong.RestrictedGoods[1] with { Id = "RG-HK-KNIVES", Match = new GoodsMatch(["outdoor/knives"], [], [], null) }],
            }, "freeShipping[1].includeCategories[0]", IssueCodes.FreeShippingTargetsBlockedCategory },
        { "overlapping free shipping with different thresholds", () => HongKong, "freeShipping[2]", IssueCodes.OverlappingFreeShipping },
        { "unknown attribute", () => WithRestricted(0, r => r with { Match = r.Match with { Attributes = ["Batery"] } }), "restrictedGoods[0].match.attributes[0]", IssueCodes.UnknownAttribute },
        { "max quantity on a block sale rule", () => WithRestricted(1, r => r with { MaxQuantity = 3 }), "restrictedGoods[1].maxQuantity", IssueCodes.IgnoredField },
        { "no channel enabled", () => HongKong with { Channels = [.. HongKong.Channels.Select(c => c with { Enabled = false })] }, "channels", IssueCodes.NoEnabledChannel },
        { "no channel at all", () => HongKong with { Channels = [], FreeShipping = [], ConsolidationPromos = [], RestrictedGoods = [] }, "channels", IssueCodes.NoEnabledChannel },
        { "promotion on a disabled channel", () => WithChannel(2, c => c with { Enabled = false }), "consolidationPromos[0].channel", IssueCodes.ChannelsAllDisabled },
        { "free discount with a value", () => WithPromo(p => p with { Tiers = [p.Tiers[0], p.Tiers[1], p.Tiers[2] with { Discount = new PromoDiscount(DiscountKind.Free, 5) }] }), "consolidationPromos[0].tiers[2].discount.value", IssueCodes.IgnoredField },
        { "channels on a quantity limit rule", () => WithRestricted(2, r => r with { Channels = ["DIRECT_STD"] }), "restrictedGoods[2].channels", IssueCodes.IgnoredField },
        { "nudge texts on a single-item free-shipping rule", () => WithFreeShipping(0, r => r with { Scope = FreeShippingScope.SingleItem }), "freeShipping[0].nudgeTemplates", IssueCodes.IgnoredField },
        { "text for a locale the site does not show", () => WithChannel(0, c => c with { Names = LocalizedText.From([.. c.Names, KeyValuePair.Create("fr-FR", "Direct")]) }), "channels[0].names.fr-FR", IssueCodes.UnknownLocale },
    };

    [Fact]
    public void Validate_ContractExample_HasNoErrorsAndWarnsOnlyAboutTheNewBuyerOverlap()
    {
        var report = ConfigurationValidator.Validate(HongKong);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(
            new ValidationIssue("freeShipping[2]", IssueCodes.OverlappingFreeShipping,
                "Free-shipping rules FS-HK-CART-299 and FS-HK-NEW-99 both apply to DIRECT_STD at the same time with different thresholds (HK$299.00 and HK$99.00)."),
            warning);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Validate_WhenConfigurationBreaksARule_ReportsAnErrorAtItsPath(string because, Func<SiteConfiguration> configuration, string path, string code)
    {
        var report = ConfigurationValidator.Validate(configuration());

        Assert.False(report.IsValid, because);
        Assert.Contains(report.Errors, issue => issue.Path == path && issue.Code == code);
        Assert.DoesNotContain(report.Warnings, issue => issue.Path == path && issue.Code == code);
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Validate_WhenConfigurationIsQuestionable_WarnsAtItsPath(string because, Func<SiteConfiguration> configuration, string path, string code)
    {
        var report = ConfigurationValidator.Validate(configuration());

        Assert.True(report.Warnings.Any(issue => issue.Path == path && issue.Code == code),
            $"{because}: expected {code} at {path}; warnings were:\n{string.Join("\n", report.Warnings)}\nerrors:\n{string.Join("\n", report.Errors)}");
        Assert.DoesNotContain(report.Errors, issue => issue.Code == code);
    }

    [Theory]
    [InlineData("Channels[1].Rate.StepPrice", "channels[1].rate.stepPrice")]
    [InlineData("FreeShipping[0].NudgeTemplates.en-HK", "freeShipping[0].nudgeTemplates.en-HK")]
    [InlineData("", "$")]
    public void ContractPath_IsCamelCasePerSegment(string propertyName, string expected) =>
        Assert.Equal(expected, ConfigurationValidator.ContractPath(propertyName));

    [Fact]
    public void Validate_ConfigurationWithoutChannels_WarnsThatNothingCanBeShipped()
    {
        // The first draft of a site with no release starts like this; it validated clean though no cart could be quoted.
        var report = ConfigurationValidator.Validate(new SiteConfiguration("HK", [], [], [], []));

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Equal(
            new ValidationIssue("channels", IssueCodes.NoEnabledChannel, "The configuration has no channels, so buyers cannot be offered any shipping."),
            Assert.Single(report.Warnings));
    }

    [Fact]
    public void Validate_SingleItemRuleWithNudgeTexts_WarnsOnceThatTheyAreNeverShown_AndDoesNotCheckThem()
    {
        // Quotes nudge only towards a Cart threshold (PRODUCT.md, quoting rule 10), so these texts would never reach a buyer.
        var config = WithFreeShipping(0, r => r with { Scope = FreeShippingScope.SingleItem, NudgeTemplates = LocalizedText.Of(("en-HK", "Add {missing}")) });

        var report = ConfigurationValidator.Validate(config);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
        Assert.Equal(
            new ValidationIssue("freeShipping[0].nudgeTemplates", IssueCodes.IgnoredField, "Nudge texts are only shown for Cart rules; this SingleItem rule ignores them."),
            Assert.Single(report.Warnings, w => w.Path.StartsWith("freeShipping[0]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_SingleItemRuleWithoutNudgeTexts_HasNothingToSayAboutThem()
    {
        var config = WithFreeShipping(0, r => r with { Scope = FreeShippingScope.SingleItem, NudgeTemplates = LocalizedText.Of(("en-HK", " ")) });

        var report = ConfigurationValidator.Validate(config);

        Assert.DoesNotContain(report.Errors.Concat(report.Warnings), issue => issue.Path.StartsWith("freeShipping[0].nudgeTemplates", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateCodesAndIds_NameEveryCopy()
    {
        // The copy renamed in the editor may come first in content order; naming only the later one blamed an untouched one.
        var config = WithChannel(1, c => c with { Code = "DIRECT_STD", Kind = ChannelKind.DirectStandard });
        config = config with { RestrictedGoods = config.RestrictedGoods.Select((r, i) => i == 2 ? r with { Id = config.RestrictedGoods[0].Id } : r).ToValueList() };

        var errors = ConfigurationValidator.Validate(config).Errors;

        Assert.Equal(["channels[0].code", "channels[1].code"], errors.Where(e => e.Code == IssueCodes.DuplicateCode).Select(e => e.Path));
        Assert.Equal(2, errors.Count(e => e.Code == IssueCodes.DuplicateId));
    }

    [Fact]
    public void Validate_LargeSyntheticConfiguration_HasNoErrors()
    {
        var report = ConfigurationValidator.Validate(OpsConsole.Domain.Demo.SyntheticConfiguration.Create());

        Assert.True(report.IsValid, string.Join("\n", report.Errors.Take(5)));
    }

    [Fact]
    public void Validate_StepPriceWithTooManyDecimals_SaysSoInStaffWords()
    {
        var report = ConfigurationValidator.Validate(WithChannel(0, c => c with { Rate = c.Rate with { StepPrice = 8.005m } }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal("Step price 8.005 has more decimals than HKD allows (2).", issue.Message);
    }

    [Fact]
    public void Validate_WindowEndingWhenItStarts_SaysItIsEmptyNotInverted()
    {
        // validFrom <= at < validTo: such a window holds no instant at all, but it is not backwards either.
        var report = ConfigurationValidator.Validate(WithPromo(p => p with { ValidFrom = Dec1, ValidTo = Dec1 }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal(
            new ValidationIssue("consolidationPromos[0].validTo", IssueCodes.EmptyWindow,
                "The window ends when it starts (2026-12-01T00:00:00Z): it is empty; it must end after it starts."),
            issue);
    }

    [Fact]
    public void Validate_WindowEndingBeforeItStarts_KeepsTheInvertedMessage()
    {
        var report = ConfigurationValidator.Validate(WithPromo(p => p with { ValidFrom = Dec1, ValidTo = Dec1.AddHours(-1) }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal(
            new ValidationIssue("consolidationPromos[0].validTo", IssueCodes.InvertedWindow,
                "The window ends (2026-11-30T23:00:00Z) before it starts (2026-12-01T00:00:00Z)."),
            issue);
    }

    [Fact]
    public void Validate_TaiwanAmountWithCents_IsAnError()
    {
        var taiwan = HongKong with
        {
            Site = "TW",
            Channels = [.. HongKong.Channels.Select(c => c with
            {
                Names = LocalizedText.Of(("zh-Hant-TW", "直郵")),
                PromiseTemplates = LocalizedText.Of(("zh-Hant-TW", "{minDays}-{maxDays} 天")),
                Rate = c.Rate with { FirstPrice = 150, StepPrice = 40.5m },
                Surcharges = [],
            })],
            FreeShipping = [],
            ConsolidationPromos = [],
            RestrictedGoods = [],
        };

        var report = ConfigurationValidator.Validate(taiwan);

        Assert.All(report.Errors, issue => Assert.Equal(IssueCodes.TooManyDecimals, issue.Code));
        Assert.Equal(4, report.Errors.Count);
        Assert.Contains("TWD allows (0)", report.Errors[0].Message, StringComparison.Ordinal);
    }
}
