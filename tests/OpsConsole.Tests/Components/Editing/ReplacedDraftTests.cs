using Bunit;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Editing;
using Radzen.Blazor;

namespace OpsConsole.Tests.Components.Editing;

/// <summary>
/// A draft replaced from outside the editors (the JSON left after an edit, an import, a reload, a save) keeps the form of
/// an item it leaves as it was, and makes anew the form of an item it changes or whose form holds input that could not
/// become one. A form made anew is sent to the browser whole, date pickers and dropdowns included: after leaving the JSON
/// of a draft with 3,000 restricted-goods rules, 0.6 MB came down, most of it open forms showing what they showed before.
/// </summary>
public sealed class ReplacedDraftTests : EditorTestContext
{
    [Fact]
    public void FreeShippingEditor_AReplaceLeavingTheSelectedRuleAsItWas_KeepsItsForm_WhichEditsTheNewDraft()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        var form = editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance;
        var pickers = DatePickers(editor);

        Replace(context, config => WithRule(config, "FS-HK-CART-299", rule => rule with { Threshold = 249m }));
        editor.Render();

        Assert.Same(form, editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance);
        Assert.Equal(pickers, DatePickers(editor));
        Assert.Equal("99.00", editor.Find("input[name=fs-threshold]").GetAttribute("value"));

        // The kept form edits the rule of the new draft, beside the other rule's new threshold.
        editor.Find("input[name=fs-name]").Input("New buyers, renamed");
        Assert.Equal("New buyers, renamed", context.Config.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99").Name);
        Assert.Equal(249m, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
    }

    [Fact]
    public void FreeShippingEditor_AReplaceChangingTheSelectedRule_ShowsItsNewValues()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        var form = editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance;

        // Midnight of 1 February in Hong Kong.
        Replace(context, config => WithRule(config, "FS-HK-NEW-99", rule => rule with { Threshold = 120m, ValidTo = new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero) }));
        editor.Render();

        Assert.NotSame(form, editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance);
        Assert.Equal("120.00", editor.Find("input[name=fs-threshold]").GetAttribute("value"));
        Assert.Equal("2027-02-01 00:00", editor.Find("input[name=fs-to]").GetAttribute("value"));
    }

    [Fact]
    public void FreeShippingEditor_AWindowBoundThatIsNoDate_IsDiscardedByAReplace()
    {
        // Such text leaves the bound at its last good value, so the form still makes the draft's rule: only its input error
        // tells that it holds something else, which a replace discards (with its block on Save).
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        JSInterop.Setup<string>("Radzen.getInputValue", _ => true).SetResult("2027-01-");
        editor.Find("input[name=fs-to]").Change("2027-01-");
        Assert.Equal(1, context.InputErrorCount);
        var form = editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance;

        Replace(context, config => config);
        editor.Render();

        Assert.NotSame(form, editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance);
        Assert.Empty(editor.FindAll("#fs-to-messages div"));
        Assert.Equal("2027-01-01 08:00", editor.Find("input[name=fs-to]").GetAttribute("value"));
        Assert.Equal(0, context.InputErrorCount);
        editor.Find("input[name=fs-name]").Input("New buyers, renamed");
        Assert.Equal(0, context.InputErrorCount);
    }

    [Fact]
    public void FreeShippingEditor_AnAmountThatCannotBeTaken_IsDiscardedByAReplace()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.Find("input[name=fs-threshold]").Input("199.999");
        Assert.Equal(1, context.InputErrorCount);

        Replace(context, config => config);
        editor.Render();

        Assert.Equal("299.00", editor.Find("input[name=fs-threshold]").GetAttribute("value"));
        Assert.Empty(editor.FindAll("#fs-threshold-messages div"));
        Assert.Equal(0, context.InputErrorCount);
    }

    [Fact]
    public void FreeShippingEditor_AReplaceKeepingTheSelectedRule_ShowsTheNewDraftsFindingsAtItsFields()
    {
        // The rule is as it was, but the channel it names is gone: its kept form finds its rule in the new draft by reference.
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.Trim() == "FS-HK-NEW-99").Click();
        var form = editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance;
        Assert.Empty(editor.FindAll("#fs-channels-messages div"));

        Replace(context, config => config with { Channels = [.. config.Channels.Select(c => c.Code == "DIRECT_STD" ? c with { Code = "DIRECT_STANDARD" } : c)] });
        editor.Render();

        Assert.Same(form, editor.FindComponent<RadzenTemplateForm<FreeShippingRuleModel>>().Instance);
        Assert.Contains("DIRECT_STD", editor.Find("#fs-channels-messages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeShippingEditor_AReplaceRepeatingARule_GivesEachItsOwnForm()
    {
        // Validation refuses the repeated id; until it is corrected, each of the two rules is edited on its own.
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        var name = context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Name;

        Replace(context, config => config with { FreeShipping = [.. config.FreeShipping, config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299")] });
        editor.Render();
        var repeated = editor.FindAll(".ops-item-picker button").Where(b => b.TextContent.Trim().StartsWith("FS-HK-CART-299", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, repeated.Count);
        repeated[1].Click();
        editor.Find("input[name=fs-name]").Input("The second one");

        Assert.Equal([name, "The second one"], context.Config.FreeShipping.Where(r => r.Id == "FS-HK-CART-299").Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ChannelEditor_AReplaceLeavingTheSelectedChannelAsItWas_KeepsItsForm()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var form = editor.FindComponent<RadzenTemplateForm<ChannelModel>>().Instance;
        var pickers = DatePickers(editor);

        Replace(context, config => config with { Channels = [.. config.Channels.Select(c => c.Code == "DIRECT_EXP" ? c with { Rate = c.Rate with { StepPrice = 9m } } : c)] });
        editor.Render();

        Assert.Same(form, editor.FindComponent<RadzenTemplateForm<ChannelModel>>().Instance);
        Assert.Equal(pickers, DatePickers(editor));
    }

    [Theory]
    [InlineData("surcharge")]
    [InlineData("holiday")]
    [InlineData("promise")]
    public void ChannelEditor_AReplaceChangingOnlyWhatTheSelectedChannelHoldsInAList_ShowsIt(string change)
    {
        // A channel's form is kept or made anew whole: a surcharge, a holiday or a text changed is a channel changed.
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var form = editor.FindComponent<RadzenTemplateForm<ChannelModel>>().Instance;
        Assert.Equal("DIRECT_STD", editor.Find("input[name=ch-code]").GetAttribute("value"));

        Replace(context, config => config with
        {
            Channels = [.. config.Channels.Select(c => c.Code != "DIRECT_STD" ? c : change switch
            {
                "surcharge" => c with { Surcharges = [c.Surcharges[0], c.Surcharges[1] with { Amount = 18m }] },
                "holiday" => c with { Transit = c.Transit with { Holidays = [.. c.Transit.Holidays, new DateOnly(2027, 1, 1)] } },
                _ => c with { PromiseTemplates = LocalizedText.From([.. c.PromiseTemplates.Where(t => t.Key != "en-HK"), KeyValuePair.Create("en-HK", "In {minDays} days or so")]) },
            })],
        });
        editor.Render();

        Assert.NotSame(form, editor.FindComponent<RadzenTemplateForm<ChannelModel>>().Instance);
        var shown = change switch
        {
            "surcharge" => editor.Find("input[name=ch-s1-amount]").GetAttribute("value"),
            "holiday" => editor.Find("input[name=ch-holidays]").GetAttribute("value"),
            _ => editor.Find("input[name=ch-promise-en-HK]").GetAttribute("value"),
        };
        Assert.Contains(change switch { "surcharge" => "18.00", "holiday" => "2027-01-01", _ => "In {minDays} days or so" }, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelEditor_AHolidayListThatIsNoDates_IsDiscardedByAReplace()
    {
        // Without holidays, the channel such a list makes is the draft's: only its input error tells the form holds more.
        var hk = DemoConfigurations.For("HK");
        var context = NewContext(SiteCatalog.HK, hk with { Channels = [.. hk.Channels.Select(c => c with { Transit = c.Transit with { Holidays = [] } })] });
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        editor.Find("input[name=ch-holidays]").Input("2026-12-25, Boxing Day");
        Assert.Equal(1, context.InputErrorCount);

        Replace(context, config => config);
        editor.Render();

        Assert.Equal("", editor.Find("input[name=ch-holidays]").GetAttribute("value") ?? "");
        Assert.Empty(editor.FindAll("#ch-holidays-messages div"));
        Assert.Equal(0, context.InputErrorCount);
    }

    [Fact]
    public void ConsolidationPromoEditor_AReplaceLeavingThePromotionAsItWas_KeepsItsForm()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));
        var form = editor.FindComponent<RadzenTemplateForm<ConsolidationPromoModel>>().Instance;

        Replace(context, config => WithRule(config, "FS-HK-CART-299", rule => rule with { Threshold = 249m }));
        editor.Render();

        Assert.Same(form, editor.FindComponent<RadzenTemplateForm<ConsolidationPromoModel>>().Instance);
    }

    [Fact]
    public void RestrictedGoodsEditor_AReplaceLeavingTheSelectedRuleAsItWas_KeepsItsForm()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll("tbody tr.rz-data-row").Single(r => r.Children[0].TextContent.Contains("RG-HK-MED-LIMIT", StringComparison.Ordinal)).Click();
        var form = editor.FindComponent<RadzenTemplateForm<RestrictedGoodsRuleModel>>().Instance;
        var pickers = DatePickers(editor);

        Replace(context, config => config with { RestrictedGoods = [.. config.RestrictedGoods.Select(r => r.Id == "RG-HK-BLADE" ? r with { Name = "Blades and knives" } : r)] });
        editor.Render();

        Assert.Same(form, editor.FindComponent<RadzenTemplateForm<RestrictedGoodsRuleModel>>().Instance);
        Assert.Equal(pickers, DatePickers(editor));
        Assert.Contains("Blades and knives", editor.Find("tbody").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The form's date pickers, the heaviest part of a form to send: each brings its calendar and its year list.</summary>
    private static List<object> DatePickers(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> editor)
    {
        List<object> pickers =
        [
            .. editor.FindComponents<RadzenDatePicker<DateTime?>>().Select(c => c.Instance),
            .. editor.FindComponents<RadzenDatePicker<DateOnly?>>().Select(c => c.Instance),
        ];
        Assert.NotEmpty(pickers);
        return pickers;
    }

    private static SiteConfiguration WithRule(SiteConfiguration config, string id, Func<FreeShippingRule, FreeShippingRule> change) =>
        config with { FreeShipping = [.. config.FreeShipping.Select(r => r.Id == id ? change(r) : r)] };

    /// <summary>Replaces the draft as the page does after the JSON is left: with a configuration read anew, no instance shared.</summary>
    private static void Replace(EditorContext context, Func<SiteConfiguration, SiteConfiguration> change)
    {
        var read = ConfigurationJson.Parse(ConfigurationJson.Serialize(context.Config));
        Assert.True(read.Succeeded);
        var config = change(read.Value!);
        context.Replace(config, ConfigurationValidator.Validate(config));
    }
}
