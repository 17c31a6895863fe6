using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>An audit entry's subject leads to what it names.</summary>
public sealed class AuditSubjectTests : ConsoleBunitContext
{
    public AuditSubjectTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    [Theory]
    [InlineData("HK", "CR-12", "sites/HK/change-requests/12")]
    [InlineData("tw", "CR-3", "sites/TW/change-requests/3")]
    [InlineData("SG", "v7", "sites/SG/releases?a=6&b=7")]
    [InlineData("MY", "v1", "sites/MY/releases")]
    [InlineData("HK", "checkout key", null)] // a key's name
    [InlineData("HK", "HK", null)] // a site's settings
    [InlineData(null, "CR-12", null)]
    [InlineData("JP", "CR-12", null)]
    [InlineData("HK", "CR-", null)]
    [InlineData("HK", "CR-0", null)]
    [InlineData("HK", "v-1", null)]
    [InlineData("HK", "v99999999999", null)]
    [InlineData("HK", "CR-１２", null)] // full-width digits are no id
    [InlineData("HK", null, null)]
    public void Href_LeadsToTheChangeRequestOrToWhatTheReleaseChanged(string? site, string? subject, string? expected) =>
        Assert.Equal(expected, AuditSubject.Href(site, subject));

    [Fact]
    public async Task TheAuditLog_LinksAChangeRequestsEntriesToItsPage()
    {
        var request = (await App.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Linked from the audit log")).Value!;
        var page = Render<AuditPage>();

        page.WaitForAssertion(() =>
        {
            var link = page.FindAll("tbody tr.rz-data-row td a").Single(a => a.TextContent == $"CR-{request.Id}");
            Assert.Equal($"sites/HK/change-requests/{request.Id}", link.GetAttribute("href"));
        });
        Assert.Contains(page.FindAll("tbody tr.rz-data-row td a"), a => a.TextContent == "v1" && a.GetAttribute("href") == "sites/HK/releases");
    }
}
