using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class LanguageJourney(ConsoleFixture console)
{
    [Fact]
    public async Task EditorSwitchesToTraditionalChinese_ShellAndEditorsFollow_AndSwitchesBack()
    {
        var shell = await console.SignInAsync("Hana Ho");
        var page = shell.Page;
        var list = new ChangeRequestListPage(page);
        await list.CreateAsync("HK", "Language check");

        // The page says which language it is in, so that a screen reader reads it in that voice and the browser picks
        // Traditional Chinese glyphs.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        // The section open when the language changes is open after it (the switch reloads the page).
        await new SectionEditorsPage(page).OpenTabAsync("Channels");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#tab=channels$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "物流渠道" })).ToHaveAttributeAsync("aria-selected", "true");
        await page.GetByRole(AriaRole.Tab, new() { Name = "免運規則" }).ClickAsync();
        await ConsoleFixture.ScreenshotAsync(page, "language-switched");
        await Expect(shell.Navigation).ToContainTextAsync("變更申請");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "免運規則" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登出" })).ToBeVisibleAsync();
        await ConsoleFixture.TallScreenshotAsync(page, "editor-zh-hant");

        // Field checks speak the console's language too, and so do the screen-reader names the journey finds fields by.
        var editors = new SectionEditorsPage(page);
        await editors.SelectItemAsync("FS-HK-CART-299");
        await editors.Field("門檻").FillAsync("199.999");
        await Expect(editors.MessagesOf("fs-threshold")).ToContainTextAsync("門檻：HKD 金額最多 2 位小數。");
        await editors.Field("門檻").FillAsync("299");
        await Expect(editors.MessagesOf("fs-threshold")).ToBeHiddenAsync();
        await page.GetByTestId("impact-run").ClickAsync();
        await Expect(page.GetByTestId("impact-revenue")).ToContainTextAsync("草稿", new() { Timeout = 30_000 });
        await page.GetByTestId("impact").ScrollIntoViewIfNeededAsync();
        await ConsoleFixture.ScreenshotAsync(page, "impact-zh-hant");

        // Radzen's own words in the grid (its filter's "Select...") follow the console too, and so do the rules' actions.
        await editors.OpenTabAsync("禁限售商品");
        var rules = page.GetByLabel("禁限售商品規則", new() { Exact = true });
        await Expect(rules.GetByRole(AriaRole.Columnheader).Filter(new() { HasText = "編號" })).ToBeVisibleAsync();
        await Expect(rules.GetByText("請選擇…")).ToBeVisibleAsync();
        await Expect(rules.GetByRole(AriaRole.Row).Filter(new() { HasText = "RG-HK-BLADE" })).ToContainTextAsync("禁止銷售 (BlockSale)");
        await ConsoleFixture.TallScreenshotAsync(page, "restricted-goods-zh-hant");

        // The file pickers say what they do in Chinese too (the browser's own input would say "Choose File"): the draft
        // exported as JSON is imported again through the picker, found by its label as a screen reader names it.
        await page.GetByRole(AriaRole.Button, new() { Name = "匯出 JSON" }).ClickAsync();
        var exported = await page.GetByTestId("config-export-link").GetAttributeAsync("href") ?? "";
        var file = Path.Combine(Path.GetTempPath(), $"opsconsole-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(exported[(exported.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        try
        {
            var picker = page.Locator("label.ops-file").Filter(new() { Has = page.GetByTestId("config-import") });
            await Expect(picker).ToContainTextAsync("選擇檔案…");
            await page.GetByLabel("匯入 JSON（取代整份草稿）").SetInputFilesAsync(file);
            await Expect(page.GetByTestId("config-import-outcome")).ToContainTextAsync("取代了草稿");
            await ConsoleFixture.ScreenshotAsync(page, "import-zh-hant");
        }
        finally
        {
            File.Delete(file);
        }

        // The published configuration's page reads a promotion's tiers in Chinese as well.
        var changeRequest = new Uri(page.Url).PathAndQuery;
        await ShellPage.GotoAsync(page, "/sites/HK/config");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CP-HK-BAG" })).ToContainTextAsync("2 家店鋪起：減 20%；4 家店鋪起：減 50%");
        await ShellPage.GotoAsync(page, changeRequest);

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Free shipping" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Theory]
    [InlineData("/sites/HK/releases")]
    [InlineData("/sites/HK/change-requests")]
    [InlineData("/sites/HK/config")]
    [InlineData("/audit")]
    [InlineData("/admin")]
    public async Task InTraditionalChinese_EveryListsColumnTitleIsReadWhole(string path)
    {
        // Radzen cuts a column title to its width with an ellipsis: the release history said "發佈時間（HK 時…", and
        // which clock its times are on was the part cut off. The cells of these lists wrap; so do their titles.
        var shell = await console.SignInAsync("Ada Admin", path);
        var page = shell.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hant");
        await Expect(page.Locator(".ops-read-grid th").First).ToBeVisibleAsync();

        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.ops-read-grid th .rz-column-title-content')]
                .filter(t => t.offsetParent !== null && t.scrollWidth > t.clientWidth + 1)
                .map(t => t.textContent.trim())
            """);

        Assert.Empty(cut);
    }

    /// <summary>
    /// Chinese has no spaces, so the browser breaks a line between any two characters: the overview's narrow "Site"
    /// column put "站" over "點", "馬來西亞" lost its last character to a line of its own, and the site settings' title
    /// "禁限售商品所需核准數" left "數" alone on its second line. Titles and a site's name are read whole; the wide
    /// columns give way instead.
    /// </summary>
    [Theory]
    [InlineData("/", "站點", "thead th, tbody td:nth-child(2)")]
    [InlineData("/admin", "站點設定", "thead th:not(:has(.rz-sr-only))")]
    public async Task InTraditionalChinese_ColumnTitlesAndSiteNames_AreNotBrokenBetweenCharacters(string path, string table, string cells)
    {
        var shell = await console.SignInAsync("Ada Admin", path);
        var page = shell.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await shell.WaitUntilInteractiveAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = table });
        await Expect(rows.GetByText("馬來西亞").First).ToBeVisibleAsync();

        var broken = new List<string>();
        foreach (var cell in await rows.Locator(cells).AllAsync())
        {
            if (await cell.EvaluateAsync<int>(Layout.Lines) > 1)
            {
                broken.Add(await cell.InnerTextAsync());
            }
        }

        Assert.Empty(broken);
    }
}
