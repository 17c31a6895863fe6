using System.Net;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

public sealed class HealthEndpointsTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public HealthEndpointsTests(OpsConsoleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_AnsweredWithoutSignIn_WhenDatabaseReachable(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WhenDatabaseFileIsGoneAndNoReleaseInMemory_ReportsUnhealthyButHealthzStaysAlive()
    {
        using var broken = new OpsConsoleFactory();
        broken.Settings["DemoData:Enabled"] = "false";
        var client = broken.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        // A directory where the database file should be: SQLite cannot open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var db = Path.Combine(broken.DataDirectory, "opsconsole.db");
        foreach (var file in Directory.GetFiles(broken.DataDirectory, "opsconsole.db*"))
        {
            File.Delete(file);
        }

        Directory.CreateDirectory(db);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
