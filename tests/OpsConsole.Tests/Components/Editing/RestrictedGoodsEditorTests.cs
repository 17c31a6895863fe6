using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

public sealed class RestrictedGoodsEditorTests : EditorTestContext
{
    private const string Header = "id,name,categoryPrefixes,attributes,titleKeywords,minUnitWeightGrams,action,channels,maxQuantity,reason.zh-Hant-HK,reason.en-HK,legalReference,validFrom,validTo";

    [Theory]
    [InlineData("en", "(header)", "The file is empty; the first line must name the columns.")]
    [InlineData("zh-Hant-HK", "（標題列）", "檔案是空的；第一行必須列出欄位名稱。")]
    public void RestrictedGoodsEditor_AnEmptyFile_IsAProblemOfTheHeader_InTheConsolesLanguage(string culture, string field, string reason)
    {
        using var language = Infrastructure.UiCulture.Use(culture);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, NewContext(SiteCatalog.HK)));

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("", "rules.csv"));

        var row = editor.Find("[data-testid=rg-import-problems] tbody tr");
        Assert.Equal(["1", field, reason], row.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void RestrictedGoodsEditor_ImportWithBadRows_ListsEveryBadRowAndChangesNothing()
    {
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var csv = string.Join('\n',
            Header,
            "RG-OK,Fine,health/medicine,,,,QuantityLimit,,3,藥品,Medicine,,,",
            "RG-BAD-ACTION,Bad action,toys,,,,Blok,,,玩具,Toys,,,",
            "RG-BAD-WEIGHT,Bad weight,toys,,,heavy,BlockSale,,,玩具,Toys,,2026-13-01,",
            "RG-UNKNOWN-CHANNEL,Unknown channel,,Battery,,,BlockChannels,AIR_MAIL,,電池,Batteries,,,");

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "rules.csv"));

        var problems = editor.Find("[data-testid=rg-import-problems]").TextContent;
        Assert.Contains("Nothing was imported: 4 problems in rules.csv", problems, StringComparison.Ordinal);
        Assert.Contains("“Blok” is not one of", problems, StringComparison.Ordinal);
        Assert.Contains("“heavy” is not a whole number", problems, StringComparison.Ordinal);
        Assert.Contains("“2026-13-01” is not a UTC instant", problems, StringComparison.Ordinal);
        Assert.Contains("AIR_MAIL, which does not exist", problems, StringComparison.Ordinal);
        var lines = editor.FindAll("[data-testid=rg-import-problems] tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Equal(["3", "4", "4", "5"], lines);
        Assert.Same(before, context.Config);
        Assert.Equal(0, Proposals);
    }

    [Fact]
    public void RestrictedGoodsEditor_GoodImport_ReplacesTheRules()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var csv = string.Join('\n', Header, "RG-HK-TOYS,Toy guns,toys/guns,,,,BlockSale,,,玩具槍,Toy guns,Cap. 238,2026-12-01T00:00:00Z,");

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "rules.csv"));

        var rule = Assert.Single(context.Config.RestrictedGoods);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), rule.ValidFrom);
        Assert.Equal("Toy guns", rule.Reasons["en-HK"]);
        Assert.Equal("Imported 1 rule from rules.csv; it replaces the draft's restricted-goods rules. Save to keep it.",
            editor.Find("[data-testid=rg-import-outcome] .rz-alert-content").TextContent.Trim());
    }

    [Fact]
    public void RestrictedGoodsEditor_GoodImport_WhenThePageRendersDuringTheProposal_ListsTheImportedRules()
    {
        // The change request page renders itself inside the proposal: when the file was read asynchronously, that render
        // reached the editor before the import counted as a replacement, so the grid kept the old rules (and an edit to
        // one of them put them all back into the draft).
        IRenderedComponent<RestrictedGoodsEditor>? editor = null;
        var context = NewContext(SiteCatalog.HK, onProposed: () => editor?.Render());
        editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var csv = string.Join('\n', Header, "RG-HK-TOYS,Toy guns,toys/guns,,,,BlockSale,,,玩具槍,Toy guns,Cap. 238,,");

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "rules.csv"));

        Assert.Equal(["RG-HK-TOYS"], editor.FindAll("tbody tr.rz-data-row").Select(r => r.Children[0].TextContent.Trim()));
        Assert.Contains("replaces all 1 rule)", editor.Find("label.ops-file").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RestrictedGoodsEditor_AFileSavedByExcelAsCsvUtf8_IsImportedAsWritten()
    {
        // Excel's "CSV UTF-8": a byte order mark, CRLF line ends, quoted cells holding commas, Chinese. (A cell holding a line
        // break is refused: UntouchedFieldsTests.)
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var csv = string.Join("\r\n", Header, "RG-HK-KNIVES,\"Knives, large\",home/kitchen,Blade,,,QuantityLimit,,2,\"刀具每單最多 2 件, 請見諒\",At most 2 knives,Cap. 217,,") + "\r\n";
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray();

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "rules.csv"));

        Assert.Empty(editor.FindAll("[data-testid=rg-import-problems]"));
        var rule = Assert.Single(context.Config.RestrictedGoods);
        Assert.Equal("Knives, large", rule.Name);
        Assert.Equal("刀具每單最多 2 件, 請見諒", rule.Reasons["zh-Hant-HK"]);
    }

    [Theory]
    [InlineData("big5")]
    [InlineData("gbk")]
    public void RestrictedGoodsEditor_AFileNotInUtf8_ImportsNothingAndSaysToSaveItAsCsvUtf8(string encoding)
    {
        // Excel's plain "CSV" on a Chinese Windows writes Big5 (Taiwan, Hong Kong) or GBK (Malaysia, Singapore): read as
        // UTF-8, every Chinese reason became replacement characters, and the import said it succeeded.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        var csv = string.Join("\r\n", Header, "RG-HK-TOYS,玩具槍,toys/guns,,,,BlockSale,,,玩具槍不可出售,Toy guns,,,");

        editor.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(System.Text.Encoding.GetEncoding(encoding).GetBytes(csv), "rules.csv"));

        var row = editor.Find("[data-testid=rg-import-problems] tbody tr");
        Assert.Equal("—", row.Children[0].TextContent.Trim()); // a problem of the whole file is on no line ("0" read as a line)
        Assert.Equal("(file)", row.Children[1].TextContent.Trim());
        Assert.Contains("CSV UTF-8", row.Children[2].TextContent, StringComparison.Ordinal);
        Assert.Same(before, context.Config);
        Assert.Equal(0, Proposals);
    }

    [Fact]
    public void RestrictedGoodsCsv_ExportThenImport_GivesTheSameRules()
    {
        var config = DemoConfigurations.For("HK");

        var import = RestrictedGoodsCsv.ReadInto(config, RestrictedGoodsCsv.Write(SiteCatalog.HK, config.RestrictedGoods));

        Assert.Empty(import.Problems);
        Assert.Equal(config.RestrictedGoods, import.Rules.ToValueList());
    }

    [Fact]
    public void RestrictedGoodsCsv_TextThatASpreadsheetWouldRunAsAFormula_IsExportedAsTextAndReadBackAsWritten()
    {
        // Opened in a spreadsheet, a cell starting with = + - or @ is run: an editor's rule name could act on the machine
        // of whoever opened the export.
        var config = DemoConfigurations.For("HK");
        var rule = config.RestrictedGoods[0];
        var hostile = rule with
        {
            Name = "=HYPERLINK(\"http://evil.example\",\"Open\")",
            Match = rule.Match with { TitleKeywords = ["-2+3", "@SUM(1)"] },
            Reasons = Domain.Configuration.LocalizedText.From(rule.Reasons.Select(r => KeyValuePair.Create(r.Key, "+" + r.Value))),
            LegalReference = "'=already quoted",
        };
        var rules = config.RestrictedGoods.Skip(1).Prepend(hostile).ToValueList();

        var csv = RestrictedGoodsCsv.Write(SiteCatalog.HK, rules);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",", csv, StringComparison.Ordinal);
        Assert.Contains("'-2+3|@SUM(1)", csv, StringComparison.Ordinal);
        Assert.Contains("''=already quoted", csv, StringComparison.Ordinal);
        Assert.Contains(",'+" + rule.Reasons.First().Value, csv, StringComparison.Ordinal);
        var import = RestrictedGoodsCsv.ReadInto(config with { RestrictedGoods = rules }, csv);
        Assert.Empty(import.Problems);
        Assert.Equal(rules, import.Rules.ToValueList());
    }

    [Fact]
    public void RestrictedGoodsEditor_ThousandsOfRules_ShowsOnePageAndFindsARuleByFilter()
    {
        var context = WithThreeThousandRules();

        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));

        Assert.Equal(10, editor.FindAll("tbody tr.rz-data-row").Count);
        Assert.Contains("3000", editor.Find(".rz-pager-summary").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RestrictedGoodsEditor_ARuleOpenedFromTheReport_IsSelectedOnItsPageOfTheGrid_AndItsFormShown()
    {
        var context = WithThreeThousandRules();
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        Assert.Empty(editor.FindAll("form"));

        context.Open(ItemLocation.Of("restrictedGoods[2504].channels[0]", context.Config)!);
        editor.Render();

        editor.WaitForAssertion(() => Assert.Contains("RG-HK-02504", editor.Find("tbody tr.rz-state-highlight").TextContent, StringComparison.Ordinal));
        Assert.Equal("RG-HK-02500", editor.FindAll("tbody tr.rz-data-row")[0].QuerySelector("td")!.TextContent.Trim());
        Assert.Equal("Restricted-goods rule RG-HK-02504", editor.Find("form").GetAttribute("aria-label"));

        // Rendered again for other reasons, the grid stays where the user takes it.
        editor.Find(".rz-pager-next").Click();
        editor.Render();
        Assert.Equal("RG-HK-02510", editor.FindAll("tbody tr.rz-data-row")[0].QuerySelector("td")!.TextContent.Trim());
    }

    /// <summary>HK's demo configuration with 3,000 restricted-goods rules, RG-HK-00000 to RG-HK-02999.</summary>
    private EditorContext WithThreeThousandRules()
    {
        var demo = DemoConfigurations.For("HK");
        var template = demo.RestrictedGoods[0];
        var rules = Enumerable.Range(0, 3000).Select(i => template with { Id = $"RG-HK-{i:D5}" });
        return NewContext(SiteCatalog.HK, demo with { RestrictedGoods = rules.ToValueList() });
    }

    [Fact]
    public void RestrictedGoodsEditor_SelectedRuleWithoutReason_ShowsMessageAtLocale()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll("tbody tr.rz-data-row")[0].Click();

        editor.Find("input[name=rg-reason-en-HK]").Input("");

        Assert.Contains("has no text for en-HK", editor.Find("#rg-reason-en-HK-messages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RestrictedGoodsEditor_ARuleWithErrors_SaysHowManyUnderItsId()
    {
        var demo = DemoConfigurations.For("HK");
        var broken = demo.RestrictedGoods[0] with { Reasons = LocalizedText.From([KeyValuePair.Create("zh-Hant-HK", "原因")]) };
        var context = NewContext(SiteCatalog.HK, demo with { RestrictedGoods = demo.RestrictedGoods.Skip(1).Prepend(broken).ToList().ToValueList() });

        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));

        var rows = editor.FindAll("tbody tr.rz-data-row");
        var brokenRow = rows.Single(r => r.Children[0].TextContent.Contains(broken.Id, StringComparison.Ordinal));
        Assert.Equal("1 error", brokenRow.QuerySelector("[data-testid=rg-errors]")?.TextContent);
        Assert.All(rows.Where(r => r != brokenRow), r => Assert.Null(r.QuerySelector("[data-testid=rg-errors]")));
        Assert.DoesNotContain(editor.FindAll("th"), th => th.TextContent.Trim() == "Errors");
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("10 kg")]
    [InlineData("0")]
    public void RestrictedGoodsEditor_AMinimumUnitWeightThatIsNoWholeNumberOfGrams_IsSaid_AndTheRuleKeepsItsWeight(string typed)
    {
        // A number box read "2.5" as empty: the rule lost its only criterion and matched everything.
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        editor.FindAll("tbody tr.rz-data-row").Single(r => r.TextContent.Contains("RG-MY-HEAVY-DIRECT", StringComparison.Ordinal)).Click();

        editor.Find("input[name=rg-min-weight]").Input(typed);

        Assert.Contains("a whole number of grams above 0, or empty for none", editor.Find("#rg-min-weight-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(10_000, context.Config.RestrictedGoods.Single(r => r.Id == "RG-MY-HEAVY-DIRECT").Match.MinUnitWeightGrams);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("three")]
    [InlineData("99999999999999")]
    public void RestrictedGoodsEditor_AMaximumQuantityThatIsNoWholeNumber_IsKeptAsTyped_AndSaidAtTheField(string typed)
    {
        // A number box emptied "2.5", "three" or a number too large for it: what was typed was lost, and the rule was said
        // to have no maximum as if nothing had been typed.
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        Row(editor, "RG-MY-MED-LIMIT").Click();

        editor.Find("input[name=rg-max-quantity]").Change(typed);

        Assert.Equal(typed, editor.Find("input[name=rg-max-quantity]").GetAttribute("value") ?? "");
        Assert.Contains("At most per order: enter a whole number, like 2.", editor.Find("#rg-max-quantity-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(3, context.Config.RestrictedGoods.Single(r => r.Id == "RG-MY-MED-LIMIT").MaxQuantity);
    }

    [Fact]
    public void RestrictedGoodsEditor_AMaximumQuantityTyped_IsTaken()
    {
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        Row(editor, "RG-MY-MED-LIMIT").Click();

        editor.Find("input[name=rg-max-quantity]").Change(" 5 ");

        Assert.Equal(0, context.InputErrorCount);
        Assert.Equal(5, context.Config.RestrictedGoods.Single(r => r.Id == "RG-MY-MED-LIMIT").MaxQuantity);
    }

    [Fact]
    public void RestrictedGoodsEditor_InputErrorInOneRule_StillCountsWhileAnotherIsEdited()
    {
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        Row(editor, "RG-MY-HEAVY-DIRECT").Click();
        editor.Find("input[name=rg-min-weight]").Input("0");
        Assert.Equal(1, context.InputErrorCount);

        Row(editor, "RG-MY-LIQUID-AIR").Click();
        editor.Find("input[name=rg-name]").Input("Liquids stay off air lines");

        // Save stays blocked: the first rule's 0 g was never taken, and the form still shows it.
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal("1 error", Row(editor, "RG-MY-HEAVY-DIRECT").QuerySelector("[data-testid=rg-errors]")?.TextContent);
    }

    [Fact]
    public void RestrictedGoodsEditor_TitleKeywordWithAComma_StaysOneKeyword()
    {
        // The field was comma-separated: "10,000 mAh" became the keywords "10" and "000 mAh", and "10" matched any
        // title with a 10 in it.
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
        Row(editor, "RG-MY-HEAVY-DIRECT").Click();

        editor.Find("textarea[name=rg-keywords]").Input("10,000 mAh\n  power bank \n\n");

        Assert.Equal(["10,000 mAh", "power bank"], context.Config.RestrictedGoods.Single(r => r.Id == "RG-MY-HEAVY-DIRECT").Match.TitleKeywords);
        Assert.Equal(0, context.InputErrorCount);
    }

    [Fact]
    public void RestrictedGoodsRuleModel_TitleKeywords_ReadOneALineAndRoundTrip()
    {
        var rule = DemoConfigurations.For("HK").RestrictedGoods.First();
        var withComma = rule with { Match = rule.Match with { TitleKeywords = ["10,000 mAh", "lithium"] } };

        var model = new RestrictedGoodsRuleModel(SiteCatalog.HK, withComma);

        Assert.Equal("10,000 mAh\nlithium", model.TitleKeywords);
        Assert.Equal(withComma.Match.TitleKeywords, model.ToRule(SiteCatalog.HK).Match.TitleKeywords);
    }

    [Fact]
    public void RestrictedGoodsRule_SwitchedToAnotherAction_LeavesTheHiddenFieldsOutOfTheRule()
    {
        var rule = DemoConfigurations.For("HK").RestrictedGoods.First(r => r.Action == Domain.Configuration.RestrictionAction.BlockChannels);
        var model = new RestrictedGoodsRuleModel(SiteCatalog.HK, rule) { Action = Domain.Configuration.RestrictionAction.BlockSale };

        var edited = model.ToRule(SiteCatalog.HK);

        Assert.Empty(edited.Channels);
        Assert.Null(edited.MaxQuantity);
        // Kept in the form, should the action be switched back.
        model.Action = Domain.Configuration.RestrictionAction.BlockChannels;
        Assert.Equal(rule.Channels, model.ToRule(SiteCatalog.HK).Channels);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<RestrictedGoodsEditor> editor, string id) =>
        editor.FindAll("tbody tr.rz-data-row").Single(r => r.Children[0].TextContent.Contains(id, StringComparison.Ordinal));
}
