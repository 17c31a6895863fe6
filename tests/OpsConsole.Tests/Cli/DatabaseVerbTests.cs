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

    [Fact]
    public async Task Backup_WhileTheConsoleRuns_IsACheckedCopyTheConsoleCanWorkOn()
    {
        using var console = new Infrastructure.OpsConsoleFactory();
        _ = console.Server; // the console, running on its data folder: demo releases for the four sites
        var backup = Path.Combine(dataDirectory, "opsconsole-backup.db");
        var consoleEnvironment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = console.DataDirectory, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        var result = await AppBinary.RunAsync(consoleEnvironment, TimeSpan.FromSeconds(60), "backup", "--to", backup);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Backed up to {backup}: 4 release(s)", result.Output);
        Assert.Contains("Audit chain intact", result.Output);
        Assert.Equal([Path.GetFileName(backup)], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));
        // Restored as a console's database, it holds the releases and verifies.
        var restored = Directory.CreateDirectory(Path.Combine(dataDirectory, "restored")).FullName;
        File.Copy(backup, Path.Combine(restored, "opsconsole.db"));
        var verify = await AppBinary.RunAsync(new Dictionary<string, string?> { ["Storage__DataDirectory"] = restored, ["ASPNETCORE_ENVIRONMENT"] = "Production" }, TimeSpan.FromSeconds(60), "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Equal(4L, Scalar(Path.Combine(restored, "opsconsole.db"), "SELECT COUNT(*) FROM Releases"));
    }

    [Fact]
    public async Task Backup_OntoAnExistingFile_IsRefusedAndTheFileIsKept()
    {
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var existing = Path.Combine(dataDirectory, "keep.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "backup", "--to", existing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already exists", result.Error);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
    }

    [Theory]
    [InlineData("--to")]
    [InlineData("--into", "x.db")]
    [InlineData("--to", "/no/such/folder/backup.db")]
    public async Task Backup_WithoutAUsableTarget_SaysWhatIsWrong(params string[] arguments)
    {
        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), ["backup", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("needs a value|unknown option --into|does not exist", result.Error);
        Assert.DoesNotContain(Directory.GetFiles(dataDirectory), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
