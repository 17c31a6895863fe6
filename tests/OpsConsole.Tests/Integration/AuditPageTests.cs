using System.Net;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>The audit log page as a person opens it: the newest entries are there at once, without touching a filter.</summary>
public sealed class AuditPageTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public AuditPageTests(OpsConsoleFactory factory) => this.factory = factory;

    [Fact]
    public async Task OpeningTheAuditLog_ShowsTheNewestEntries()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/audit"));

        // The viewer's own sign-in is the newest entry; the demo releases' imports came before it.
        Assert.Contains("SignIn", html, StringComparison.Ordinal);
        Assert.Contains("ReleaseImported", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No entries match.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFiltersInTheAddress_FilterTheFirstResponse()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/audit?action=ReleaseImported"));

        var rows = html[html.IndexOf("aria-label=\"Audit entries\"", StringComparison.Ordinal)..];
        Assert.Contains("ReleaseImported", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("SignIn", rows, StringComparison.Ordinal);
        Assert.Contains("audit/entries.csv?action=ReleaseImported", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/audit?site=JP", "There is no site 'JP'.")]
    [InlineData("/audit?from=yesterday", "'from' must be a date written yyyy-MM-dd; 'yesterday' is not one.")]
    [InlineData("/audit?site=HK&site=TW", "'site' is given 2 times; give it once.")]
    public async Task AFilterInTheAddressThatNamesNothing_IsSaidOnThePage_NotAFailure(string address, string said)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The address holds a filter that cannot be read: " + said, html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Audit entries\"", html, StringComparison.Ordinal);
    }
}
