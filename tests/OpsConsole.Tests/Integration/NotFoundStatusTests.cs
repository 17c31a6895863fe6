using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// An address that names nothing answers 404 at its first (prerendered) request, as the separate not-found page does, so
/// that link checkers, proxies and browsers' history see it for what it is; the page still says so in its own words.
/// </summary>
public sealed class NotFoundStatusTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public NotFoundStatusTests(OpsConsoleFactory factory) => this.factory = factory;

    [Fact]
    public async Task ChangeRequestPage_ForANumberTheSiteDoesNotHave_Answers404WithItsOwnText()
    {
        var client = await factory.SignedInClientAsync("hk-editor");

        var response = await client.GetAsync("/sites/HK/change-requests/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Change request not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("HK has no change request 999999.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRequestPage_ForAnotherSitesRequestUnderTheWrongSite_Answers404()
    {
        var created = (await factory.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Under HK")).Value!;
        var client = await factory.SignedInClientAsync("hk-editor");

        var wrongSite = await client.GetAsync($"/sites/TW/change-requests/{created.Id}");
        var rightSite = await client.GetAsync($"/sites/HK/change-requests/{created.Id}");

        Assert.Equal(HttpStatusCode.NotFound, wrongSite.StatusCode);
        Assert.Contains("TW has no change request", await wrongSite.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rightSite.StatusCode);
    }

    [Theory]
    [InlineData("/sites/JP/config")]
    [InlineData("/sites/JP/releases")]
    [InlineData("/sites/JP/change-requests")]
    [InlineData("/sites/JP/change-requests/1")]
    public async Task SitePages_ForAnUnknownSite_Answer404WithTheirOwnText(string path)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no site &quot;JP&quot;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sites/HK/config")]
    [InlineData("/sites/hk/releases")]
    [InlineData("/sites/HK/change-requests")]
    public async Task SitePages_ForAKnownSite_StillAnswer200(string path)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
