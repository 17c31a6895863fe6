using Bunit;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

/// <summary>
/// Editing one field of an item changes that field only. The forms tidied every text of the item on each edit (ids and
/// names trimmed, list entries trimmed, an empty legal reference dropped), so a value nobody touched changed in the draft.
/// Values the domain refuses (a line break, a space at an id's end) stay as they are, with the domain's error at their
/// field, until the user changes them.
/// </summary>
public sealed class UntouchedFieldsTests : EditorTestContext
{
    private static readonly SiteConfiguration Hk = DemoConfigurations.For("HK");

    [Fact]
    public void RestrictedGoodsEditor_EditingTheName_LeavesEveryOtherFieldOfTheRuleAsItWas()
    {
        var original = Hk.RestrictedGoods[0] with
        {
            Id = Hk.RestrictedGoods[0].Id + " ",
            Match = new GoodsMatch(["electronics/batteries "], [" Battery"], [" power bank", "lithium\u00A0"], null),
            Reasons = LocalizedText.Of(("en-HK", "No batteries by air.\nSorry."), ("zh-Hant-HK", "電池不可空運")),
            LegalReference = "",
        };
        var context = NewContext(SiteCatalog.HK, Hk with { RestrictedGoods = [original, .. Hk.RestrictedGoods.Skip(1)] });
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll("tbody tr.rz-data-row").Single(r => r.Children[0].TextContent.Contains(original.Id.Trim(), StringComparison.Ordinal)).Click();

        editor.Find("input[name=rg-name]").Input("Batteries stay off air lines");

        Assert.Equal(original with { Name = "Batteries stay off air lines" }, context.Config.RestrictedGoods.Single(r => r.Name == "Batteries stay off air lines"));
    }

    [Fact]
    public void RestrictedGoodsEditor_AReasonWithALineBreak_ShowsTheDomainsErrorAtThatReason()
    {
        // The one-line box cannot show the line break: the error says it is there, and that it must go.
        var original = Hk.RestrictedGoods[0] with { Reasons = LocalizedText.Of(("en-HK", "No batteries by air.\nSorry."), ("zh-Hant-HK", "電池不可空運")) };
        var context = NewContext(SiteCatalog.HK, Hk with { RestrictedGoods = [original, .. Hk.RestrictedGoods.Skip(1)] });
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));

        editor.FindAll("tbody tr.rz-data-row").Single(r => r.Children[0].TextContent.Contains(original.Id, StringComparison.Ordinal)).Click();

        Assert.Contains("The reason (en-HK) holds a line break; texts are one line.", editor.Find("#rg-reason-en-HK-messages").TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.Find("#rg-reason-zh-Hant-HK-messages").TextContent.Trim());
    }

    [Fact]
    public void RestrictedGoodsEditor_ACsvCellHoldingALineBreak_ImportsNothingAndSaysWhichReason()
    {
        // Alt+Enter in an Excel cell: the file is valid CSV, but the reason could not be shown or edited as it was written.
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var header = string.Join(',', RestrictedGoodsCsv.Columns(SiteCatalog.HK));
        var csv = string.Join("\r\n", header, "RG-HK-KNIVES,Knives,home/kitchen,Blade,,,QuantityLimit,,2,\"刀具每單最多 2 件，\r\n請見諒\",At most 2 knives,Cap. 217,,") + "\r\n";

        editor.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "rules.csv"));

        var row = editor.Find("[data-testid=rg-import-problems] tbody tr");
        Assert.Equal(["2", "reasons.zh-Hant-HK", "The reason (zh-Hant-HK) holds a line break; texts are one line."], row.Children.Select(c => c.TextContent.Trim()));
        Assert.Same(before, context.Config);
    }

    [Fact]
    public void FreeShippingEditor_EditingTheThreshold_LeavesIdNameAndCategoriesAsTheyWere()
    {
        var first = Hk.FreeShipping[0];
        var original = first with { Id = first.Id + " ", Name = " " + first.Name, IncludeCategories = ["beauty "], ExcludeCategories = [" beauty/perfume"] };
        var context = NewContext(SiteCatalog.HK, Hk with { FreeShipping = [original, .. Hk.FreeShipping.Skip(1)] });
        var editor = Render<FreeShippingEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll(".ops-item-picker button").Single(b => b.TextContent.StartsWith(original.Id, StringComparison.Ordinal)).Click();

        editor.Find("input[name=fs-threshold]").Input("123.00");

        Assert.Equal(original with { Threshold = 123m }, context.Config.FreeShipping.Single(r => r.Threshold == 123m));
    }

    [Fact]
    public void ConsolidationPromoEditor_EditingTheBudget_LeavesIdAndNameAsTheyWere()
    {
        var original = Hk.ConsolidationPromos[0] with { Id = Hk.ConsolidationPromos[0].Id + "\u200B", Name = "Bag of stores " };
        var context = NewContext(SiteCatalog.HK, Hk with { ConsolidationPromos = [original] });
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=cp-budget]").Input("777.00");

        Assert.Equal(original with { DailyBudget = 777m }, Assert.Single(context.Config.ConsolidationPromos));
    }

    [Fact]
    public void ChannelEditor_EditingTheCutoff_LeavesTheSurchargesAreasAndTextsAsTheyWere()
    {
        var first = Hk.Channels[0];
        var original = first with
        {
            Surcharges = [new Surcharge(SurchargeKind.RemoteArea, ["ISLANDS ", " LANTAU"], ["99 "], 30m), .. first.Surcharges.Skip(1)],
            Names = LocalizedText.From([.. first.Names, KeyValuePair.Create("fr-FR", "")]),
        };
        var context = NewContext(SiteCatalog.HK, Hk with { Channels = [original, .. Hk.Channels.Skip(1)] });
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-cutoff]").Input("13:30");

        var edited = context.Config.Channels.Single(c => c.Code == original.Code);
        Assert.Equal(original with { Transit = original.Transit with { CutoffLocalTime = new TimeOnly(13, 30) } }, edited);
    }
}
