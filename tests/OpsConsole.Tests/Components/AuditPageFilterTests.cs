using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The audit page's filters, over the real audit log in SQLite.</summary>
public sealed class AuditPageFilterTests : ConsoleBunitContext
{
    public AuditPageFilterTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    [Theory]
    [InlineData("hana")]
    [InlineData("HANA HO")]
    public async Task WhoFilter_FindsTheActorWhateverTheCase(string typed)
    {
        using var culture = UiCulture.Use("en");
        Assert.True((await App.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Someone to find")).Succeeded);
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Filter by actor']").Change(typed);

        // SQLite's instr, which Contains became, minds case: "hana" found nobody.
        page.WaitForAssertion(() =>
        {
            var who = page.FindAll("tbody tr.rz-data-row").Select(r => r.Children[2].TextContent.Trim()).ToList();
            Assert.NotEmpty(who);
            Assert.All(who, w => Assert.Equal("Hana Ho", w));
        });
    }

    [Fact]
    public async Task DayFilters_ListTheEntriesOfThoseUtcDays_BothIncluded_AndTheDownloadCarriesEveryFilter()
    {
        using var culture = UiCulture.Use("en");
        await AppendAtAsync("2026-03-01T23:59:59Z", "day before");
        await AppendAtAsync("2026-03-02T00:00:00Z", "first moment");
        await AppendAtAsync("2026-03-03T23:59:59.999Z", "last moment");
        await AppendAtAsync("2026-03-04T00:00:00Z", "day after");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Filter by actor']").Change("date tester");
        page.Find("input[aria-label='Entries from (UTC date)']").Change("2026-03-02");
        page.Find("input[aria-label='Entries to (UTC date, included)']").Change("2026-03-03");

        page.WaitForAssertion(() => Assert.Equal(["last moment", "first moment"], Subjects(page)));
        Assert.Equal("audit/entries.csv?actor=date%20tester&from=2026-03-02&to=2026-03-03", page.Find("[data-testid=audit-export]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=audit-date-unreadable]"));

        page.Find("input[aria-label='Entries from (UTC date)']").Change("");

        page.WaitForAssertion(() => Assert.Equal(["last moment", "first moment", "day before"], Subjects(page)));
        Assert.Equal("audit/entries.csv?actor=date%20tester&to=2026-03-03", page.Find("[data-testid=audit-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task ADayThatIsNoDate_IsSaid_AndTheListStaysFilteredAsItWas()
    {
        // Radzen reads text it cannot parse as an emptied field: every entry would have been listed without a word.
        using var culture = UiCulture.Use("en");
        await AppendAtAsync("2026-03-01T12:00:00Z", "day before");
        await AppendAtAsync("2026-03-02T12:00:00Z", "the day");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));
        page.Find("input[aria-label='Filter by actor']").Change("date tester");
        page.Find("input[aria-label='Entries from (UTC date)']").Change("2026-03-02");
        page.WaitForAssertion(() => Assert.Equal(["the day"], Subjects(page)));

        page.Find("input[aria-label='Entries from (UTC date)']").Change("2026-02-30");

        Assert.Equal(
            "“2026-02-30” is not a date: type it as yyyy-MM-dd (2026-12-05). The list is filtered as before.",
            page.Find("[data-testid=audit-date-unreadable]").TextContent.Trim());
        page.WaitForAssertion(() => Assert.Equal(["the day"], Subjects(page)));
        Assert.Contains("from=2026-03-02", page.Find("[data-testid=audit-export]").GetAttribute("href"), StringComparison.Ordinal);

        // A good date in the other field does not take back what is said of this one.
        page.Find("input[aria-label='Entries to (UTC date, included)']").Change("2026-03-09");

        page.WaitForAssertion(() => Assert.Contains("from=2026-03-02&to=2026-03-09", page.Find("[data-testid=audit-export]").GetAttribute("href"), StringComparison.Ordinal));
        Assert.StartsWith("“2026-02-30” is not a date", page.Find("[data-testid=audit-date-unreadable]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFirstDayAfterTheLast_IsSaidToMatchNothing()
    {
        using var culture = UiCulture.Use("en");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Entries from (UTC date)']").Change("2026-03-05");
        page.Find("input[aria-label='Entries to (UTC date, included)']").Change("2026-03-04");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tbody tr.rz-data-row")));
        Assert.Equal("The first day is after the last: no entry can match.", page.Find("[data-testid=audit-date-order]").TextContent.Trim());
    }

    [Fact]
    public async Task FiltersInTheAddress_AreTheListsFilters_FromTheStart()
    {
        using var culture = UiCulture.Use("en");
        await AppendAtAsync("2026-05-01T12:00:00Z", "day before");
        await AppendAtAsync("2026-05-02T12:00:00Z", "the day");
        await AppendAtAsync("2026-05-03T12:00:00Z", "day after");
        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?actor=date%20tester&from=2026-05-02&to=2026-05-02&site=hk");

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(["the day"], Subjects(page)));
        Assert.Equal("date tester", page.Find("input[aria-label='Filter by actor']").GetAttribute("value"));
        Assert.Equal("2026-05-02", page.Find("input[aria-label='Entries from (UTC date)']").GetAttribute("value"));
        Assert.Equal("audit/entries.csv?site=HK&actor=date%20tester&from=2026-05-02&to=2026-05-02", page.Find("[data-testid=audit-export]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=audit-address-unreadable]"));
    }

    [Fact]
    public async Task ChangingAFilter_PutsItInTheAddress_InPlaceOfTheHistoryEntry()
    {
        using var culture = UiCulture.Use("en");
        await AppendAtAsync("2026-05-02T12:00:00Z", "the day");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("audit");
        var page = Render<AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Filter by actor']").Change("date tester");
        page.Find("input[aria-label='Entries from (UTC date)']").Change("2026-05-02");

        page.WaitForAssertion(() => Assert.Equal("http://localhost/audit?actor=date%20tester&from=2026-05-02", navigation.Uri));
        // Each filter changed would otherwise have been a step of the browser's Back.
        Assert.All(navigation.History.Where(h => h.Uri.Contains('?', StringComparison.Ordinal)), h => Assert.True(h.Options.ReplaceHistoryEntry, h.Uri));

        page.Find("input[aria-label='Filter by actor']").Change("");
        page.WaitForAssertion(() => Assert.Equal("http://localhost/audit?from=2026-05-02", navigation.Uri));
    }

    [Theory]
    [InlineData("en", "audit?site=JP&actor=date%20tester", "The address holds a filter that cannot be read: There is no site 'JP'. The list is filtered by the others.")]
    [InlineData("en", "audit?from=2026-02-30&actor=date%20tester", "The address holds a filter that cannot be read: 'from' must be a date written yyyy-MM-dd; '2026-02-30' is not one. The list is filtered by the others.")]
    [InlineData("zh-Hant-HK", "audit?action=Nonsense&actor=date%20tester", "網址中有無法讀取的篩選條件：沒有「Nonsense」這個稽核動作。 清單依其他條件篩選。")]
    public async Task AValueInTheAddressThatNamesNothing_IsSaidOnThePage_AndTheOtherFiltersHold(string language, string address, string said)
    {
        using var culture = UiCulture.Use(language);
        await AppendAtAsync("2026-05-02T12:00:00Z", "the day");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo(address);

        var page = Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(said, page.Find("[data-testid=audit-address-unreadable]").TextContent.Trim()));
        Assert.NotEmpty(Subjects(page));
        Assert.All(page.FindAll("tbody tr.rz-data-row"), r => Assert.Equal("Date Tester", r.Children[2].TextContent.Trim()));

        // Changing a filter writes the address from the filters: the value that named nothing is gone, and so is what was said of it.
        page.Find($"input[aria-label='{OpsConsole.Localization.ConsoleTexts.T("Filter by actor")}']").Change("date");
        page.WaitForAssertion(() => Assert.Equal("http://localhost/audit?actor=date", navigation.Uri));
        Assert.Empty(page.FindAll("[data-testid=audit-address-unreadable]"));
    }

    private static List<string> Subjects(IRenderedComponent<AuditPage> page) =>
        [.. page.FindAll("tbody tr.rz-data-row").Select(r => r.Children[5].TextContent.Trim())];

    private Task AppendAtAsync(string at, string subject) => App.AppendAuditEntryAtAsync(at, new Actor("date-tester", "Date Tester"), "HK", subject);

    /// <summary>處理方式, how a restricted-goods rule handles a cart, was the audit log's word for what was done.</summary>
    [Fact]
    public void TheActionColumnAndFilter_InChinese_SayWhatWasDone()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        var titles = page.FindAll("th .rz-column-title").Select(t => t.TextContent.Trim()).ToList();
        var labels = page.FindAll(".ops-toolbar .rz-form-field-label").Select(l => l.TextContent.Trim()).ToList();

        Assert.Contains("動作", titles);
        Assert.Contains("動作", labels);
        Assert.DoesNotContain("處理方式", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Audit chain intact: ")]
    [InlineData("zh-Hant-HK", "稽核鏈完整：已驗證 ")]
    public void VerifyingTheChain_SaysSoInTheConsolesLanguage(string language, string expected)
    {
        using var culture = UiCulture.Use(language);
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.FindAll("button").Single(b => b.TextContent.Contains(OpsConsole.Localization.ConsoleTexts.T("Verify the chain"), StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.StartsWith(expected, page.Find("[data-testid=verification] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
    }
}
