using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A site's change requests list, rendered by bUnit over the real services and a real SQLite database.</summary>
public sealed class ChangeRequestListTests : ConsoleBunitContext
{
    public ChangeRequestListTests()
    {
        Services.AddSingleton(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton(App.Services.GetRequiredService<ChangeRequestService>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK")).SetClaims(new Claim(ClaimTypes.NameIdentifier, "hk-editor"));
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
}
