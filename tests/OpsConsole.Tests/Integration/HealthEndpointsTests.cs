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

    [Fact]
    public async Task Readyz_WhenTheDatabaseFileIsNoLongerADatabase_IsNotHealthy()
    {
        using var broken = new OpsConsoleFactory();
        broken.Settings["DemoData:Enabled"] = "false";
        var client = broken.CreateBrowserLikeClient();
        Assert.Equal("Healthy", await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync());

        // The file is still there (a disk fault, a bad restore, a copy over it), but nothing can be read from it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(broken.DataDirectory, "opsconsole.db*"))
        {
            File.Delete(file);
        }

        await File.WriteAllTextAsync(Path.Combine(broken.DataDirectory, "opsconsole.db"), new string('x', 8192));

        var readyz = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.StartsWith("Unhealthy", await readyz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WhileAnotherProcessHoldsTheDatabaseExclusively_AnswersWithinItsProbeTimeout()
    {
        using var locked = new OpsConsoleFactory();
        locked.Settings["DemoData:Enabled"] = "false";
        var client = locked.CreateBrowserLikeClient();
        // It waited out SQLite's 30-second busy timeout; a bound far above the probe's own 2 s tells the two apart.
        client.Timeout = TimeSpan.FromSeconds(20);
        Assert.Equal("Healthy", await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(locked.DataDirectory, "opsconsole.db")}");
        await holder.OpenAsync();
        await using (var take = holder.CreateCommand())
        {
            // Exclusive locking mode keeps every other connection out, readers included, even in WAL mode.
            take.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM Releases;";
            await take.ExecuteScalarAsync();
        }

        var readyz = await client.GetAsync("/readyz");

        Assert.NotEqual("Healthy", await readyz.Content.ReadAsStringAsync());
    }
}
