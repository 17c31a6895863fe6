using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Configuration;
using OpsConsole.Features.Overview;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// Between the prerendered page and the live one, a page reads its data again. Until it has, it says it is reading, never
/// what an empty page would mean ("not found", "no release yet"). The database is real; only its opening is held back.
/// </summary>
public sealed class PageLoadingTests : ConsoleBunitContext
{
    private TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PageLoadingTests()
    {
        var factory = new GatedFactory(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>(), () => gate.Task);
        Services.AddSingleton<IDbContextFactory<OpsConsoleDbContext>>(factory);
        Services.AddSingleton(new ReleaseHistory(factory));
        Services.AddSingleton(new AuditChainVerifier(factory));
        Services.AddSingleton(App.Services.GetRequiredService<ChangeRequestService>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        Services.AddSingleton(App.Services.GetRequiredService<TimeProvider>());
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK")).SetClaims(new Claim(ClaimTypes.NameIdentifier, "hk-editor"));
    }

    [Fact]
    public void ChangeRequestPage_WhileReading_SaysSo_ThenWhatItFound()
    {
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, 404));

        Assert.DoesNotContain("not found", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Find("[data-testid=loading][role=status]"));

        gate.SetResult();
        page.WaitForAssertion(() => Assert.Contains("HK has no change request 404.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=loading]"));
    }

    [Fact]
    public void ReleasesPage_WhileReading_DoesNotSayTheSiteHasNoRelease()
    {
        var page = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));

        Assert.DoesNotContain("no release", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Find("[data-testid=loading][role=status]"));
        // Radzen's progress bars overwrite an aria-label attribute with their AriaLabel parameter ("Progress").
        Assert.StartsWith("Loading the ", page.Find("[data-testid=loading] [role=progressbar]").GetAttribute("aria-label"), StringComparison.Ordinal);

        gate.SetResult();
        page.WaitForAssertion(() => Assert.Contains("v1", page.Find("[aria-label='Release history']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=loading]"));
    }

    [Fact]
    public void ConfigurationPage_WhileReading_DoesNotSayTheSiteHasNoRelease()
    {
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));

        Assert.DoesNotContain("no release", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.Find("[data-testid=loading][role=status]"));
        // Radzen's progress bars overwrite an aria-label attribute with their AriaLabel parameter ("Progress").
        Assert.StartsWith("Loading the ", page.Find("[data-testid=loading] [role=progressbar]").GetAttribute("aria-label"), StringComparison.Ordinal);

        gate.SetResult();
        page.WaitForAssertion(() => Assert.Contains("v1", page.Find("[data-testid=current-release]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=loading]"));
    }

    [Fact]
    public void ConfigurationPage_OpenedForAnotherSite_DoesNotShowTheLastSitesReleaseWhileReading()
    {
        gate.SetResult();
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));
        page.WaitForAssertion(() => Assert.Contains("v1", page.Find("[data-testid=current-release]").TextContent, StringComparison.Ordinal));
        var hkRelease = page.Find("[data-testid=current-release]").TextContent;

        // The site menu keeps this component and changes its parameter; TW's release is not read yet.
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Render(p => p.Add(c => c.Site, "TW"));

        // HK's release, its hash and its download link stood under TW's heading until TW's was read.
        Assert.Contains("TW", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=current-release]"));
        Assert.NotNull(page.Find("[data-testid=loading][role=status]"));
        gate.SetResult();
        page.WaitForAssertion(() => Assert.NotEqual(hkRelease, page.Find("[data-testid=current-release]").TextContent));
    }

    [Fact]
    public void ChangeRequestList_WhileReading_DoesNotSayNoneMatch()
    {
        var page = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));

        Assert.DoesNotContain("No change requests match.", page.Markup, StringComparison.Ordinal);

        gate.SetResult();
        page.WaitForAssertion(() => Assert.Contains("No change requests match.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Overview_WhileReading_DoesNotSayTheEditorHasNoOpenChangeRequests()
    {
        var page = Render<Overview>();

        Assert.DoesNotContain("You have no open change requests.", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=loading][role=status]"));

        gate.SetResult();
        page.WaitForAssertion(() => Assert.Contains("You have no open change requests.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=loading]"));
    }

    [Fact]
    public void AuditLog_WhileReading_DoesNotSayNoEntriesMatch()
    {
        var page = Render<AuditPage>();

        Assert.DoesNotContain("No entries match.", page.Markup, StringComparison.Ordinal);

        gate.SetResult();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[aria-label='Audit entries'] td")));
        Assert.DoesNotContain("No entries match.", page.Markup, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        gate.TrySetResult();
        base.Dispose(disposing);
    }

    /// <summary>The app's database, opened only once the test lets it: the page's first render happens while it waits.</summary>
    private sealed class GatedFactory(IDbContextFactory<OpsConsoleDbContext> inner, Func<Task> gate) : IDbContextFactory<OpsConsoleDbContext>
    {
        public OpsConsoleDbContext CreateDbContext() => throw new InvalidOperationException("The pages open their database asynchronously.");

        public async Task<OpsConsoleDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            await gate().WaitAsync(cancellationToken);
            return await inner.CreateDbContextAsync(cancellationToken);
        }
    }
}
