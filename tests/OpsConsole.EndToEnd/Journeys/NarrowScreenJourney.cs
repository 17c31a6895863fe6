using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>The lists on a phone, names that are one long word, and the words on buttons.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class NarrowScreenJourney(ConsoleFixture console)
{
    // Neither the page nor anything in it scrolls sideways: a list that scrolled inside the page hid its rows' state and time
    // past the screen's edge.
    // Lists what does, for the failure's message.
    private const string WhatScrollsSideways = """
        () => [document.documentElement, ...document.querySelectorAll('main *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && (e === document.documentElement || !['visible', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX)))
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.scrollWidth}/${e.clientWidth}`)
        """;

    // Read whole: on the screen, nothing of it cut off or past its place, and its card or row not a screen tall.
    private const string ReadableWhole = """
        text => {
            const box = text.getBoundingClientRect();
            const row = text.closest('tr').getBoundingClientRect();
            return box.left >= 0 && box.right <= window.innerWidth && text.scrollWidth <= text.clientWidth + 1
                && box.right <= text.closest('td, th').getBoundingClientRect().right + 1 && row.height < 400;
        }
        """;

    // How many lines a grid's column titles take on the screen (0 when out of sight: a screen reader still has them).
    private const string TitleLines = """
        grid => grid.querySelector('thead').getBoundingClientRect().height > 1
            ? new Set([...grid.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().top))).size
            : 0
        """;

    [Fact]
    public async Task OnAPhone_TheListsFitTheScreen_WithNamesOfOneLongWordReadWhole()
    {
        // 100 characters without a space, as a pasted reference or a generated key name is.
        var title = "Thresholds-" + new string('y', 89);
        var keyName = "checkout-" + new string('x', 91);

        var admin = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[name='KeyName']").FillAsync(keyName);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "HK · Hong Kong", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var page = (await console.SignInAsync("Hana Ho")).Page;
        await new ChangeRequestListPage(page).CreateAsync("HK", title);
        await page.SetViewportSizeAsync(390, 844);

        foreach (var language in new[] { "English", "繁體中文" })
        {
            await ShellPage.GotoAsync(page, "/");
            if (language == "繁體中文")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
                await ShellPage.WaitUntilInteractiveAsync(page);
            }

            await Expect(page.GetByTestId("mine")).ToContainTextAsync(title);
            await AssertNothingScrollsSidewaysAsync(page, $"the overview ({language})");
            Assert.True(await page.GetByTestId("mine").GetByRole(AriaRole.Link).Filter(new() { HasText = title }).EvaluateAsync<bool>(ReadableWhole), $"The title is not read whole in the overview ({language}).");
            await ConsoleFixture.ScreenshotAsync(page, $"phone-overview-{language}");

            await ShellPage.GotoAsync(page, "/sites/HK/change-requests");
            var listed = page.GetByRole(AriaRole.Grid).GetByRole(AriaRole.Link).Filter(new() { HasText = title });
            await Expect(listed).ToBeVisibleAsync();
            await AssertNothingScrollsSidewaysAsync(page, $"the change request list ({language})");
            Assert.True(await listed.EvaluateAsync<bool>(ReadableWhole), $"The title is not read whole in the change request list ({language}).");
            // Each value beside its column's title, now that the titles are not above it.
            Assert.NotEqual("", await listed.EvaluateAsync<string>("link => getComputedStyle(link.closest('td'), '::before').content.replace(/^none$/, '')"));
            // The list sorts: its column titles stay above the cards as its sort buttons, on one line (they took two), the
            // arrow of the column it is sorted by included.
            var changeRequests = page.GetByRole(AriaRole.Grid, new() { Name = language == "English" ? "Change requests" : "變更申請" });
            var sortBy = changeRequests.GetByRole(AriaRole.Columnheader).Nth(1);
            await sortBy.ClickAsync();
            await Expect(sortBy.Locator(".rzi-sort-asc, .rzi-sort-desc")).ToBeVisibleAsync();
            Assert.Equal(1, await changeRequests.EvaluateAsync<int>(TitleLines));
            await AssertNothingScrollsSidewaysAsync(page, $"the sorted change request list ({language})");
            await ConsoleFixture.ScreenshotAsync(page, $"phone-change-requests-{language}");

            await ShellPage.GotoAsync(page, "/sites/HK/releases");
            var releases = page.GetByRole(AriaRole.Grid, new() { Name = language == "English" ? "Release history" : "發佈歷史" });
            await Expect(releases).ToBeVisibleAsync();
            await AssertNothingScrollsSidewaysAsync(page, $"the releases page ({language})");
            // Lists that do not sort: the titles beside each value say it all, and the row of titles above (two lines of
            // them) went out of sight; a screen reader still reads the columns' headers.
            Assert.Equal(0, await releases.EvaluateAsync<int>(TitleLines));
            Assert.True(await releases.GetByRole(AriaRole.Columnheader).CountAsync() > 0);
            await ConsoleFixture.ScreenshotAsync(page, $"phone-releases-{language}");

            await ShellPage.GotoAsync(page, "/audit");
            await Expect(page.Locator("tbody tr.rz-data-row").First).ToBeVisibleAsync();
            await AssertNothingScrollsSidewaysAsync(page, $"the audit log ({language})");
            Assert.Equal(0, await page.GetByRole(AriaRole.Grid).First.EvaluateAsync<int>(TitleLines));
            await ConsoleFixture.ScreenshotAsync(page, $"phone-audit-{language}");
        }

        // The API keys, with the long name whole in its card.
        await admin.SetViewportSizeAsync(390, 844);
        var key = admin.GetByRole(AriaRole.Grid, new() { Name = "API keys" });
        var name = key.GetByText(keyName, new() { Exact = true });
        await Expect(name).ToBeVisibleAsync();
        Assert.True(await key.EvaluateAsync<bool>("grid => grid.scrollWidth <= grid.clientWidth + 1 && grid.getBoundingClientRect().right <= window.innerWidth"), "The API keys scroll sideways on a phone.");
        Assert.True(await name.EvaluateAsync<bool>(ReadableWhole), "The key's name is not read whole on a phone.");
        Assert.Equal(1, await key.EvaluateAsync<int>(TitleLines));
        await ConsoleFixture.ScreenshotAsync(admin, "phone-api-keys");

        // A tablet's table shares its width by what the columns hold: the long name wraps in its column rather than widening it.
        await admin.SetViewportSizeAsync(820, 1180);
        Assert.True(await name.EvaluateAsync<bool>(ReadableWhole), "The key's name is not read whole on a tablet.");
        // Nor does the table scroll sideways: six columns, the name keeping 12rem, were some 900 pixels in 780.
        await AssertNothingScrollsSidewaysAsync(admin, "the administration page on a tablet");
        await ConsoleFixture.ScreenshotAsync(admin, "tablet-api-keys");
    }

    [Fact]
    public async Task OnAPhone_TheSiteSettingsFitTheScreen_TheirFieldsNamedAndReachedByTab()
    {
        var page = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        await page.SetViewportSizeAsync(390, 844);
        var settings = page.GetByRole(AriaRole.Table, new() { Name = "Site settings" });
        await Expect(settings.GetByTestId("approvers-MY")).ToBeVisibleAsync();

        // As a table it scrolled inside the page, 553 pixels in 334, the Save buttons and who has signed in past the screen.
        await AssertNothingScrollsSidewaysAsync(page, "the site settings");
        foreach (var site in new[] { "HK", "TW", "SG", "MY" })
        {
            var approvals = settings.GetByRole(AriaRole.Spinbutton, new() { Name = $"Approvals for restricted goods on {site}" });
            var save = settings.GetByRole(AriaRole.Button, new() { Name = $"Save the settings of {site}" });
            foreach (var control in new[] { approvals, save, settings.GetByTestId($"approvers-{site}") })
            {
                Assert.True(await control.EvaluateAsync<bool>("e => { const box = e.getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth; }"), $"{control} is not on the screen.");
            }
        }

        // The number's title beside it, now that the column's title is not above it.
        var number = settings.GetByRole(AriaRole.Spinbutton, new() { Name = "Approvals for restricted goods on HK" });
        Assert.Equal("Approvals for restricted goods", await number.EvaluateAsync<string>("input => input.closest('td').dataset.label"));
        await ConsoleFixture.TallScreenshotAsync(page, "phone-site-settings", 1800);

        // By keyboard, in the order read: a site's number, then its Save.
        var keyboard = new KeyboardUser(page);
        await keyboard.TabToAsync(number, limit: 80);
        await keyboard.TabToAsync(settings.GetByRole(AriaRole.Button, new() { Name = "Save the settings of HK" }), limit: 3);
        await keyboard.TabToAsync(settings.GetByRole(AriaRole.Spinbutton, new() { Name = "Approvals for restricted goods on TW" }), limit: 3);

        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
        await ShellPage.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "站點設定" }).GetByTestId("approvers-MY")).ToBeVisibleAsync();
        await AssertNothingScrollsSidewaysAsync(page, "the site settings (繁體中文)");
        await ConsoleFixture.TallScreenshotAsync(page, "phone-site-settings-chinese", 1800);
    }

    [Fact]
    public async Task OnAPhone_ANewKeyIsShownWhole()
    {
        var page = (await console.SignInAsync("Ada Admin", "/admin")).Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[name='KeyName']").FillAsync("Stock service (phone)");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "SG · Singapore", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = dialog.GetByRole(AriaRole.Textbox, new() { Name = "The new API key" });
        await Expect(key).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ops_"));

        // Shown once, so all of it in view: in a one-line box a phone showed its last 20 characters of 47.
        var hidden = await key.EvaluateAsync<string>("box => `${box.scrollWidth - box.clientWidth} px across, ${box.scrollHeight - box.clientHeight} px down`");
        Assert.Equal("0 px across, 0 px down", hidden);
        await ConsoleFixture.ScreenshotAsync(page, "phone-new-key");
    }

    [Fact]
    public async Task OnAPhone_TheEmergencyRollbacksReason_HasRoomToBeTyped()
    {
        var page = (await console.SignInAsync("Ada Admin", "/sites/MY/releases")).Page;
        await page.SetViewportSizeAsync(390, 844);
        var reason = page.GetByRole(AriaRole.Textbox, new() { Name = "Reason for the emergency rollback" });
        await reason.ScrollIntoViewIfNeededAsync();

        // Beside the version and the button, the reason's box was 76 pixels wide: "Reas…" of its title, and a reason, the
        // one thing the audit log keeps of why, typed where three words could be seen at once.
        var width = await reason.EvaluateAsync<double>("box => box.getBoundingClientRect().width");
        Assert.True(width >= 250, $"The reason's box is {width} pixels wide on a 390-pixel phone.");
        await AssertNothingScrollsSidewaysAsync(page, "the releases page");
        await ConsoleFixture.ScreenshotAsync(page, "phone-emergency-rollback");
    }

    // Where a tier's fields and buttons stand, and how wide its fields are: its whole row is on the screen, each field wide
    // enough to read what it holds.
    private const string TierControls = """
        row => [...row.querySelectorAll('input, button')].map(control => {
            const box = control.getBoundingClientRect();
            return `${control.getAttribute('aria-label')}: ${box.left >= 0 && box.right <= window.innerWidth ? 'on screen' : 'cut off'}`
                + (control.tagName === 'INPUT' && control.type !== 'hidden' ? (box.width >= 56 ? ', readable' : `, ${Math.round(box.width)} px wide`) : '');
        })
        """;

    [Fact]
    public async Task OnAPhone_APromotionsTiers_FitTheScreen_TheirValuesReadable()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        await new ChangeRequestListPage(page).CreateAsync("HK", "Tiers on a phone");
        await page.SetViewportSizeAsync(390, 844);
        await new SectionEditorsPage(page).OpenTabAsync("Promotions");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Promotions" })).ToHaveAttributeAsync("aria-selected", "true");
        var tiers = page.GetByTestId("tier");
        await Expect(tiers).ToHaveCountAsync(3);
        await ConsoleFixture.TallScreenshotAsync(page, "phone-promotion-tiers", 2000);

        // Four columns and three buttons in a row were wider than the screen: a tier's value stood 20 pixels wide, showing
        // "2" of "20", and its remove button was cut off at the screen's edge.
        for (var i = 0; i < 3; i++)
        {
            var controls = await tiers.Nth(i).EvaluateAsync<string[]>(TierControls);
            Assert.All(controls, control => Assert.Matches(": on screen(, readable)?$", control));
            Assert.Contains(controls, control => control.StartsWith($"Tier {i + 1} minimum: on screen, readable", StringComparison.Ordinal));
            // The discount's kind is read whole, not "Per…".
            var kind = tiers.Nth(i).Locator(".rz-dropdown-label");
            Assert.True(await kind.EvaluateAsync<bool>("label => label.scrollWidth <= label.clientWidth"), $"Tier {i + 1}'s discount kind is cut off.");
        }
    }

    private static async Task AssertNothingScrollsSidewaysAsync(IPage page, string where)
    {
        var scrolling = await page.EvaluateAsync<string[]>(WhatScrollsSideways);
        Assert.True(scrolling.Length == 0, $"Scrolls sideways in {where}: {string.Join(", ", scrolling)}");
    }

    [Fact]
    public async Task Buttons_ShowTheirWordsAsWritten_InEnglishAndInChinese()
    {
        var page = (await console.SignInAsync("Hana Ho", "/sites/HK/change-requests")).Page;
        var create = page.Locator(".ops-toolbar .rz-button");
        await Expect(create).ToHaveAccessibleNameAsync("New change request");
        // innerText is the text as shown: the theme's capitals made it "NEW CHANGE REQUEST".
        Assert.Equal("New change request", await create.Locator(".rz-button-text").InnerTextAsync());
        Assert.Equal("none", await create.EvaluateAsync<string>("button => getComputedStyle(button).textTransform"));

        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
        await ShellPage.WaitUntilInteractiveAsync(page);
        Assert.Equal("none", await create.EvaluateAsync<string>("button => getComputedStyle(button).textTransform"));
        Assert.Equal("none", await page.GetByRole(AriaRole.Button, new() { Name = "登出" }).EvaluateAsync<string>("button => getComputedStyle(button).textTransform"));
    }

    // The text as shown (innerText follows text-transform), the text as written, and the spacing the theme adds for capitals.
    private const string Shown = "badge => [badge.innerText.trim(), badge.textContent.trim(), getComputedStyle(badge).textTransform, getComputedStyle(badge).letterSpacing]";

    [Fact]
    public async Task Badges_ShowTheirWordsAsWritten_InEnglishAndInChinese()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var changeRequest = await new ChangeRequestListPage(page).CreateAsync("HK", "Badges as written");
        var shell = new ShellPage(page);
        await Expect(changeRequest.State).ToHaveTextAsync("Draft");
        await Expect(shell.SiteAccess).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^You can .+ HK$"));

        // The theme's capitals made them "DRAFT" and "YOU CAN EDIT HK": shouting, beside buttons that say their words as written.
        foreach (var badge in new[] { changeRequest.State, shell.SiteAccess })
        {
            var shown = await badge.EvaluateAsync<string[]>(Shown);
            Assert.Equal(shown[1], shown[0]);
            Assert.Equal(["none", "normal"], shown[2..]);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
        await ShellPage.WaitUntilInteractiveAsync(page);
        await Expect(changeRequest.State).ToHaveTextAsync("草稿");
        // In Chinese the site's code is the only Latin in a badge; the spacing meant for capitals spread the characters apart.
        foreach (var badge in new[] { changeRequest.State, shell.SiteAccess })
        {
            var shown = await badge.EvaluateAsync<string[]>(Shown);
            Assert.Equal(shown[1], shown[0]);
            Assert.Equal(["none", "normal"], shown[2..]);
        }
    }

    // A calendar's month, year and weekday names: as shown, as written, and the case the theme gives them.
    private const string CalendarHeader = """
        popup => [...popup.querySelectorAll('.rz-calendar-title .rz-dropdown-label, .rz-calendar-view th')]
            .map(cell => [cell.innerText.trim(), cell.textContent.trim(), getComputedStyle(cell).textTransform])
        """;

    [Fact]
    public async Task TheHolidayPickersCalendar_ShowsItsMonthAndWeekdaysAsWritten_InEnglishAndInChinese()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        await new ChangeRequestListPage(page).CreateAsync("HK", "Calendar as written");
        var editors = new SectionEditorsPage(page);

        foreach (var (language, channels, pick) in new[] { ("English", "Channels", "Pick a holiday to add"), ("繁體中文", "物流渠道", "選擇要加入的假日") })
        {
            if (language == "繁體中文")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "繁體中文" }).ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
                await ShellPage.WaitUntilInteractiveAsync(page);
            }

            await editors.OpenTabAsync(channels);
            var picker = page.Locator(".rz-datepicker").Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = pick }) });
            var toggle = picker.Locator(".rz-datepicker-trigger");
            await toggle.ClickAsync();
            var popup = page.Locator($"#{await toggle.GetAttributeAsync("aria-controls")}");
            await Expect(popup.Locator(".rz-calendar-view th").First).ToBeVisibleAsync();
            await ConsoleFixture.ScreenshotAsync(page, $"holiday-calendar-{language}");

            // The theme's capitals made the weekdays "SUN MON TUE", beside a month and year written as they are.
            var header = await popup.EvaluateAsync<string[][]>(CalendarHeader);
            Assert.True(header.Length >= 9, $"The calendar's header has {header.Length} cells ({language}).");
            foreach (var cell in header)
            {
                Assert.Equal(cell[1], cell[0]);
                Assert.Equal("none", cell[2]);
            }

            await page.Keyboard.PressAsync("Escape");
        }
    }
}
