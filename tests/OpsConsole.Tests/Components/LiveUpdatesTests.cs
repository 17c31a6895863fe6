using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsConsole.Components.Shared;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>
/// An open page follows changes made elsewhere; when it cannot (the database gone), it says so once instead of going on
/// as if it were current.
/// </summary>
public sealed class LiveUpdatesTests : ConsoleBunitContext
{
    public LiveUpdatesTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    /// <summary>The app's database, through a factory whose next read the test holds back: the page's reads go through it.</summary>
    private HeldDatabase HoldableDatabase()
    {
        var database = new HeldDatabase(App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsoleDbContext>>(database);
        Services.AddSingleton(new OpsConsole.Features.Releases.ReleaseHistory(database));
        return database;
    }

    /// <summary>
    /// The site menu keeps a page and changes its site. A change to the last site, read in while the new site's list was read,
    /// ended after it and listed the last site's change requests under this site's heading.
    /// </summary>
    [Fact]
    public async Task AListPointedAtAnotherSite_WhileAChangeToTheLastIsReadIn_ShowsOnlyTheNewSite()
    {
        using var culture = UiCulture.Use("en");
        var database = HoldableDatabase();
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => Assert.NotNull(list.Find("input[aria-label='Title of a new change request']")));

        Assert.True((await service.CreateAsync(Users.TwEditor, "TW", "A TW change")).Succeeded);

        await database.ReadInLateAsync(list,
            change: async () => Assert.True((await service.CreateAsync(Users.HkEditor, "HK", "An HK change")).Succeeded),
            meanwhile: () =>
            {
                list.Render(p => p.Add(c => c.Site, "TW"));
                list.WaitForAssertion(() => Assert.Contains("A TW change", list.Markup, StringComparison.Ordinal));
                return Task.CompletedTask;
            });

        Assert.Contains("A TW change", list.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("An HK change", list.Markup, StringComparison.Ordinal);
    }

    /// <summary>As the list above: the last site's release, read in after a publish, showed under this site's heading.</summary>
    [Fact]
    public async Task AConfigurationPagePointedAtAnotherSite_WhileAPublishToTheLastIsReadIn_ShowsOnlyTheNewSite()
    {
        using var culture = UiCulture.Use("en");
        var database = HoldableDatabase();
        var page = Render<OpsConsole.Features.Configuration.SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.Contains("FS-HK-CART-299", page.Markup, StringComparison.Ordinal));

        await database.ReadInLateAsync(page,
            change: PublishLowerHkThresholdAsync,
            meanwhile: () =>
            {
                page.Render(p => p.Add(c => c.Site, "TW"));
                page.WaitForAssertion(() => Assert.Contains("FS-TW-CART-990", page.Markup, StringComparison.Ordinal));
                return Task.CompletedTask;
            });

        Assert.Contains("FS-TW-CART-990", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("FS-HK-CART-299", page.Markup, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two changes one after the other are read in side by side; the first one's read, ending last, put the older work list
    /// over the newer one, and the overview went on without the second change.
    /// </summary>
    [Fact]
    public async Task TheOverview_FollowingTwoChangesReadInSideBySide_ShowsTheLater()
    {
        using var culture = UiCulture.Use("en");
        var database = HoldableDatabase();
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var overview = Render<OpsConsole.Features.Overview.Overview>();
        overview.WaitForAssertion(() => Assert.Contains("You have no open change requests.", overview.Markup, StringComparison.Ordinal));

        await database.ReadInLateAsync(overview,
            change: async () => Assert.True((await service.CreateAsync(Users.HkEditor, "HK", "First change")).Succeeded),
            meanwhile: async () =>
            {
                Assert.True((await service.CreateAsync(Users.HkEditor, "HK", "Second change")).Succeeded);
                overview.WaitForAssertion(() => Assert.Contains("Second change", overview.Markup, StringComparison.Ordinal));
            });

        Assert.Contains("First change", overview.Markup, StringComparison.Ordinal);
        Assert.Contains("Second change", overview.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListThatCannotFollowAChange_KeepsWhatItShows_AndSaysItMayBeOutOfDate()
    {
        using var culture = UiCulture.Use("en");
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Budget on v1")).Value!;
        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => Assert.Contains("Budget on v1", list.Markup, StringComparison.Ordinal));

        App.MakeDatabaseUnreadable();
        App.Services.GetRequiredService<WorkflowEvents>().Raise(new ChangeRequestChanged("HK", request.Id, ChangeRequestState.InReview));

        list.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
        var told = Services.GetRequiredService<NotificationService>().Messages.Single();
        Assert.Equal(NotificationSeverity.Warning, told.Severity);
        Assert.Equal("This page may be out of date", told.Summary);
        Assert.Contains("the database did not answer", told.Detail, StringComparison.Ordinal);
        Assert.Contains("Budget on v1", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeMadeBySomeoneWorkingInAnotherLanguage_IsShownInThisPagesLanguage()
    {
        // Workflow events are raised on the thread of whoever acted, in their language; the page brought up to date
        // rendered in it (a Chinese page turned English when an English-speaking colleague saved).
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        IRenderedComponent<ChangeRequestsPage> list;
        using (UiCulture.Use("zh-Hant"))
        {
            list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
            list.WaitForAssertion(() => Assert.Contains("新增變更申請", list.Markup, StringComparison.Ordinal));
        }

        await Task.Run(async () =>
        {
            using var english = UiCulture.Use("en");
            Assert.True((await service.CreateAsync(Users.HkEditor, "HK", "Saved in English")).Succeeded);
        });

        list.WaitForAssertion(() => Assert.Contains("Saved in English", list.Markup, StringComparison.Ordinal));
        Assert.Contains("新增變更申請", list.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("New change request", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefresh_RunsInThePagesLanguage_AndLeavesTheCallersAsItWas()
    {
        LiveUpdates live;
        using (UiCulture.Use("zh-Hant"))
        {
            live = new LiveUpdates(new NotificationService(), NullLogger<LiveUpdates>.Instance);
        }

        using var english = UiCulture.Use("en");
        string? during = null;
        await live.RefreshAsync("page", () =>
        {
            during = System.Globalization.CultureInfo.CurrentUICulture.Name;
            return Task.CompletedTask;
        });

        Assert.Equal("zh-Hant", during);
        Assert.Equal("en", System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    [Fact]
    public async Task TheUserIsToldOncePerOutage_AndAgainAfterAnUpdateSucceeded()
    {
        using var culture = UiCulture.Use("en");
        var notifications = new NotificationService();
        var live = new LiveUpdates(notifications, NullLogger<LiveUpdates>.Instance);
        static Task Fails() => throw new Microsoft.Data.Sqlite.SqliteException("unable to open database file", 14);
        static Task Bug() => throw new InvalidOperationException("a bug");

        await live.RefreshAsync("page", Fails);
        await live.RefreshAsync("page", Fails);
        Assert.Single(notifications.Messages);

        await live.RefreshAsync("page", () => Task.CompletedTask);
        await live.RefreshAsync("page", Bug);
        Assert.Equal(2, notifications.Messages.Count);
        Assert.Equal("Something changed elsewhere, and this page could not show it. Reload the page.", notifications.Messages.Last().Detail);
    }
}
