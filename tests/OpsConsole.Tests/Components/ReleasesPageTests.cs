using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A site's release history, rendered by bUnit over the real services and a real SQLite database.</summary>
public sealed class ReleasesPageTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ReleasesPageTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkEditor();
    }

    [Fact]
    public async Task AfterAnEmergencyRollback_OnlyAReleaseWithAnotherConfigurationOffersARollback()
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync();
        Succeeded(await service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "checkout broken")); // v3: v1's configuration

        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[aria-label='Propose rollback to v2']")));
        Assert.Empty(page.FindAll("[aria-label='Propose rollback to v1']"));
        Assert.Empty(page.FindAll("[aria-label='Propose rollback to v3']"));
    }

    [Fact]
    public async Task AnotherSitesReleases_OpenedFromTheNavigation_StartWithoutTheLastSitesEmergencyRollback()
    {
        using var culture = UiCulture.Use("en");
        SignInAsAdmin();
        await PublishLowerHkThresholdAsync(); // HK v2, so HK's form offers v1
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[aria-label='Reason for the emergency rollback']")));
        page.Find("input[aria-label='Reason for the emergency rollback']").Input("HK checkout broken");

        // The site menu keeps this component and changes its parameter. The HK reason stayed typed in TW's form.
        page.Render(p => p.Add(c => c.Site, "TW"));

        page.WaitForAssertion(() => Assert.Contains("TW", page.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("HK checkout broken", page.Markup, StringComparison.Ordinal);
    }

    /// <summary>The box stopped taking characters at 1,000 without a word, where the reason for rejecting counts them.</summary>
    [Fact]
    public async Task TheEmergencyRollbacksReason_ShowsItsCountNearTheLimit()
    {
        using var culture = UiCulture.Use("en");
        SignInAsAdmin();
        await PublishLowerHkThresholdAsync();
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[aria-label='Reason for the emergency rollback']")));
        Assert.Equal("1000", page.Find("input[aria-label='Reason for the emergency rollback']").GetAttribute("maxlength"));

        page.Find("input[aria-label='Reason for the emergency rollback']").Input("HK checkout broken");
        Assert.Equal("", page.Find("[data-testid=emergency-reason-count]").TextContent);

        page.Find("input[aria-label='Reason for the emergency rollback']").Input(new string('x', 950));
        Assert.Equal("950 of 1,000 characters", page.Find("[data-testid=emergency-reason-count]").TextContent);
    }

    [Fact]
    public async Task AChosenComparison_StaysWhenSomeoneElsePublishes()
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync(); // v2
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("sites/HK/releases?a=1&b=1");
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.Contains("These two releases have the same configuration.", page.Markup, StringComparison.Ordinal));

        await PublishHkAsync("Another change", json => json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 199m); // v3

        // The page follows the publish (v3 is listed) and keeps v1 → v1; it used to jump to v2 → v3.
        page.WaitForAssertion(() => Assert.Contains("v3", page.Find("[aria-label='Release history']").TextContent, StringComparison.Ordinal));
        Assert.Contains("These two releases have the same configuration.", page.Markup, StringComparison.Ordinal);
    }

    /// <summary>
    /// A publish read the list again while the user picked a pair: the read finishing after the pick put its own pair (the
    /// newest two) over the one the user chose and the address names, or compared a pair half of each.
    /// </summary>
    [Fact]
    public async Task APairPicked_WhileAPublishIsBeingReadIn_IsThePairShown()
    {
        using var culture = UiCulture.Use("en");
        var database = new HeldDatabase(App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>());
        Services.AddSingleton(new ReleaseHistory(database));
        await PublishLowerHkThresholdAsync(); // v2
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.Contains("v1 → v2", page.Find("[data-testid=diff] caption").TextContent, StringComparison.Ordinal));

        await database.ReadInLateAsync(page,
            change: () => PublishHkAsync("Another change", json => json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 199m), // v3
            meanwhile: () =>
            {
                Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("sites/HK/releases?a=1&b=3", replace: true);
                page.WaitForAssertion(() => Assert.Contains("v1 → v3", page.Find("[data-testid=diff] caption").TextContent, StringComparison.Ordinal));
                return Task.CompletedTask;
            });
        Assert.Contains("v1 → v3", page.Find("[data-testid=diff] caption").TextContent, StringComparison.Ordinal);
        Assert.Contains("HK$199", page.Find("[data-testid=diff]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeRollback_ClickedAgainBeforeTheFirstAnswers_ProposesOneRollback()
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync(); // v2, so v1 offers a rollback
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[aria-label='Propose rollback to v1']")));

        // A double click: the second click reaches the server while the first is still proposing (or has just sent the
        // browser to its change request, which it has not reached yet). Each made a change request.
        var first = page.Find("[aria-label='Propose rollback to v1']").ClickAsync(new());
        var second = page.Find("[aria-label='Propose rollback to v1']").ClickAsync(new());
        await Task.WhenAll(first, second);

        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Single(db.ChangeRequests.Where(c => c.Site == "HK" && c.Title == "Roll back to v1"));
    }

    [Theory]
    [InlineData("en", "sites/HK/releases?a=1&b=99", "HK has no release v99: the comparison shows v1 → v2.")]
    [InlineData("en", "sites/HK/releases?a=abc", "HK has no release abc: the comparison shows v1 → v2.")]
    [InlineData("zh-Hant-HK", "sites/HK/releases?a=7&b=2", "HK 沒有版本 v7，比較顯示 v1 → v2。")]
    public async Task AnAddressNamingNoRelease_SaysSo_AndWhichPairItShowsInstead(string language, string address, string said)
    {
        using var culture = UiCulture.Use(language);
        await PublishLowerHkThresholdAsync(); // v2
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(address);

        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));

        // It compared another pair without a word: a link to "v3 → v99" showed v1 → v2 (or "the same configuration") as if
        // that were what was asked.
        page.WaitForAssertion(() => Assert.Equal(said, page.Find("[data-testid='compare-missing']").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid='diff'] tbody tr"));
    }

    [Theory]
    [InlineData("sites/HK/releases?a=2&b=1")]
    [InlineData("sites/HK/releases?a=v2&b=V1")] // as the page writes versions
    public async Task AnAddressNamingReleases_ComparesThem_SayingNothingIsMissing(string address)
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync(); // v2
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(address);

        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='diff'] tbody tr")));
        Assert.Equal("v2 → v1", page.Find("[data-testid='diff']").GetAttribute("aria-label"));
        Assert.Empty(page.FindAll("[data-testid='compare-missing']"));
    }

    [Fact]
    public async Task AnEmergencyRollbackTarget_ThatAnotherTabMadeCurrent_IsNoLongerChosenOutOfSight()
    {
        using var culture = UiCulture.Use("en");
        SignInAsAdmin();
        await PublishLowerHkThresholdAsync(); // v2, so v1 is offered
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[aria-label='Reason for the emergency rollback']")));
        var target = page.FindComponents<Radzen.Blazor.RadzenDropDown<int?>>().Single();
        await page.InvokeAsync(() => target.Instance.ValueChanged.InvokeAsync(1));
        page.Find("input[aria-label='Reason for the emergency rollback']").Input("HK checkout broken");
        Assert.False(page.Button("Roll back now").IsUnavailable());

        // Another administrator (or the same one in another tab) rolls back to v1 first: v3 has v1's configuration.
        Succeeded(await service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "checkout broken"));

        // The list no longer offers v1 and the field showed none, while v1 stayed chosen behind it: Roll back now asked
        // to publish v1's configuration, which nothing on the page showed.
        page.WaitForAssertion(() => Assert.Contains("v3", page.Find("[aria-label='Release history']").TextContent, StringComparison.Ordinal));
        Assert.Null(target.Instance.Value);
        Assert.True(page.Button("Roll back now").IsUnavailable());
    }

    [Fact]
    public void AThousandReleases_ThePageRendersAPageOfTheHistory_AndNotEveryVersionThreeTimesOver()
    {
        using var culture = UiCulture.Use("en");
        AddReleases("HK", upTo: 1000);

        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.Contains("v1000", page.Find("[aria-label='Release history']").TextContent, StringComparison.Ordinal));
        Assert.Equal(10, page.FindAll("[aria-label='Release history'] tbody tr").Count);
        Assert.NotEmpty(page.FindAll("[aria-label='Release history'] .rz-pager"));
        // The From and To lists (and an administrator's emergency rollback list) held every version in the page: 1,000
        // items each, 0.8 MB of markup per page and per circuit. Each renders a window of them now (at most 100 before the
        // browser says how many are in view).
        var items = page.FindAll(".rz-dropdown-item").Count;
        Assert.True(items <= 200, $"{items} version items rendered for two lists");
    }

    /// <summary>Releases v2 to <paramref name="upTo"/> of <paramref name="site"/>, each v1's configuration, straight into the database.</summary>
    private void AddReleases(string site, int upTo)
    {
        using var db = App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContext();
        var first = db.Releases.Single(r => r.Site == site && r.Version == 1);
        db.Releases.AddRange(Enumerable.Range(2, upTo - 1).Select(v => new OpsConsole.Persistence.Release
        {
            Site = site, Version = v, ConfigJson = first.ConfigJson, Hash = first.Hash, Title = $"Change {v}", AuthorId = "hk-editor", AuthorName = "Hana Ho",
            Approvers = "Kelvin Chan", PublishedById = "hk-approver", PublishedByName = "Kelvin Chan", PublishedAt = first.PublishedAt.AddMinutes(v),
        }));
        db.SaveChanges();
    }
}
