using Bunit;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components.Editing;

public sealed class FreeShippingEditorTests : EditorTestContext
{
    [Fact]
    public void FreeShippingEditor_BadThreshold_ShowsMessageAtFieldAndKeepsDraft()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=fs-threshold]").Input("199.999");

        Assert.Contains("at most 2 decimals", editor.Find("#fs-threshold-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(299.00m, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
    }

    [Theory]
    [InlineData("TW", "FS-TW-CART-990", "１２９９", 1299)]
    [InlineData("HK", "FS-HK-CART-299", "１９９．５０", 199.50)]
    public void FreeShippingEditor_AThresholdTypedInFullWidthDigits_IsTakenAsThatAmount(string site, string ruleId, string typed, decimal expected)
    {
        // A Chinese input method left in full-width mode types "１２９９": it reads as 1299 to staff, and the field said
        // to enter an amount like 1299 without saying what was wrong with it.
        var context = NewContext(SiteCatalog.Get(site));
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == ruleId).Click();

        editor.Find("input[name=fs-threshold]").Input(typed);

        Assert.Empty(editor.FindAll("#fs-threshold-messages div"));
        Assert.Equal(0, context.InputErrorCount);
        Assert.Equal(expected, context.Config.FreeShipping.Single(r => r.Id == ruleId).Threshold);
    }

    [Theory]
    [InlineData("2026-02-30 10:00")] // no such day
    [InlineData("2027-01-")] // left half typed
    public void FreeShippingEditor_AWindowBoundThatIsNoDate_IsSaidAtTheField_AndTheBoundIsKept(string typed)
    {
        // Radzen read such text as "cleared": the rule silently lost its end and ran for ever.
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        var before = context.Config.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99").ValidTo;
        Assert.NotNull(before);
        JSInterop.Setup<string>("Radzen.getInputValue", _ => true).SetResult(typed);

        editor.Find("input[name=fs-to]").Change(typed);

        Assert.Contains($"“{typed}” is not a date and time", editor.Find("#fs-to-messages").TextContent, StringComparison.Ordinal);
        // Described on the input itself, so a screen reader reads the message with the field (not on Radzen's wrapper).
        Assert.Equal("fs-to-messages", editor.Find("input[name=fs-to]").GetAttribute("aria-describedby"));
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(before, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99").ValidTo);
    }

    [Fact]
    public void FreeShippingEditor_AWindowBoundEmptied_IsOpen_AndCorrected_IsTaken()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        var input = JSInterop.Setup<string>("Radzen.getInputValue", _ => true);
        input.SetResult("2026-02-30 10:00");
        editor.Find("input[name=fs-to]").Change("2026-02-30 10:00");

        JSInterop.Setup<string>("Radzen.getInputValue", _ => true).SetResult("2027-03-01 00:00");
        editor.Find("input[name=fs-to]").Change("2027-03-01 00:00");

        Assert.Equal(0, context.InputErrorCount);
        Assert.Empty(editor.FindAll("#fs-to-messages div"));
        // Midnight in Hong Kong is 16:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 16, 0, 0, TimeSpan.Zero), context.Config.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99").ValidTo);
    }

    [Fact]
    public void FreeShippingEditor_AWindowThatEndsBeforeItStarts_IsSaidInTheSitesTime()
    {
        // The domain writes the bounds as UTC instants (2026-09-30T16:00:00Z), which is not what was typed or what the
        // fields beside the message show.
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        JSInterop.Setup<string>("Radzen.getInputValue", _ => true).SetResult("2026-10-01 00:00");

        editor.Find("input[name=fs-to]").Change("2026-10-01 00:00");

        var message = editor.Find("#fs-to-messages").TextContent;
        Assert.Contains("The window ends (2026-10-01 00:00 HK time) before it starts (2026-11-01 08:00 HK time).", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Z)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeShippingEditor_AWindowThatEndsBeforeItStarts_IsSaidInTheSitesTime_InChinese()
    {
        using var chinese = UiCulture.Use("zh-Hant");
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        JSInterop.Setup<string>("Radzen.getInputValue", _ => true).SetResult("2026-10-01 00:00");

        editor.Find("input[name=fs-to]").Change("2026-10-01 00:00");

        Assert.Contains("有效期的結束時間（2026-10-01 00:00 HK 時間）早於開始時間（2026-11-01 08:00 HK 時間）。", editor.Find("#fs-to-messages").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("five kg")]
    [InlineData("2.5")]
    [InlineData("-5")]
    public void FreeShippingEditor_AMaximumWeightThatIsNoWholeNumberOfGrams_IsSaid_AndTheRuleKeepsItsWeight(string typed)
    {
        // A number box read such text as empty, which is "no maximum".
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        var before = context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").MaxWeightGrams;

        editor.Find("input[name=fs-max-weight]").Input(typed);

        Assert.Contains("a whole number of grams above 0, or empty for none", editor.Find("#fs-max-weight-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(before, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").MaxWeightGrams);

        editor.Find("input[name=fs-max-weight]").Input("");

        Assert.Equal(0, context.InputErrorCount);
        Assert.Null(context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").MaxWeightGrams);
    }

    [Fact]
    public void FreeShippingEditor_CorrectedThreshold_ClearsMessageAndProposesIt()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.Find("input[name=fs-threshold]").Input("199.999");

        editor.Find("input[name=fs-threshold]").Input("199");

        Assert.Empty(editor.FindAll("#fs-threshold-messages div"));
        Assert.Equal(0, context.InputErrorCount);
        Assert.Equal(199m, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
    }

    [Fact]
    public void FreeShippingEditor_CheckingAChannelAndTheWaiver_ProposesThem_UncheckingTakesTheChannelAway()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        editor.CheckBox("CONSOL").Change(true);
        editor.CheckBox("Also waives surcharges (remote area, home delivery)").Change(true);

        var rule = context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299");
        Assert.Equal(["DIRECT_STD", "CONSOL"], rule.Channels);
        Assert.True(rule.WaivesSurcharges);

        editor.CheckBox("DIRECT_STD").Change(false);

        Assert.Equal(["CONSOL"], context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Channels);
    }

    [Fact]
    public void FreeShippingEditor_ReadOnly_ShowsTheCheckboxesDisabled()
    {
        var context = NewContext(SiteCatalog.HK, readOnly: true);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        Assert.All(editor.FindAll("label.ops-check input"), box => Assert.True(box.HasAttribute("disabled")));
        Assert.NotEmpty(editor.FindAll("label.ops-check input"));
    }

    [Fact]
    public void FreeShippingEditor_SingleItemRule_HasNoNudgeFields()
    {
        // The engine nudges toward Cart rules only; the fields were shown for a SingleItem rule, whose texts no buyer sees.
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-MY-BIG-TICKET").Click();

        Assert.Empty(editor.FindAll("input[name^=fs-nudge]"));
        Assert.NotEmpty(editor.FindAll("input[name=fs-threshold]"));
    }

    [Fact]
    public void FreeShippingRuleModel_SwitchedToSingleItem_LeavesTheNudgeTextsOutOfTheRule()
    {
        var rule = Domain.Demo.DemoConfigurations.For("HK").FreeShipping.First(r => r.Scope == Domain.Configuration.FreeShippingScope.Cart);
        var model = new FreeShippingRuleModel(SiteCatalog.HK, rule) { Scope = Domain.Configuration.FreeShippingScope.SingleItem };

        Assert.Empty(model.ToRule(SiteCatalog.HK).NudgeTemplates);
        // Kept in the form, should the scope be switched back.
        model.Scope = Domain.Configuration.FreeShippingScope.Cart;
        Assert.Equal(rule.NudgeTemplates, model.ToRule(SiteCatalog.HK).NudgeTemplates);
    }

    [Fact]
    public void FreeShippingEditor_UnknownPlaceholder_ShowsDomainMessageAtThatLocale()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=fs-nudge-en-HK]").Input("Spend {amount} more");

        Assert.Contains("uses {amount}", editor.Find("#fs-nudge-en-HK-messages").TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll("#fs-nudge-zh-Hant-HK-messages div"));
        Assert.Contains(context.Report.Errors, e => e.Path == "freeShipping[0].nudgeTemplates.en-HK");
    }

    [Fact]
    public void FreeShippingEditor_InTraditionalChinese_FormAndDomainMessagesAreChinese()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        // The form's own check, then (with a value the form takes) the domain's, each at its field.
        editor.Find("input[name=fs-threshold]").Input("199.999");
        Assert.Equal("門檻：HKD 金額最多 2 位小數。", editor.Find("#fs-threshold-messages").TextContent.Trim());
        editor.Find("input[name=fs-threshold]").Input("199");
        editor.Find("input[name=fs-nudge-en-HK]").Input("Spend {amount} more");

        Assert.Contains("免運提示文案（en-HK）使用了 {amount}，它不屬於 {remaining} {threshold}。", editor.Find("#fs-nudge-en-HK-messages").TextContent, StringComparison.Ordinal);
        // The report the API and the audit log use stays English.
        Assert.Contains(context.Report.Errors, e => e.Message.StartsWith("The free-shipping nudge (en-HK) uses {amount}", StringComparison.Ordinal));
    }

    [Fact]
    public void FreeShippingEditor_InTraditionalChinese_NamesADisabledChannelInChinese()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var context = NewContext(SiteCatalog.MY); // its PICKUP channel is disabled
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        Assert.Contains("PICKUP（已停用）", editor.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("(disabled)", editor.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeShippingEditor_AddRule_ProposesANewRuleAndSelectsIt()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        editor.FindAll("button").Single(b => b.TextContent.Contains("Add rule", StringComparison.Ordinal)).Click();

        Assert.Equal(4, context.Config.FreeShipping.Count);
        Assert.Equal("FS-HK-NEW-1", editor.Find("input[name=fs-id]").GetAttribute("value"));
    }

    [Fact]
    public void FreeShippingEditor_NudgeText_ReadsWithSiteMoney()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        Assert.Contains(editor.FindAll("[data-testid=rendered-text]"), r => r.TextContent.Contains("Add HK$59.80 more for free shipping", StringComparison.Ordinal));
    }

    [Fact]
    public void FreeShippingEditor_ForReader_OffersNoAddOrRemove()
    {
        var context = NewContext(SiteCatalog.HK, readOnly: true);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));

        Assert.DoesNotContain(editor.FindAll("button"), b => b.TextContent.Contains("Add rule", StringComparison.Ordinal) || b.TextContent.Contains("Remove", StringComparison.Ordinal));
        // Read-only, not disabled: the values stay focusable and readable by screen readers, but cannot be changed.
        Assert.Null(editor.Find("fieldset.ops-form").GetAttribute("disabled"));
        // The date pickers' hour and minute fields live in their (closed) calendar pop-ups, not in the form.
        var inputs = editor.FindAll("fieldset.ops-form input:not([type=hidden]):not([type=checkbox])")
            .Where(input => input.Closest(".rz-datepicker-popup-container, .rz-popup") is null).ToList();
        Assert.NotEmpty(inputs);
        Assert.All(inputs, input => Assert.True(input.HasAttribute("readonly"), input.OuterHtml));
        Assert.All(inputs, input => Assert.False(input.HasAttribute("disabled"), input.OuterHtml));
        Assert.NotNull(editor.Find("input[name=fs-threshold]").GetAttribute("readonly"));
        Assert.Empty(editor.FindAll("fieldset.ops-form .rz-datepicker-trigger"));
        Assert.All(editor.FindAll("fieldset.ops-form button").Where(b => b.Closest(".rz-popup, .rz-datepicker-popup-container") is null),
            b => Assert.True(b.HasAttribute("disabled"), b.OuterHtml));
    }
}
