using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Tests.Support;
using OpsConsole.Domain.Validation;

namespace OpsConsole.Domain.Tests.Validation;

/// <summary>
/// Every text of a configuration is one line, and ids and the values rules match on hold nothing invisible. Checked in the
/// domain so that the JSON editor, the CSV import, the verbs and the section editors all refuse the same texts.
/// </summary>
public class OneLineTextsTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static SiteConfiguration WithChannel(Func<Channel, Channel> change) =>
        HongKong with { Channels = HongKong.Channels.Select((c, i) => i == 0 ? change(c) : c).ToValueList() };

    private static SiteConfiguration WithFreeShipping(Func<FreeShippingRule, FreeShippingRule> change) =>
        HongKong with { FreeShipping = HongKong.FreeShipping.Select((r, i) => i == 0 ? change(r) : r).ToValueList() };

    private static SiteConfiguration WithPromo(Func<ConsolidationPromo, ConsolidationPromo> change) =>
        HongKong with { ConsolidationPromos = HongKong.ConsolidationPromos.Select(change).ToValueList() };

    private static SiteConfiguration WithRestricted(Func<RestrictedGoodsRule, RestrictedGoodsRule> change) =>
        HongKong with { RestrictedGoods = HongKong.RestrictedGoods.Select((r, i) => i == 0 ? change(r) : r).ToValueList() };

    private static LocalizedText With(LocalizedText texts, string locale, string text) =>
        LocalizedText.From(texts.Where(t => t.Key != locale).Append(KeyValuePair.Create(locale, text)));

    public static TheoryData<string, Func<SiteConfiguration>, string, string> Refused() => new()
    {
        { "reason with a line break (a CSV cell, the JSON editor)", () => WithRestricted(r => r with { Reasons = With(r.Reasons, "en-HK", "No batteries by air.\nSorry.") }), "restrictedGoods[0].reasons.en-HK", IssueCodes.NotOneLine },
        { "reason with a Windows line break", () => WithRestricted(r => r with { Reasons = With(r.Reasons, "zh-Hant-HK", "電池不可空運，\r\n請見諒") }), "restrictedGoods[0].reasons.zh-Hant-HK", IssueCodes.NotOneLine },
        { "channel name with a tab", () => WithChannel(c => c with { Names = With(c.Names, "en-HK", "Direct\tStandard") }), "channels[0].names.en-HK", IssueCodes.NotOneLine },
        { "promise template with a line separator", () => WithChannel(c => c with { PromiseTemplates = With(c.PromiseTemplates, "en-HK", "{minDays}-{maxDays} days\u2028by post") }), "channels[0].promiseTemplates.en-HK", IssueCodes.NotOneLine },
        { "free-shipping nudge with a line break", () => WithFreeShipping(r => r with { NudgeTemplates = With(r.NudgeTemplates, "en-HK", "Add {remaining}\nfor free shipping") }), "freeShipping[0].nudgeTemplates.en-HK", IssueCodes.NotOneLine },
        { "nudge of a single-item rule (stored and published, though not shown) with a line break", () => WithFreeShipping(r => r with { Scope = FreeShippingScope.SingleItem, NudgeTemplates = With(r.NudgeTemplates, "en-HK", "Add {remaining}\nfor free shipping") }), "freeShipping[0].nudgeTemplates.en-HK", IssueCodes.NotOneLine },
        { "promotion nudge with a control character", () => WithPromo(p => p with { NudgeTemplates = With(p.NudgeTemplates, "en-HK", "{remaining}\u0007 more") }), "consolidationPromos[0].nudgeTemplates.en-HK", IssueCodes.NotOneLine },
        { "rule name with a line break", () => WithRestricted(r => r with { Name = "Batteries\nby air" }), "restrictedGoods[0].name", IssueCodes.NotOneLine },
        { "free-shipping rule name with a tab", () => WithFreeShipping(r => r with { Name = "Cart\t299" }), "freeShipping[0].name", IssueCodes.NotOneLine },
        { "promotion name with a line break", () => WithPromo(p => p with { Name = "Bag\nof stores" }), "consolidationPromos[0].name", IssueCodes.NotOneLine },
        { "legal reference with a line break", () => WithRestricted(r => r with { LegalReference = "Cap. 295\ns. 4" }), "restrictedGoods[0].legalReference", IssueCodes.NotOneLine },
        { "title keyword with a line break", () => WithRestricted(r => r with { Match = r.Match with { TitleKeywords = ["power\nbank"] } }), "restrictedGoods[0].match.titleKeywords[0]", IssueCodes.NotOneLine },
        { "free-shipping id ending in a space", () => WithFreeShipping(r => r with { Id = "FS-HK-CART-299 " }), "freeShipping[0].id", IssueCodes.InvisibleCharacter },
        { "promotion id with a zero-width space", () => WithPromo(p => p with { Id = "CP-HK-\u200BBAG" }), "consolidationPromos[0].id", IssueCodes.InvisibleCharacter },
        { "restricted-goods id ending in a no-break space", () => WithRestricted(r => r with { Id = "RG-HK-BATTERY-AIR\u00A0" }), "restrictedGoods[0].id", IssueCodes.InvisibleCharacter },
        { "restricted-goods id with a line break", () => WithRestricted(r => r with { Id = "RG-HK-\nBATTERY" }), "restrictedGoods[0].id", IssueCodes.NotOneLine },
        { "category prefix ending in a space", () => WithRestricted(r => r with { Match = r.Match with { CategoryPrefixes = ["electronics/batteries "] } }), "restrictedGoods[0].match.categoryPrefixes[0]", IssueCodes.InvisibleCharacter },
        { "attribute with a byte order mark", () => WithRestricted(r => r with { Match = r.Match with { Attributes = ["\uFEFFBattery"] } }), "restrictedGoods[0].match.attributes[0]", IssueCodes.InvisibleCharacter },
        { "title keyword starting with a space", () => WithRestricted(r => r with { Match = r.Match with { TitleKeywords = [" gun"] } }), "restrictedGoods[0].match.titleKeywords[0]", IssueCodes.InvisibleCharacter },
        { "free-shipping category with a zero-width joiner", () => WithFreeShipping(r => r with { IncludeCategories = ["beauty\u200D/skincare"] }), "freeShipping[0].includeCategories[0]", IssueCodes.InvisibleCharacter },
        { "surcharge area ending in an ideographic space", () => WithChannel(c => c with { Surcharges = [c.Surcharges[0] with { Areas = ["HK-ISLANDS\u3000"] }] }), "channels[0].surcharges[0].areas[0]", IssueCodes.InvisibleCharacter },
        { "postal-code prefix with a tab", () => WithChannel(c => c with { Surcharges = [c.Surcharges[0] with { PostalCodePrefixes = ["99\t"] }] }), "channels[0].surcharges[0].postalCodePrefixes[0]", IssueCodes.NotOneLine },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_ATextThatIsNotOneLineOrAValueWithSomethingInvisible_IsAnErrorAtItsPath(string because, Func<SiteConfiguration> configuration, string path, string code)
    {
        var report = ConfigurationValidator.Validate(configuration());

        Assert.True(report.Errors.Any(e => e.Path == path && e.Code == code), because + ": " + string.Join("\n", report.Errors));
    }

    [Fact]
    public void Validate_BuyerTextsWithSpacesAtTheEndsOrNoBreakSpaces_AreValid()
    {
        // Spaces are part of what a buyer reads ("HK$ 299" kept together, a template ending in a space before the date):
        // only what cannot be one line is refused in texts.
        var config = WithRestricted(r => r with { Reasons = With(With(r.Reasons, "en-HK", " Not by air:\u00A0lithium batteries "), "zh-Hant-HK", "電池不可空運 👩\u200D👩\u200D👧") });

        var report = ConfigurationValidator.Validate(config);

        Assert.True(report.IsValid, string.Join("\n", report.Errors));
    }

    [Fact]
    public void Validate_ALineBreakInAReason_SaysWhichTextAndWhatItHolds()
    {
        var report = ConfigurationValidator.Validate(WithRestricted(r => r with { Reasons = With(r.Reasons, "en-HK", "No batteries by air.\nSorry.") }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal("The reason (en-HK) holds a line break; texts are one line.", issue.Message);
    }

    [Fact]
    public void Validate_AnIdEndingInASpace_SaysSoShowingTheId()
    {
        var report = ConfigurationValidator.Validate(WithFreeShipping(r => r with { Id = "FS-HK-CART-299 " }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal("The rule id 'FS-HK-CART-299 ' starts or ends with a space, which nobody sees but which keeps it from matching; remove it.", issue.Message);
    }

    [Fact]
    public void Validate_AZeroWidthSpaceInAnId_NamesTheCharacter()
    {
        var report = ConfigurationValidator.Validate(WithPromo(p => p with { Id = "CP-HK-\u200BBAG" }));

        var issue = Assert.Single(report.Errors);
        Assert.Equal("The promotion id 'CP-HK-\u200BBAG' holds an invisible character (U+200B), which keeps it from matching; remove it.", issue.Message);
    }
}
