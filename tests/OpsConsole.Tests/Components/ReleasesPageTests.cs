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
}
