using System.Net;
using System.Text.RegularExpressions;
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
        Assert.Contains("warning freeShipping[", first.Output); // the example's one warning, as validate lists it
        Assert.Contains($"into {Path.Combine(dataDirectory, "opsconsole.db")}.", first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already has releases", second.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("Audit chain intact: 1 entry verified.", verify.Output);
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
        Execute(Path.Combine(dataDirectory, "opsconsole.db"), "DROP TRIGGER AuditEntries_NoUpdate; UPDATE AuditEntries SET Details = '{}' WHERE Sequence = 1;");

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
        Assert.Matches($@"Backed up to {Regex.Escape(backup)}: 4 releases, \d+ audit entries; integrity ok; ", result.Output);
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
    public async Task Backup_AndVerify_OfADatabaseAnOlderVersionLeft_LeaveItAsItWas()
    {
        // A database as the version before the last four migrations left it. The verbs migrated it first: the backup an
        // operator took with the new version before upgrading was already of the upgraded database.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Execute(database, """
            ALTER TABLE ChangeRequests DROP COLUMN SubmittedAt; ALTER TABLE ChangeRequests DROP COLUMN ProposalChangedAt; ALTER TABLE ChangeRequests DROP COLUMN ProposalChangedBy;
            ALTER TABLE ChangeRequests DROP COLUMN ProposalRevision;
            DROP INDEX IX_ApiKeys_ActiveName; ALTER TABLE ApiKeys DROP COLUMN ActiveName;
            DROP TABLE EndedSignIns;
            DELETE FROM __EFMigrationsHistory WHERE MigrationId IN ('20261204200000_ApiKeyActiveNames', '20261204210000_ChangeRequestProposalRevision', '20261210000000_ChangeRequestProposalChangeAndSubmission', '20261210010000_EndedSignIns');
            """);
        var backup = Path.Combine(dataDirectory, "before-upgrade.db");

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "backup", "--to", backup);
        var verify = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "audit", "verify");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(verify.ExitCode == 0, verify.Error);
        foreach (var file in new[] { database, backup })
        {
            Assert.Equal(0L, Scalar(file, "SELECT COUNT(*) FROM __EFMigrationsHistory WHERE MigrationId >= '20261204200000'"));
            Assert.Equal(0L, Scalar(file, "SELECT COUNT(*) FROM pragma_table_info('ApiKeys') WHERE name = 'ActiveName'"));
        }
    }

    [Fact]
    public async Task AVerbWhoseDatabaseCannotBeOpened_SaysSoAsTheVerb()
    {
        // It said "OpsConsole cannot start: ...", the server's words, to an operator who started no server.
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "opsconsole.db"), new string('x', 8192));

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "apikey", "create", "--name", "shop", "--sites", "HK");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("apikey create: the database ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot start", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_OfAnotherProgramsSQLiteDatabase_SaysSoInOneLine()
    {
        // A file that is not the console's database ended the verb with an unhandled SqliteException and its stack trace (exit 134).
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Execute(database, "CREATE TABLE Orders (Id INTEGER PRIMARY KEY);");
        var before = await File.ReadAllBytesAsync(database);

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^audit verify: {Regex.Escape(database)} cannot be read as the console's database: SQLite Error \d+: '[^\n]+'\.$", result.Error.Trim());
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    [Theory]
    [InlineData(0, "audit", "verify")]
    [InlineData(0, "backup", "--to", "{backups}/backup.db")]
    [InlineData(0, "apikey", "create", "--name", "x", "--sites", "HK")]
    [InlineData(0, "import", "--site", "HK", "--file", "{config}")]
    [InlineData(8192, "audit", "verify")]
    [InlineData(8192, "backup", "--to", "{backups}/backup.db")]
    [InlineData(8192, "apikey", "create", "--name", "x", "--sites", "HK")]
    [InlineData(8192, "import", "--site", "HK", "--file", "{config}")]
    public async Task Verb_OnAFileThatIsNoDatabase_RefusesItAndLeavesItAsItWas(int length, params string[] arguments)
    {
        // A 0-byte opsconsole.db (a failed copy, a `touch`) is an empty database to SQLite: apikey create and import migrated
        // it into a fresh console database and wrote a key or a release there, as if it were the console's.
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        await File.WriteAllTextAsync(database, new string('x', length));
        var backups = Directory.CreateDirectory(Path.Combine(dataDirectory, "backups")).FullName;
        arguments = [.. arguments.Select(a => a.Replace("{backups}", backups, StringComparison.Ordinal).Replace("{config}", Config, StringComparison.Ordinal))];
        var verb = arguments[0] is "audit" or "apikey" ? $"{arguments[0]} {arguments[1]}" : arguments[0];

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), arguments);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            $"{verb}: the database '{database}' " + (length == 0 ? "is an empty file (0 bytes), not a console database" : "is not a SQLite database"),
            result.Error,
            StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("ops_", result.Output, StringComparison.Ordinal);
        Assert.Equal(new string('x', length), await File.ReadAllTextAsync(database));
        Assert.Equal(["opsconsole.db"], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(backups));
    }

    [Theory]
    [InlineData("audit", "verify")]
    [InlineData("backup", "--to", "{backups}/backup.db")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ReadingVerb_OfAWalDatabaseInAReadOnlyFolder_SaysToCopyItOrMakeTheFolderWritable(params string[] arguments)
    {
        // SQLite creates opsconsole.db-shm and -wal beside a database in WAL mode (as the console leaves it) even to read it.
        // In a folder the verb's user cannot write (a mounted snapshot, the service account's data folder), audit verify said
        // the file "cannot be read as the console's database: SQLite Error 8: 'attempt to write a readonly database'".
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Assert.Equal("wal", Execute(database, "PRAGMA journal_mode"));
        Assert.Equal(["opsconsole.db"], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));
        var backups = Directory.CreateTempSubdirectory("opsconsole-verbs-backups-").FullName;
        File.SetUnixFileMode(backups, (UnixFileMode)0b111_111_111);
        arguments = [.. arguments.Select(a => a.Replace("{backups}", backups, StringComparison.Ordinal))];
        var verb = arguments[0] is "audit" ? "audit verify" : arguments[0];
        var info = AppBinary.AsAnotherUserWhenRoot(AppBinary.StartInfo(Environment, arguments));

        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b101_101_101);
        try
        {
            var result = await AppBinary.RunAsync(info, TimeSpan.FromSeconds(60));

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                $"{verb}: the database '{database}' is in WAL mode, which SQLite cannot read without creating opsconsole.db-shm and opsconsole.db-wal beside it, and it could not create them in {dataDirectory}. Nothing was written. Copy opsconsole.db to a folder this user can write and name that folder with Storage__DataDirectory, or make {dataDirectory} writable for this user.",
                result.Error.Trim());
            Assert.Equal(["opsconsole.db"], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFileSystemEntries(backups));
        }
        finally
        {
            File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_000_000);
            Directory.Delete(backups, recursive: true);
        }
    }

    [Theory]
    [InlineData("audit", "verify")]
    [InlineData("backup", "--to", "{backups}/backup.db")]
    [InlineData("apikey", "create", "--name", "x", "--sites", "HK")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Verb_OfAWalDatabaseThisUserCannotWrite_InAFolderTheyCan_RefusesAndLeavesNoFiles(params string[] arguments)
    {
        // A user who may read opsconsole.db but not write it, in a folder they may write: SQLite made opsconsole.db-shm and -wal
        // there to read it and left them, owned by that user (audit verify even said all was well), and the console's own user
        // could then no longer write through them.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Assert.Equal("wal", Execute(database, "PRAGMA journal_mode"));
        var backups = Directory.CreateTempSubdirectory("opsconsole-verbs-backups-").FullName;
        File.SetUnixFileMode(backups, (UnixFileMode)0b111_111_111);
        arguments = [.. arguments.Select(a => a.Replace("{backups}", backups, StringComparison.Ordinal))];
        var verb = arguments[0] is "backup" ? "backup" : $"{arguments[0]} {arguments[1]}";
        var whatToDo = verb is "apikey create"
            ? "Run this as the user the console runs as."
            : "Copy opsconsole.db to a folder this user can write and name that folder with Storage__DataDirectory, or run this as the user the console runs as.";
        File.SetUnixFileMode(database, (UnixFileMode)0b100_100_100);
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_111_111);
        try
        {
            var result = await AppBinary.RunAsync(AppBinary.AsAnotherUserWhenRoot(AppBinary.StartInfo(Environment, arguments)), TimeSpan.FromSeconds(60));

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(
                $"{verb}: the database '{database}' is in WAL mode and this user cannot write it: SQLite would create opsconsole.db-shm and opsconsole.db-wal beside it, owned by this user, and leave them there, where the console's own user could no longer write through them. Nothing was written. {whatToDo}",
                result.Error.Trim());
            Assert.DoesNotContain("ops_", result.Output, StringComparison.Ordinal);
            Assert.Equal(["opsconsole.db"], Directory.GetFileSystemEntries(dataDirectory).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFileSystemEntries(backups));
        }
        finally
        {
            File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_000_000);
            File.SetUnixFileMode(database, (UnixFileMode)0b110_000_000);
            Directory.Delete(backups, recursive: true);
        }
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
    [InlineData("--to=/no/such/folder/backup.db")]
    [InlineData("--to", "a.db", "--to=b.db")]
    public async Task Backup_WithoutAUsableTarget_SaysWhatIsWrong(params string[] arguments)
    {
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), ["backup", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("needs a value|unknown option --into|does not exist|--to is given more than once", result.Error);
        Assert.DoesNotContain(Directory.GetFiles(dataDirectory), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("audit", "verify")]
    [InlineData("backup", "--to", "backup.db")]
    [InlineData("apikey", "create", "--name", "x", "--sites", "HK")]
    public async Task Verb_WhereThereIsNoDatabase_SaysWhereItLookedAndCreatesNone(params string[] arguments)
    {
        var nowhere = Path.Combine(dataDirectory, "not-the-console");
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = nowhere, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        var result = await AppBinary.RunAsync(environment, TimeSpan.FromSeconds(60), arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"There is no console database at {Path.Combine(nowhere, "opsconsole.db")}.", result.Error);
        Assert.DoesNotContain("ops_", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(nowhere));
    }

    [Theory]
    [InlineData("import", "--site", "HK", "--file", "missing.json")]
    [InlineData("import", "--site", "XX", "--file", "missing.json")]
    [InlineData("import", "--help")]
    public async Task Import_ThatCannotImport_CreatesNoDatabase(params string[] arguments)
    {
        // An empty database left by a mistyped import would let `audit verify` report "intact, 0 entries" on it.
        var nowhere = Path.Combine(dataDirectory, "fresh");
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = nowhere, ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        var result = await AppBinary.RunAsync(environment, TimeSpan.FromSeconds(60), arguments);

        Assert.True(result.ExitCode is 0 or 1 or 2, result.Error);
        Assert.False(File.Exists(Path.Combine(nowhere, "opsconsole.db")), "an import that imported nothing created the database");
    }

    /// <summary>
    /// The README's way: the console started from a folder with no data setting (as `dotnet run` starts it from the
    /// project, in Development), then `apikey create` started from the same folder. Both must work on the one database
    /// there, wherever the executable lies; the verbs once read it beside the executable instead, and the key they made
    /// was refused by the console.
    /// </summary>
    [Fact]
    public async Task ApiKeyCreate_StartedLikeTheConsole_MakesAKeyTheConsoleAccepts()
    {
        var folder = dataDirectory;
        // No appsettings.Development.json in that folder to turn the warm-up off: it would only add 5 s.
        await using var console = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Api__WarmUp"] = "false" }, workingDirectory: folder);
        var verbInfo = AppBinary.StartInfo(new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, "apikey", "create", "--name", "readme", "--sites", "HK");
        verbInfo.WorkingDirectory = folder;

        var created = await AppBinary.RunAsync(verbInfo, TimeSpan.FromSeconds(60));

        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.TrimEnd().Split('\n')[^1].Trim();
        using var http = new HttpClient { BaseAddress = console.BaseAddress };
        using var read = new HttpRequestMessage(HttpMethod.Get, "api/v1/sites/HK/config") { Headers = { { "X-Api-Key", key } } };
        using var answer = await http.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1L, Scalar(Path.Combine(folder, "data", "opsconsole.db"), "SELECT COUNT(*) FROM ApiKeys WHERE Name = 'readme'"));
    }

    [Theory]
    [InlineData("> /dev/full", "No space left on device")]
    [InlineData(">&-", "Bad file descriptor")]
    public async Task ApiKeyCreate_WhoseOutputCannotBeWritten_RevokesTheKeyItCouldNotShow(string redirection, string cause)
    {
        // Written to a full disk, the verb ended with a stack trace (exit 134) and left a key in force that nobody ever saw;
        // with the output closed, it still did (.NET reports that write as access denied, not as an IOException).
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);

        var result = await AppBinary.RunAsync(Shell(redirection, "apikey", "create", "--name", "unseen", "--sites", "HK"), TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"The key 'unseen' could not be shown (the output could not be written: {cause}), so it is revoked. Create it again with the output going where it can be read.", result.Error.Trim().Split('\n')[^1]);
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Assert.Equal(1L, Scalar(database, "SELECT COUNT(*) FROM ApiKeys WHERE Name = 'unseen' AND RevokedAt IS NOT NULL"));
        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM ApiKeys WHERE RevokedAt IS NULL"));
        var verify = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.Error);
    }

    [Theory]
    [InlineData("| head -n 1")]
    [InlineData("2>&1 | tail -n 1")]
    public async Task ApiKeyCreate_ReadByAScript_GivesTheKeyOnWhicheverLineItTakes(string pipe)
    {
        // "| head -n 1" took "Created API key ..." and the key, two lines further down, went unseen yet stayed in force.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);

        var result = await AppBinary.RunAsync(Shell(pipe, "apikey", "create", "--name", "scripted", "--sites", "HK"), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Error);
        var key = result.Output.TrimEnd('\n');
        Assert.Matches("^ops_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(1L, Scalar(Path.Combine(dataDirectory, "opsconsole.db"), $"SELECT COUNT(*) FROM ApiKeys WHERE Name = 'scripted' AND KeyHash = '{OpsConsole.Api.ApiKeyStore.Hash(key)}' AND RevokedAt IS NULL"));
    }

    [Fact]
    public async Task ApiKeyCreate_PrintsTheKeyAloneOnTheOutput_AndWhatItIsOnTheErrorStream()
    {
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "apikey", "create", "--name", "alone", "--sites", "HK,TW");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches("^ops_[A-Za-z0-9_-]{43}\n$", result.Output);
        Assert.Matches(@"^Created API key 'alone' \(ops_[A-Za-z0-9_-]{8}…\) for HK,TW\. Store it now: it is shown only this once, on the output\. Send it as the X-Api-Key header\.$", result.Error.Trim());
    }

    [Theory]
    [InlineData("> /dev/full", "No space left on device")]
    [InlineData(">&-", "Bad file descriptor")]
    public async Task Import_WhoseSummaryCannotBeWritten_ExitsZeroForTheReleaseItMade(string redirection, string cause)
    {
        // The release was committed, then the line saying so could not be written and the verb exited 1: a script that
        // trusted the exit code and ran it again was told the site already has releases.
        var config = Path.Combine(dataDirectory, "config.HK.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Config))!;
        // Without the example's one warning, the summary is the verb's only output, and it comes after the commit.
        var freeShipping = json["freeShipping"]!.AsArray();
        while (freeShipping.Count > 1)
        {
            freeShipping.RemoveAt(1);
        }

        await File.WriteAllTextAsync(config, json.ToJsonString());

        var result = await AppBinary.RunAsync(Shell(redirection, "import", "--site", "HK", "--file", config), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Error);
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        Assert.Equal($"Imported HK v1 ({Execute(database, "SELECT Hash FROM Releases")}) into {database}. This line could not be written to the output ({cause}).", result.Error.Trim());
        Assert.Equal(1L, Scalar(database, "SELECT COUNT(*) FROM Releases WHERE Site = 'HK' AND Version = 1"));
    }

    [Fact]
    public async Task Import_WhoseWarningsCannotBeWritten_ImportsNothing()
    {
        // The warnings come before the release is made: the operator never saw what they were publishing, so nothing is.
        var result = await AppBinary.RunAsync(Shell("> /dev/full", "import", "--site", "HK", "--file", Config), TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("The output could not be written: No space left on device", result.Error.Trim());
        Assert.False(File.Exists(Path.Combine(dataDirectory, "opsconsole.db")));
    }

    [Theory]
    [InlineData("> /dev/full", "No space left on device")]
    [InlineData(">&-", "Bad file descriptor")]
    public async Task Backup_WhoseSummaryCannotBeWritten_ExitsZeroAndKeepsTheBackup(string redirection, string cause)
    {
        // The checked backup had its name when the summary failed: the verb exited 1, and with the output closed it even said
        // "The backup failed ... Nothing was written" of the file it had just written.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var backup = Path.Combine(dataDirectory, "backup.db");

        var result = await AppBinary.RunAsync(Shell(redirection, "backup", "--to", backup), TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches($@"^Backed up to {Regex.Escape(backup)}: 1 release, 1 audit entry; integrity ok; Audit chain intact[^\n]*\. This line could not be written to the output \({cause}\)\.$", result.Error.Trim());
        Assert.Equal(1L, Scalar(backup, "SELECT COUNT(*) FROM Releases"));
    }

    [Fact]
    public async Task Import_WhoseDatabaseCannotBeCreated_SaysSoAsTheVerb()
    {
        // It said "OpsConsole cannot start: ...", the server's words, to an operator who started no server.
        var file = Path.Combine(dataDirectory, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        var environment = new Dictionary<string, string?> { ["Storage__DataDirectory"] = Path.Combine(file, "data"), ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        var result = await AppBinary.RunAsync(environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"import: the database '{Path.Combine(file, "data", "opsconsole.db")}' cannot be", result.Error.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.DoesNotContain("cannot start", result.Error, StringComparison.Ordinal);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Backup_ToAFolder_SaysToNameAFileInIt()
    {
        // "backup --to /backups" said the folder "already exists; a backup never overwrites anything", as if it were a file.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "backups")).FullName;

        var result = await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "backup", "--to", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{folder} is a folder: name the backup's file in it, as {Path.Combine(folder, "opsconsole-")}<date>.db.", result.Error.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Backup_Interrupted_LeavesNothingBehind(string signal)
    {
        // Ctrl+C, or a scheduler's time limit, left the partial copy (as large as the database) and its journal beside the
        // target, one more at every attempt.
        await AppBinary.RunAsync(Environment, TimeSpan.FromSeconds(60), "import", "--site", "HK", "--file", Config);
        Execute(Path.Combine(dataDirectory, "opsconsole.db"), "CREATE TABLE Ballast (Data BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO Ballast SELECT randomblob(1000000) FROM n;");
        var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "backups")).FullName;
        var target = Path.Combine(folder, "interrupted.db");
        // On a busy machine this test may see the copy begin only as it ends, and the signal then comes after the backup
        // is written: such a run says nothing of an interruption, and is made again.
        for (var attempt = 1; ; attempt++)
        {
            using var backup = System.Diagnostics.Process.Start(AppBinary.StartInfo(Environment, "backup", "--to", target))!;
            var error = backup.StandardError.ReadToEndAsync();
            var output = backup.StandardOutput.ReadToEndAsync();
            while (Directory.GetFiles(folder, "*.partial").Length == 0 && !backup.HasExited)
            {
                await Task.Delay(10);
            }

            using (var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, backup.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await backup.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (backup.ExitCode == 0 && File.Exists(target) && attempt < 3)
            {
                File.Delete(target);
                continue;
            }

            Assert.True(backup.ExitCode == 1, await output + await error);
            Assert.Equal($"The backup was interrupted; nothing was written to {target}.", (await error).Trim());
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            return;
        }
    }

    /// <summary>The verb started by a shell that redirects or pipes its output as an operator's script would.</summary>
    private System.Diagnostics.ProcessStartInfo Shell(string redirection, params string[] arguments)
    {
        var info = AppBinary.StartInfo(Environment, arguments);
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, $"\"$0\" \"$@\" {redirection}");
        info.ArgumentList.Insert(0, "-c");
        info.FileName = "/bin/sh";
        return info;
    }

    private static long Scalar(string database, string sql) => (long)Execute(database, sql)!;

    /// <summary>Runs <paramref name="sql"/> on its own unpooled connection (no handle left open on the file) and returns its first value.</summary>
    private static object? Execute(string database, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
