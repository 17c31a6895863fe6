using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A site's change requests list, rendered by bUnit over the real services and a real SQLite database.</summary>
public sealed class ChangeRequestListTests : ConsoleBunitContext
{
    public ChangeRequestListTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    [Fact]
    public async Task OpenRequestOnAnOlderRelease_IsMarkedOutOfDate()
    {
        using var culture = UiCulture.Use("en");
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var older = (await service.CreateAsync(Users.HkEditor, "HK", "Budget on v1")).Value!;
        await PublishLowerHkThresholdAsync();

        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));

        list.WaitForAssertion(() => Assert.Contains("Budget on v1", list.Markup, StringComparison.Ordinal));
        var marker = Assert.Single(list.FindAll("[data-testid=list-outdated]"));
        Assert.Equal("out of date", marker.TextContent);
        Assert.Equal("HK is now at v2", marker.GetAttribute("title"));
        Assert.Contains($"CR-{older.Id}", marker.Closest("tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewChangeRequest_UntilATitleIsTyped_IsMarkedNotDisabled_AndCreatesNothing()
    {
        using var culture = UiCulture.Use("en");
        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => list.Find("input[aria-label='Title of a new change request']"));

        var before = await CountAsync();

        Assert.Equal("true", list.Button("New change request").GetAttribute("aria-disabled"));
        Assert.False(list.Button("New change request").HasAttribute("disabled"));
        list.Button("New change request").Click();
        Assert.Equal(before, await CountAsync());

        // Zero-width spaces are not whitespace to string.IsNullOrWhiteSpace, and the service refuses them as a title.
        list.Find("input[aria-label='Title of a new change request']").Input("\u200B\u200B");
        Assert.True(list.Button("New change request").IsUnavailable());

        list.Find("input[aria-label='Title of a new change request']").Input("Lower the cart threshold");
        Assert.False(list.Button("New change request").IsUnavailable());
    }

    [Fact]
    public async Task AnotherSitesList_OpenedFromTheNavigation_StartsWithoutTheLastSitesFilters()
    {
        using var culture = UiCulture.Use("en");
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "HK change"));
        Succeeded(await service.CreateAsync(Users.TwEditor, "TW", "TW change"));
        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => Assert.Contains("HK change", list.Markup, StringComparison.Ordinal));
        list.Find("li[aria-label='Hana Ho']").Click();
        list.Find("input[aria-label='Filter by title']").Input("HK");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("tbody a[href*='/change-requests/']"), a => a.TextContent == "HK change"));

        // The page stays the same component when the site menu opens another site's list: only its parameter changes.
        // TW's authors do not include Hana Ho, so her name was not even shown in the filter that hid TW's whole list.
        list.Render(p => p.Add(c => c.Site, "TW"));

        list.WaitForAssertion(() => Assert.Single(list.FindAll("tbody a[href*='/change-requests/']"), a => a.TextContent == "TW change"));
        Assert.Empty(list.Find("input[aria-label='Filter by title']").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task ATitleTheConsoleWrote_IsFoundByTheWordsShown_InEitherLanguage()
    {
        await PublishLowerHkThresholdAsync();
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var rollback = Succeeded(await service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Budget for December"));

        using (UiCulture.Use("zh-Hant"))
        {
            var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
            list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("tbody a[href$='/change-requests/" + rollback.Id + "']").Count));

            // Shown as 回復至 v1, stored as "Roll back to v1": what a Chinese reader types is what the list shows.
            list.Find("input[aria-label='依標題篩選']").Input("回復");
            list.WaitForAssertion(() => Assert.Equal(["回復至 v1"], TitlesShown(list)));

            // The stored words still find it, as they do for someone reading the list in English.
            list.Find("input[aria-label='依標題篩選']").Input("roll back");
            list.WaitForAssertion(() => Assert.Equal(["回復至 v1"], TitlesShown(list)));
        }

        using (UiCulture.Use("en"))
        {
            var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
            list.WaitForAssertion(() => Assert.Equal(2, TitlesShown(list).Count));
            list.Find("input[aria-label='Filter by title']").Input("回復");
            list.WaitForAssertion(() => Assert.Empty(TitlesShown(list)));
        }
    }

    [Fact]
    public async Task SortedByTitle_ATitleTheConsoleWrote_TakesItsPlaceByTheWordsShown()
    {
        await PublishLowerHkThresholdAsync();
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        Succeeded(await service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Zone surcharges"));
        using var culture = UiCulture.Use("zh-Hant");
        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => Assert.Equal(2, TitlesShown(list).Count));

        list.FindAll("th").Single(th => th.TextContent.Trim() == "標題").QuerySelector("div")!.Click();

        // Stored, the rollback is "Roll back to v1", which sorted before "Zone surcharges" although the list shows 回復至 v1.
        list.WaitForAssertion(() => Assert.Equal("回復至 v1", TitlesShown(list)[^1]));
        Assert.Equal(TitlesShown(list).Order(StringComparer.CurrentCulture), TitlesShown(list));
    }

    private static List<string> TitlesShown(IRenderedComponent<ChangeRequestsPage> list) =>
        [.. list.FindAll("tbody a[href*='/change-requests/']").Where(a => !a.TextContent.StartsWith("CR-", StringComparison.Ordinal)).Select(a => a.TextContent)];

    private async Task<int> CountAsync()
    {
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ChangeRequests);
    }
}
