using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(ConsoleCollection.Name)]
public sealed class ShellJourney(ConsoleFixture console)
{
    [Fact]
    public async Task HkEditor_SignsIn_BrowsesHkPages_AndNavigationResponds()
    {
        var page = await console.NewPageAsync();

        // The real server names no server software in its answers (and keeps its security headers).
        var health = await page.Context.APIRequest.GetAsync("/healthz");
        Assert.Equal(200, health.Status);
        Assert.False(health.Headers.ContainsKey("server"), "Server header: " + health.Headers.GetValueOrDefault("server"));
        Assert.Equal("nosniff", health.Headers["x-content-type-options"]);

        var shell = await new SignInPage(page).SignInAsync("Hana Ho");

        await Expect(shell.SignedInUser).ToHaveTextAsync("Hana Ho");
        await Expect(shell.Heading).ToHaveTextAsync("Sites");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Sites" })).ToContainTextAsync("Asia/Hong_Kong");
        await ConsoleFixture.ScreenshotAsync(page, "overview");

        await shell.OpenSiteSectionAsync("HK · Hong Kong", "Configuration");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sites/HK/config$"));
        await Expect(shell.Heading).ToHaveTextAsync("Hong Kong (HK): configuration");
        // The release's tables show a cell whole: a channel's rate is read there, not cut off with an ellipsis.
        var rate = page.Locator("td .rz-cell-data").Filter(new() { HasText = "HK$18.00 first 500 g" });
        await Expect(rate).ToHaveTextAsync("HK$18.00 first 500 g, then HK$8.00 per 500 g (max 20,000 g)");
        Assert.True(await rate.EvaluateAsync<bool>("cell => cell.scrollWidth <= cell.clientWidth + 1"), "The channel's rate is cut off in the configuration's table.");
        await ConsoleFixture.ScreenshotAsync(page, "hk-config");

        // The release downloads as the file a draft imports and the verbs read.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-current").ClickAsync());
        Assert.Equal("HK-v1.json", download.SuggestedFilename);
        var file = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("\"site\": \"HK\"", file, StringComparison.Ordinal);
        Assert.Contains("FS-HK-CART-299", file, StringComparison.Ordinal);

        await shell.OpenSiteSectionAsync("HK · Hong Kong", "Change requests");
        await Expect(shell.Heading).ToHaveTextAsync("Hong Kong (HK): change requests");

        await shell.OpenSiteSectionAsync("HK · Hong Kong", "Releases");
        await Expect(shell.Heading).ToHaveTextAsync("Hong Kong (HK): releases");

        // The audit log opens with its newest entries, this sign-in among them, before any filter is touched.
        await shell.Navigation.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Audit log");
        await Expect(page.GetByRole(AriaRole.Grid)).ToContainTextAsync("SignIn");
        await shell.WaitUntilInteractiveAsync();
        // Filtering by action leaves only that action (the releases imported at start are off the first page once the
        // journeys before this one have written 25 entries).
        await page.GetByLabel("Filter by action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "ReleaseImported", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Grid)).Not.ToContainTextAsync("SignIn");
        await Expect(page.GetByRole(AriaRole.Grid)).ToContainTextAsync("ReleaseImported");
        // The filter is in the address, so switching language (which reloads the page) keeps it, as a link passed on would.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/audit\?action=ReleaseImported$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("稽核紀錄");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/audit\?action=ReleaseImported$"));
        await Expect(page.GetByRole(AriaRole.Grid)).ToContainTextAsync("匯入版本 (ReleaseImported)");
        await Expect(page.GetByRole(AriaRole.Grid)).Not.ToContainTextAsync("SignIn");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(shell.Heading).ToHaveTextAsync("Audit log");
        await Expect(page.GetByRole(AriaRole.Grid)).Not.ToContainTextAsync("SignIn");
        await shell.WaitUntilInteractiveAsync();

        // The sidebar toggle is handled on the server over the circuit: it proves the page is interactive.
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await shell.NavigationToggle.ClickAsync();
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await shell.NavigationToggle.ClickAsync();
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
    }

    [Fact]
    public async Task OnATablet_TheNavigationOpensOverThePage_AndTheEditorKeepsTheWidth()
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(820, 1180);
        var shell = await new SignInPage(page).SignInAsync("Siti Rahman", "/sites/MY/config");

        // Shut at first, so the page has the screen's width.
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(shell.Navigation).ToBeHiddenAsync();
        Assert.True(await page.Locator("main").EvaluateAsync<double>("main => main.getBoundingClientRect().left") < 40, "The page does not start at the screen's left edge.");
        // The release's tables share the width by what their columns hold: a channel's rate is not squeezed to a few letters.
        var rate = page.Locator("td .rz-cell-data").Filter(new() { HasText = "RM9.90 first 500 g" });
        Assert.True(await rate.EvaluateAsync<double>("cell => cell.getBoundingClientRect().width") > 150, "A channel's rate is squeezed on a tablet.");
        await ConsoleFixture.ScreenshotAsync(page, "tablet-configuration");

        // Opened, it lies over the page (which keeps its width) and shuts once a link in it is followed.
        await shell.NavigationToggle.ClickAsync();
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(shell.Navigation).ToBeVisibleAsync();
        Assert.True(await page.Locator("main").EvaluateAsync<double>("main => main.getBoundingClientRect().left") < 40, "The open navigation pushed the page aside.");
        await ConsoleFixture.ScreenshotAsync(page, "tablet-navigation");
        await shell.OpenSiteSectionAsync("MY · Malaysia", "Change requests");
        await Expect(shell.Heading).ToHaveTextAsync("Malaysia (MY): change requests");
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(shell.Navigation).ToBeHiddenAsync();

        // The restricted-goods editor's table has room for a rule's name: it is not broken a letter a line.
        await new ChangeRequestListPage(page).CreateAsync("MY", "Tablet check");
        await new SectionEditorsPage(page).OpenTabAsync("Restricted goods");
        var name = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "RG-MY-BATTERY-AIR" }).GetByText("Lithium batteries not on express air");
        Assert.True(await name.EvaluateAsync<double>("text => text.getBoundingClientRect().width") > 150, "A rule's name has no room in the restricted-goods table.");
        await ConsoleFixture.TallScreenshotAsync(page, "tablet-restricted-goods");

        // On a phone too: the table scrolls sideways by itself, rather than squeezing the name to nothing, every row as tall as its
        // name broken a letter a line, and the page keeps the screen's width.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(name).ToBeAttachedAsync();
        Assert.True(await name.EvaluateAsync<double>("text => text.getBoundingClientRect().width") > 150, "A rule's name has no room in the restricted-goods table on a phone.");
        Assert.True(await page.Locator(".rz-body").EvaluateAsync<bool>("body => body.scrollWidth <= body.clientWidth"), "The restricted-goods editor is wider than a phone.");
        // Every section's tab is on the screen, the list wrapping onto a second line: it scrolled sideways, and "Restricted
        // goods" lay past the screen's edge with nothing to say it was there.
        var tabs = page.GetByRole(AriaRole.Tablist, new() { Name = "Sections of the proposal" });
        Assert.True(
            await tabs.EvaluateAsync<bool>("list => list.scrollWidth <= list.clientWidth && [...list.querySelectorAll('[role=tab]')].every(tab => { const box = tab.getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth; })"),
            "A section's tab is past the edge of a phone's screen.");
        await ConsoleFixture.TallScreenshotAsync(page, "phone-restricted-goods");
    }

    [Fact]
    public async Task OnAPhone_SignInAndTheHeaderFitTheScreen()
    {
        var page = await console.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        const string fits = "() => document.documentElement.scrollWidth <= window.innerWidth";

        await page.GotoAsync("/account/sign-in");
        await Expect(page.GetByText("OpsConsole", new() { Exact = true })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(fits), "The sign-in page is wider than a phone.");

        var shell = await new SignInPage(page).SignInAsync("Siti Rahman");
        await Expect(shell.SignedInUser).ToBeVisibleAsync();
        Assert.True(await shell.SignOutButton.EvaluateAsync<bool>("button => button.getBoundingClientRect().right <= window.innerWidth"), "Sign out is off the screen.");
        // The sites' table scrolls by itself; the page does not scroll sideways.
        Assert.True(await page.Locator(".rz-body").EvaluateAsync<bool>("body => body.scrollWidth <= body.clientWidth"), "The overview is wider than a phone.");
        await ConsoleFixture.ScreenshotAsync(page, "phone-overview");

        // The audit log's table scrolls sideways too, and its details keep room to be read: squeezed to the letters left
        // over by the other columns, a release's hash stood a character a line and each entry a screen tall.
        await ShellPage.GotoAsync(page, "/audit");
        // The imports, which carry a hash, are off the first page once the journeys before this one have written 25 entries.
        await page.GetByLabel("Filter by action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "ReleaseImported", Exact = true }).ClickAsync();
        // Measured once the filtered page is there (this one's sign-in, on the page before, is not an import).
        await Expect(page.Locator("tbody tr.rz-data-row").Filter(new() { HasText = "SignIn" })).ToHaveCountAsync(0);
        var details = page.GetByTestId("audit-details").Filter(new() { HasText = "MY.json" });
        Assert.True(await details.EvaluateAsync<double>("details => details.getBoundingClientRect().width") > 150, "An audit entry's details are squeezed on a phone.");
        Assert.True(await page.Locator(".rz-body").EvaluateAsync<bool>("body => body.scrollWidth <= body.clientWidth"), "The audit log is wider than a phone.");
        await ConsoleFixture.ScreenshotAsync(page, "phone-audit");
    }

    [Fact]
    public async Task ATitleWithALongUnbrokenWord_WrapsInsideItsPlace_OnADesktopAndOnAPhone()
    {
        // A reference pasted whole (150 characters, no space) after words and a category path, which wrap at their spaces,
        // "/" and "-" as before. The word ran past the heading and the page, and widened the overview's table past a desktop
        // and the lists' title column to some 1,800 pixels on a phone.
        var word = "REF" + string.Concat(Enumerable.Repeat("WQMX", 36)) + "END";
        var title = "Apparel/shoes-and-bags thresholds " + word;
        var page = (await console.SignInAsync("Hana Ho")).Page;
        await new ChangeRequestListPage(page).CreateAsync("HK", title);
        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var body = page.Locator(".rz-body");
        const string Fits = "element => element.scrollWidth <= element.clientWidth + 1";
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 844);
            Assert.True(await heading.EvaluateAsync<bool>(Fits), $"The title runs past the heading at {width} pixels.");
            Assert.True(await body.EvaluateAsync<bool>(Fits), $"The change request's page is wider than {width} pixels.");
        }

        // On a phone the heading's lines before the long word end at a space, "/" or "-", as a title's always did.
        var text = await heading.TextContentAsync() ?? "";
        var breaks = (await heading.EvaluateAsync<int[]>(Layout.LineStarts)).Where(at => at < text.IndexOf(word, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(breaks);
        Assert.All(breaks, at => Assert.Contains(text[at - 1], " /-"));
        Assert.Contains(breaks, at => text[at - 1] is '/' or '-');
        await ConsoleFixture.ScreenshotAsync(page, "phone-long-title");

        // The overview: on a desktop the table keeps to the page; on a phone the title's cell keeps to the screen.
        await ShellPage.GotoAsync(page, "/");
        var mine = page.GetByRole(AriaRole.Table, new() { Name = "Your open change requests" });
        var cell = mine.GetByRole(AriaRole.Row).Filter(new() { HasText = word }).Locator("th");
        const string CellKeepsToItsTable = "cell => cell.closest('.ops-scroll-x').scrollWidth <= cell.closest('.ops-scroll-x').clientWidth + 1";
        await page.SetViewportSizeAsync(1280, 844);
        Assert.True(await cell.EvaluateAsync<bool>(CellKeepsToItsTable), "A long title widens the overview's table past a desktop.");
        await page.SetViewportSizeAsync(390, 844);
        await AssertKeepsToAPhoneAsync(cell, "the overview");

        // The site's list of change requests, filtered to it.
        await ShellPage.GotoAsync(page, "/sites/HK/change-requests");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Filter by title" }).FillAsync(word);
        cell = page.GetByRole(AriaRole.Grid).Locator("td").Filter(new() { HasText = word });
        await Expect(cell).ToHaveCountAsync(1);
        await AssertKeepsToAPhoneAsync(cell, "the change requests' list");
        await ConsoleFixture.ScreenshotAsync(page, "phone-long-title-list");

        // The release history shows a published change's title in a table made as the list's. Every site's v2 belongs
        // to another journey, so the title is put in v1's place in the page itself.
        await ShellPage.GotoAsync(page, "/sites/HK/releases");
        cell = page.GetByRole(AriaRole.Grid, new() { Name = "Release history" }).GetByRole(AriaRole.Row).Last.Locator("td").Nth(1);
        await cell.EvaluateAsync(
            "(cell, title) => { const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, { acceptNode: n => n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP }); walker.nextNode().data = title; }",
            title);
        await AssertKeepsToAPhoneAsync(cell, "the release history");
        await page.SetViewportSizeAsync(1280, 844);
        Assert.True(await cell.EvaluateAsync<bool>(Fits), "A long title runs past its column in the release history.");
    }

    /// <summary>On a phone, a title's cell is no wider than the screen, its text inside it, and it keeps room to be read.</summary>
    private static async Task AssertKeepsToAPhoneAsync(ILocator cell, string where)
    {
        Assert.True(
            await cell.EvaluateAsync<bool>("cell => cell.scrollWidth <= cell.clientWidth + 1 && cell.getBoundingClientRect().width <= window.innerWidth"),
            $"A long title makes its cell wider than a phone in {where}.");
        Assert.True(await cell.EvaluateAsync<double>("cell => cell.getBoundingClientRect().width") > 150, $"A long title's cell is squeezed on a phone in {where}.");
    }

    [Fact]
    public async Task Anonymous_OpeningAPage_IsSentToSignIn_AndComesBackAfterwards()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/sites/TW/releases");
        await ConsoleFixture.ScreenshotAsync(page, "sign-in");

        await new SignInPage(page).SignInAsync("Vera Viewer", "/sites/TW/releases");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sites/TW/releases$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Taiwan (TW): releases");
    }
}
