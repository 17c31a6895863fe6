using OpsConsole.Testing;

namespace OpsConsole.Tests.Cli;

/// <summary>The database verbs run as the real executable, on the data folder named by Storage__DataDirectory.</summary>
public sealed class DatabaseVerbTests : IDisposable
{
    private static readonly string Config = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "config.HK.json");
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("opsconsole-verbs-").FullName;

    private Dictionary<string, string?> Environment => new() { ["Storage__DataDirectory"] = dataDirectory, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

    [Fact]
    public async Task Import_BootstrapsV1Once_AndTheAuditChainVerifies()
    {
        var first = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var second = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var verify = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "audit", "verify");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Imported HK v1 (sha256:", first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already has releases", second.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("Audit chain intact: 1 entries verified.", verify.Output);
    }

    [Fact]
    public async Task Import_ForAnotherSitesFile_IsRefused()
    {
        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "TW", "--file", Config);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a configuration of HK, not TW", result.Error);
    }

    [Fact]
    public async Task AuditVerify_AfterTampering_ExitsOneNamingTheEntry()
    {
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDirectory, "opsconsole.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER AuditEntries_NoUpdate; UPDATE AuditEntries SET Details = '{}' WHERE Sequence = 1;";
            command.ExecuteNonQuery();
        }

        var verify = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "audit", "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("Audit chain broken at entry 1", verify.Error);
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
