using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;
using Radzen;
using Radzen.Blazor;

namespace OpsConsole.Tests.Components;

/// <summary>Radzen's own words (pager, filter menu, date picker, dialogs) follow the console's language.</summary>
public sealed partial class RadzenTextsTests : BunitContext
{
    public RadzenTextsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void EveryTranslation_IsOfOneOfRadzensTexts_AndKeepsItsPlaceholdersAndSpaces()
    {
        foreach (var (key, chinese) in RadzenTexts.ZhHant)
        {
            var english = RadzenStrings.ResourceManager.GetString(key, CultureInfo.InvariantCulture);
            Assert.True(english is not null, $"{key} is not one of Radzen's texts (renamed in an upgrade?)");
            Assert.Equal(Placeholders(english), Placeholders(chinese));
            Assert.Equal(english.StartsWith(' '), chinese.StartsWith(' '));
            Assert.Equal(english.EndsWith(' '), chinese.EndsWith(' '));
            Assert.Matches(Scripts.Chinese(), chinese);
        }
    }

    [Fact]
    public void EveryRadzenControlInTheConsolesMarkup_HasAllItsWordsInChinese()
    {
        var controls = Directory.EnumerateFiles(SourceTree.AppFolder, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => RadzenTag().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("DataGrid", controls);
        controls.UnionWith(controls.Where(RadzenTexts.Brings.ContainsKey).SelectMany(c => RadzenTexts.Brings[c]).ToList());

        var resources = RadzenStrings.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var missing = resources.Cast<System.Collections.DictionaryEntry>()
            .Select(entry => ((string)entry.Key, (string)entry.Value!))
            .Where(entry => controls.Contains(entry.Item1[..entry.Item1.IndexOf('_', StringComparison.Ordinal)]))
            // "#" (a calendar's week column) is not a word.
            .Where(entry => entry.Item2.Any(char.IsLetter) && !RadzenTexts.ZhHant.ContainsKey(entry.Item1))
            .Select(entry => $"{entry.Item1} ({entry.Item2})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "Radzen texts of controls the console uses, without Chinese:\n" + string.Join("\n", missing));
    }

    /// <summary>Chinese on a Chinese console, Radzen's own English on an English one, and nothing of the other.</summary>
    [Theory]
    [InlineData("zh-Hant-TW", "第 1 頁，共 3 頁（25 筆）", "前往下一頁。", " items)", "Go to next page.")]
    [InlineData("en", "Page 1 of 3 (25 items)", "Go to next page.", "筆）", "前往下一頁。")]
    public void AGridsPager_ReadsInTheConsolesLanguage(string culture, string summary, string nextPage, string otherSummary, string otherNextPage)
    {
        using var language = UiCulture.Use(culture);

        var grid = RenderGrid();

        Assert.Contains(summary, grid.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(grid.FindAll($"[aria-label='{nextPage}']"));
        Assert.DoesNotContain(otherNextPage, grid.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(otherSummary, grid.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextTheConsoleSetsOnAControl_WinsOverRadzens()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");

        var grid = Render<RadzenDataGrid<Row>>(p => p
            .Add(g => g.Data, [])
            .Add(g => g.EmptyText, "沒有規則。")
            .Add(g => g.Columns, Columns));

        Assert.Contains("沒有規則。", grid.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("沒有可顯示的資料。", grid.Markup, StringComparison.Ordinal);
    }

    private IRenderedComponent<RadzenDataGrid<Row>> RenderGrid() =>
        Render<RadzenDataGrid<Row>>(p => p
            .Add(g => g.Data, Enumerable.Range(1, 25).Select(i => new Row($"R{i}")).ToList())
            .Add(g => g.AllowPaging, true)
            .Add(g => g.PageSize, 10)
            .Add(g => g.ShowPagingSummary, true)
            .Add(g => g.Columns, Columns));

    private static readonly RenderFragment Columns = builder =>
    {
        builder.OpenComponent<RadzenDataGridColumn<Row>>(0);
        builder.AddAttribute(1, nameof(RadzenDataGridColumn<Row>.Property), nameof(Row.Name));
        builder.AddAttribute(2, nameof(RadzenDataGridColumn<Row>.Title), "Name");
        builder.CloseComponent();
    };

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    public sealed record Row(string Name);

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<Radzen([A-Za-z]+)")]
    private static partial Regex RadzenTag();
}
