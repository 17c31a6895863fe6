using System.Net;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

public sealed class HealthEndpointsTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public HealthEndpointsTests(OpsConsoleFactory factory) => this.factory = factory;

    /// <summary>
    /// A console of its own, without demo data (so no release is in memory to be Degraded with), ready before the test
    /// breaks its database. The client waits 20 s: far above the probe's own 2 s, far below SQLite's 30 s busy timeout.
    /// </summary>
    private static async Task<(OpsConsoleFactory Console, HttpClient Client)> ReadyConsoleAsync()
    {
        var console = new OpsConsoleFactory();
        console.Settings["DemoData:Enabled"] = "false";
        var client = console.CreateBrowserLikeClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        Assert.Equal("Healthy", await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync());
        TestDatabases.CloseConsoleDatabase(console.DataDirectory);
        return (console, client);
    }

    /// <summary>Removes the database file and its journals, as a disk fault or a bad restore would.</summary>
    private static string RemoveDatabase(OpsConsoleFactory console)
    {
        foreach (var file in Directory.GetFiles(console.DataDirectory, "opsconsole.db*"))
        {
            File.Delete(file);
        }

        return Path.Combine(console.DataDirectory, "opsconsole.db");
    }

    /// <summary>
    /// The README tells operators to set AllowedHosts to the console's name; probes (an orchestrator, a load balancer, curl
    /// on the host) address the process by its IP or localhost, and were answered 400 "Invalid Hostname".
    /// </summary>
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probes_AnswerWhateverTheHost_WhenAllowedHostsNamesTheConsole(string path)
    {
        using var console = new OpsConsoleFactory { Settings = { ["AllowedHosts"] = "ops.example.com" } };
        var client = console.CreateBrowserLikeClient();

        var probe = await client.GetAsync(path);
        var page = await client.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("Healthy", await probe.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

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
        var (broken, client) = await ReadyConsoleAsync();
        using var _ = broken;

        // A directory where the database file should be: SQLite cannot open it.
        Directory.CreateDirectory(RemoveDatabase(broken));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Readyz_WhenTheDatabaseFileIsNoLongerADatabase_IsNotHealthy()
    {
        var (broken, client) = await ReadyConsoleAsync();
        using var _ = broken;

        // The file is still there (a disk fault, a bad restore, a copy over it), but nothing can be read from it.
        await File.WriteAllTextAsync(RemoveDatabase(broken), new string('x', 8192));

        var readyz = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.StartsWith("Unhealthy", await readyz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_WhileAnotherProcessHoldsTheDatabaseExclusively_AnswersWithinItsProbeTimeout()
    {
        // It waited out SQLite's 30-second busy timeout, past the client's 20 s.
        var (locked, client) = await ReadyConsoleAsync();
        using var _ = locked;
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
