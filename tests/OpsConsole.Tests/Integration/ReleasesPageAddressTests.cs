using System.Net;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// The releases page's address names the pair it compares (<c>?a=1&amp;b=2</c>), and people pass such addresses on, trim
/// them and type them: whatever the query holds, the page is the site's release history.
/// </summary>
public sealed class ReleasesPageAddressTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public ReleasesPageAddressTests(OpsConsoleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("a=abc")]
    [InlineData("b=v2")]
    [InlineData("a=1.5&b=")]
    [InlineData("a=99999999999")]
    public async Task AQueryThatIsNoVersionNumber_ShowsTheHistory_NotAFailure(string query)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync($"/sites/HK/releases?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("This page could not be shown", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Release history\"", html, StringComparison.Ordinal);
    }
}
