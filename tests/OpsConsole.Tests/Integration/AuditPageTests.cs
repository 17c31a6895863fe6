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
}
