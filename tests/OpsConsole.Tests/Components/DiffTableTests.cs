using Bunit;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>The side-by-side diff as its reader sees it.</summary>
public sealed class DiffTableTests : BunitContext
{
    public DiffTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void ThousandsOfChanges_ShowTheFirstFew_UntilTheReaderAsksForAll()
    {
        using var culture = UiCulture.Use("en");
        // Counts are grouped like every other number the console shows.
        var entries = Enumerable.Range(1, 1450).Select(i => Added($"RG-{i:D4}")).ToList();

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, entries));

        Assert.Equal(200, table.FindAll("[data-testid=diff] tbody tr").Count);
        Assert.Equal(200, table.FindAll("[data-testid=diff-summary]").Count);
        Assert.EndsWith(": 1,450 changes", table.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Showing the first 200 of 1,450 changes.", table.Find("[data-testid=diff-more]").TextContent.Trim(), StringComparison.Ordinal);

        table.FindAll("button").Single(b => b.TextContent.Contains("Show all 1,450", StringComparison.Ordinal)).Click();

        Assert.Equal(1450, table.FindAll("[data-testid=diff] tbody tr").Count);
        Assert.Equal(1450, table.FindAll("[data-testid=diff-summary]").Count);
        Assert.Empty(table.FindAll("[data-testid=diff-more]"));
    }

    [Fact]
    public void FewChanges_ShowAll_WithoutTheOffer()
    {
        using var culture = UiCulture.Use("en");
        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [Added("RG-1"), Added("RG-2")]));

        Assert.Equal(2, table.FindAll("[data-testid=diff] tbody tr").Count);
        Assert.EndsWith(": 2 changes", table.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=diff-more]"));
    }

    [Fact]
    public void TheCaption_InChinese_TakesAChineseColon()
    {
        // "v1 → v2: 1 項變更": an English colon and space in a Chinese line, on every change request and comparison.
        using var culture = UiCulture.Use("zh-Hant");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [Added("RG-1")]).Add(t => t.Caption, "v1 → v2"));

        Assert.Equal("v1 → v2：1 項變更", table.Find("caption").TextContent);
    }

    [Fact]
    public void OneChange_IsCountedInTheSingular()
    {
        using var culture = UiCulture.Use("en");
        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [Added("RG-1")]));

        Assert.EndsWith(": 1 change", table.Find("caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnItemAddedOrRemoved_IsSaidInTheConsolesLanguage()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var removed = new DiffEntry(ConfigurationSection.RestrictedGoods, "RG-OLD", "", DiffKind.Removed, "{…}", null, "Restricted-goods rule RG-OLD removed");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [Added("RG-NEW"), removed]));

        var fields = table.FindAll("[data-testid=diff] tbody tr").Select(r => r.Children[2].TextContent).ToList();
        Assert.Equal(["新增", "移除"], fields);
    }

    [Fact]
    public void TheSection_IsNamedAsTheEditorsTabsNameIt_InTheConsolesLanguage()
    {
        // "consolidationPromos", the JSON's name, read as a word broken in four in a narrow column, and as English in Chinese.
        var promo = new DiffEntry(ConfigurationSection.ConsolidationPromos, "CP-HK-BAG", "dailyBudget", DiffKind.Changed, "HK$50,000.00", "HK$40,000.00", "HK consolidation promotion CP-HK-BAG: dailyBudget HK$50,000.00 → HK$40,000.00");
        string[] Sections(IRenderedComponent<DiffTable> table) => [.. table.FindAll("[data-testid=diff] tbody tr").Select(r => r.Children[0].TextContent)];

        using (UiCulture.Use("en"))
        {
            Assert.Equal(["Promotions", "Restricted goods"], Sections(Render<DiffTable>(p => p.Add(t => t.Entries, [promo, Added("RG-NEW")]))));
        }

        using (UiCulture.Use("zh-Hant"))
        {
            Assert.Equal(["集運優惠", "禁限售商品"], Sections(Render<DiffTable>(p => p.Add(t => t.Entries, [promo, Added("RG-NEW")]))));
        }
    }

    [Fact]
    public void AnAddedItem_OpensInFull_WithTheFieldsPastTheFirstLine()
    {
        // Cut off at 160 characters, an added rule's end date (and a restricted-goods rule's action) never showed.
        var config = OpsConsole.Domain.Demo.DemoConfigurations.For("HK");
        var rule = config.FreeShipping[0] with { Id = "FS-HK-NEW", ValidTo = new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero) };
        var entries = ConfigurationDiff.Compare(config, config with { FreeShipping = [.. config.FreeShipping, rule] });

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, entries));

        var cell = table.Find("[data-testid=diff] tbody tr .ops-diff-new");
        Assert.NotNull(cell.QuerySelector("details summary"));
        Assert.Contains("\"validTo\": \"2027-01-31T16:00:00Z\"", cell.QuerySelector("details pre")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongListThatGrew_ReadsWholeOnBothSides()
    {
        var before = "[" + string.Join(", ", Enumerable.Range(1, 16).Select(d => $"2027-08-{d:D2}")) + "]";
        var after = before[..^1] + ", 2027-08-17]";
        var entry = new DiffEntry(ConfigurationSection.Channels, "DIRECT_STD", "transit.holidays", DiffKind.Changed, before, after, "…");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [entry]));

        Assert.Equal(before, table.Find(".ops-diff-old").TextContent);
        Assert.Equal(after, table.Find(".ops-diff-new").TextContent);
    }

    [Fact]
    public void AFieldPath_BreaksOnlyBetweenItsParts_AndReadsAsWritten()
    {
        // At 1280 pixels the label columns are narrow: broken anywhere, they read "promis eTempl ates" and "DIRE CT_S TD".
        var entry = new DiffEntry(ConfigurationSection.Channels, "DIRECT_STD", "surcharges[0].postalCodePrefixes", DiffKind.Changed, "[880]", "[880, 881]", "…");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [entry]));

        var field = table.FindAll("[data-testid=diff] tbody tr td")[2];
        Assert.Equal("surcharges[0].postalCodePrefixes", field.TextContent);
        Assert.Equal("surcharges<wbr>[0].<wbr>postalCodePrefixes", field.InnerHtml);
        Assert.All(table.FindAll("[data-testid=diff] tbody tr td").Take(3), cell => Assert.Contains("ops-diff-label", cell.ClassList));
    }

    [Fact]
    public void ASurchargeRemovedBeforeAnother_IsOneRow_WithTheSurchargeAsRead()
    {
        // Compared by position, the kept surcharge read as changed into the removed one.
        var config = OpsConsole.Domain.Demo.DemoConfigurations.For("HK");
        var channel = config.Channels.First(c => c.Surcharges.Count > 1);
        var changed = config with { Channels = [.. config.Channels.Select(c => c == channel ? c with { Surcharges = [.. c.Surcharges.Skip(1)] } : c)] };

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, ConfigurationDiff.Compare(config, changed)));

        var row = Assert.Single(table.FindAll("[data-testid=diff] tbody tr"));
        Assert.Equal("surcharges[0]", row.Children[2].TextContent);
        Assert.StartsWith("{kind: " + channel.Surcharges[0].Kind, row.QuerySelector(".ops-diff-old")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("—", row.QuerySelector(".ops-diff-new")!.TextContent);
    }

    [Fact]
    public void AWindowBound_ReadsOnTheSitesClock()
    {
        using var culture = UiCulture.Use("en");
        var entry = new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-CART-299", "validFrom", DiffKind.Changed, null, "2026-12-31T16:00:00Z", "…");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [entry]).Add(t => t.Site, OpsConsole.Domain.Sites.SiteCatalog.HK));

        Assert.Equal("2027-01-01 00:00 (HK time)", table.Find(".ops-diff-new").TextContent);
        Assert.Equal("—", table.Find(".ops-diff-old").TextContent);
    }

    [Fact]
    public void AsSentences_InChinese_SayTheChangeInChinese_WithWindowBoundsOnTheSitesClock()
    {
        // The sentences were the domain's English, with the bounds as stored ("validTo 2027-01-01T00:00:00Z → ..."), beside
        // a table that shows the same bounds in HK time.
        using var culture = UiCulture.Use("zh-Hant");
        var changed = new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-NEW-99", "validTo", DiffKind.Changed, "2027-01-01T00:00:00Z", "2027-01-31T16:00:00Z",
            "HK free shipping FS-HK-NEW-99: validTo 2027-01-01T00:00:00Z → 2027-01-31T16:00:00Z");
        var holiday = new DiffEntry(ConfigurationSection.Channels, "DIRECT_STD", "transit.holidays", DiffKind.Removed, "2027-02-10", null,
            "HK channel DIRECT_STD: transit.holidays removed: 2027-02-10");
        var added = new DiffEntry(ConfigurationSection.ConsolidationPromos, "CP-NEW", "", DiffKind.Added, null, "{…}", "HK consolidation promotion CP-NEW: added");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [changed, holiday, added]).Add(t => t.Site, Domain.Sites.SiteCatalog.HK));

        Assert.Equal(
            ["HK 免運 FS-HK-NEW-99：validTo 由 2027-01-01 08:00（HK 時間） 改為 2027-02-01 00:00（HK 時間）", "HK 物流渠道 DIRECT_STD：移除 transit.holidays：2027-02-10", "HK 集運優惠 CP-NEW：新增"],
            table.FindAll("[data-testid=diff-summary]").Select(li => li.TextContent));
        Assert.Equal("HK 免運 FS-HK-NEW-99：validTo 由 2027-01-01 08:00（HK 時間） 改為 2027-02-01 00:00（HK 時間）", table.Find("[data-testid=diff] tbody tr").GetAttribute("title"));
    }

    [Fact]
    public void AsSentences_InEnglish_ReadAsTheDomainWritesThem_WithWindowBoundsOnTheSitesClock()
    {
        using var culture = UiCulture.Use("en");
        var changed = new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-NEW-99", "validTo", DiffKind.Changed, "2027-01-01T00:00:00Z", "2027-01-31T16:00:00Z",
            "HK free shipping FS-HK-NEW-99: validTo 2027-01-01T00:00:00Z → 2027-01-31T16:00:00Z");
        var removed = new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-NEW-99", "maxWeightGrams", DiffKind.Removed, "5000", null,
            "HK free shipping FS-HK-NEW-99: maxWeightGrams removed (was 5000)");

        var table = Render<DiffTable>(p => p.Add(t => t.Entries, [changed, removed]).Add(t => t.Site, Domain.Sites.SiteCatalog.HK));

        Assert.Equal(
            ["HK free shipping FS-HK-NEW-99: validTo 2027-01-01 08:00 (HK time) → 2027-02-01 00:00 (HK time)", "HK free shipping FS-HK-NEW-99: maxWeightGrams removed (was 5000)"],
            table.FindAll("[data-testid=diff-summary]").Select(li => li.TextContent));
    }

    private static DiffEntry Added(string id) =>
        new(ConfigurationSection.RestrictedGoods, id, "", DiffKind.Added, null, "{…}", $"Restricted-goods rule {id} added");
}
