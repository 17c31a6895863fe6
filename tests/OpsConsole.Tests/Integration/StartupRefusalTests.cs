using OpsConsole.Auth;
using OpsConsole.Infrastructure;
using OpsConsole.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OpsConsole.Tests.Integration;

/// <summary>What an operator sees when the console must not start: one clear line, exit code 1.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("opsconsole-startup-").FullName;

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_OutsideDevelopmentWithoutOidcAuthority_RefusesNamingTheSetting(string environment)
    {
        var (exitCode, _, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["Storage__DataDirectory"] = dataDirectory },
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("Authentication:Oidc:Authority is not set", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Start_WhenDatabaseCannotBeOpened_RefusesNamingFileAndCause()
    {
        // The database path is taken by a folder, so SQLite cannot open it as a file.
        var databasePath = Path.Combine(dataDirectory, "opsconsole.db");
        Directory.CreateDirectory(databasePath);

        var (exitCode, _, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, error);
        Assert.Contains($"the database '{databasePath}' cannot be opened or migrated", error);
        Assert.Contains("SQLite Error", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>
    /// A file that is not a database (a bad restore): the refusal came after EF's own log of the failed command, its SQL
    /// and all, so the operator read four lines of someone else's words before the one that says what is wrong.
    /// </summary>
    [Fact]
    public async Task Start_OnAFileThatIsNotADatabase_PrintsTheRefusalAlone()
    {
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "opsconsole.db"), "not a database, but a file that was copied in its place by mistake\n" + new string('x', 4096));

        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, error);
        Assert.Contains($"the database '{Path.Combine(dataDirectory, "opsconsole.db")}' is not a SQLite database", error, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>
    /// An empty file where the database should be (a failed copy, a `touch`, the wrong folder): SQLite takes it for an empty
    /// database, and the console made a fresh one of it and served an empty console as if nothing were wrong.
    /// </summary>
    [Fact]
    public async Task Start_OnAnEmptyDatabaseFile_RefusesAndLeavesItEmpty()
    {
        var databasePath = Path.Combine(dataDirectory, "opsconsole.db");
        await File.WriteAllBytesAsync(databasePath, []);

        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
            TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 1, error);
        Assert.StartsWith($"OpsConsole cannot start: the database '{databasePath}' is an empty file (0 bytes), not a console database", error, StringComparison.Ordinal);
        Assert.Contains("to start a new console there instead, remove the file.", error, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(0, new FileInfo(databasePath).Length);
        Assert.Equal(["opsconsole.db"], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));
    }

    /// <summary>
    /// Started on an address another process listens on (a second console, another service's port): the host logged "Hosting
    /// failed to start" with Kestrel's stack trace, then the runtime printed it again as an unhandled exception, and neither
    /// said what to do.
    /// </summary>
    [Fact]
    public async Task Start_OnAnAddressAnotherProcessListensOn_SaysWhichAndWhatToDo_WithoutAStackTrace()
    {
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)other.LocalEndpoint).Port}";

        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory },
            TimeSpan.FromSeconds(60),
            "--urls", address);

        Assert.True(exitCode == 1, error);
        Assert.Equal(
            $"OpsConsole cannot start: {address} is already in use by another process, so the console cannot listen there. Nothing was served. Start the console on another address (--urls http://127.0.0.1:5081, or ASPNETCORE_URLS), or stop the process that listens on {address} first.",
            error.Trim());
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Started by a service account on port 80 (or 443): Linux keeps ports below 1024 for privileged processes, and Kestrel's
    /// bare "Permission denied" came with the host's log, its stack trace and the runtime's again, naming neither the port nor
    /// a way out. localhost is two addresses (IPv4's and IPv6's loopback), whose failures Kestrel throws together.
    /// </summary>
    [Theory]
    [InlineData("http://0.0.0.0:80", "0.0.0.0:80")]
    [InlineData("http://localhost:80", "127.0.0.1:80")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_OnAPrivilegedPortAsAnUnprivilegedUser_SaysWhichPortAndWhatToDo_WithoutAStackTrace(string url, string address)
    {
        var unprivilegedPorts = int.Parse(await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_unprivileged_port_start"));
        Assert.True(unprivilegedPorts > 80, $"This machine lets every user listen on ports from {unprivilegedPorts} up, so port 80 is not refused.");
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_111_111);
        var (info, certificates) = ProductionStartAsAnotherUser(url);
        try
        {
            var (exitCode, output, error) = await AppBinary.RunAsync(info, TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, error);
            var user = Environment.IsPrivilegedProcess ? "nobody" : Environment.UserName;
            Assert.Equal(
                $"OpsConsole cannot start: {address}: ports below 1024 are kept for privileged processes, and the console runs as the user {user}, so it cannot listen on port 80. Nothing was served. Start the console on a port from 1024 up (--urls http://0.0.0.0:5080) behind a reverse proxy that listens on 80, or give it the right to take such a port (setcap cap_net_bind_service=+ep on its executable, or AmbientCapabilities=CAP_NET_BIND_SERVICE in its systemd unit).",
                error.Trim());
            Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
    }

    /// <summary>An address this machine does not have (a copied unit file, a changed network): Kestrel's bare "Cannot assign requested address".</summary>
    [Fact]
    public async Task Start_OnAnAddressThisMachineDoesNotHave_SaysSoAndWhatToDo_WithoutAStackTrace()
    {
        // 192.0.2.0/24 is for documentation (RFC 5737): no machine has an address in it.
        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory },
            TimeSpan.FromSeconds(60),
            "--urls", "http://192.0.2.1:5080");

        Assert.True(exitCode == 1, error);
        Assert.Equal(
            "OpsConsole cannot start: 192.0.2.1:5080 is not an address of this machine, so the console cannot listen there. Nothing was served. Start the console on an address this machine has (--urls http://127.0.0.1:5080 for this machine alone, http://0.0.0.0:5080 for all of its addresses; `ip address` lists them).",
            error.Trim());
        Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// A host name in --urls, here one that can stand for nothing (RFC 6761): Kestrel looks no name up and listened on every
    /// address of this machine instead, saying so only as "Now listening on: http://[::]:5080".
    /// </summary>
    [Fact]
    public async Task Start_OnAHostName_RefusesBeforeAnythingStarts_NamingIt()
    {
        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory },
            TimeSpan.FromSeconds(60),
            "--urls", "http://no-such-host.invalid:5080");

        Assert.True(exitCode == 1, error);
        Assert.Equal(
            "OpsConsole cannot start: http://no-such-host.invalid:5080 names the host no-such-host.invalid, and the console listens on addresses, not names: given a name, it would listen on every address of this machine, whatever the name stands for, if anything. Nothing was served. Give an address instead (--urls http://127.0.0.1:5080 for this machine alone, http://0.0.0.0:5080 for all of its addresses, or the one address of this machine that no-such-host.invalid stands for).",
            error.Trim());
        Assert.Equal("", output.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dataDirectory));
    }

    [Theory]
    [InlineData("http://no-such-host.invalid:5080", "no-such-host.invalid")]
    [InlineData("http://ops.example.com:5080", "ops.example.com")]
    [InlineData("https://ops.example.com", "ops.example.com")]
    [InlineData("http://0.0.0.0:5080", null)]
    [InlineData("http://127.0.0.1:5080", null)]
    [InlineData("http://[::]:5080", null)]
    [InlineData("http://[::1]:5080", null)]
    [InlineData("http://localhost:5080", null)]
    [InlineData("http://LocalHost:5080", null)]
    [InlineData("http://*:5080", null)]
    [InlineData("http://+:5080", null)]
    [InlineData("http://unix:/run/opsconsole.sock", null)]
    public void HostName_IsTheNameOfAHost_NotOfAnAddress(string url, string? expected) =>
        Assert.Equal(expected, UnusableAddress.HostName(url));

    /// <summary>
    /// SQLite creates opsconsole.db-shm and -wal beside a database in WAL mode (as the console leaves it) even to read it. Started
    /// by a user who may not write the data folder (a restored snapshot, the service account's folder), the console said
    /// "cannot be opened or migrated: SQLite Error 8: 'attempt to write a readonly database'", which points at the file.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_OnAWalDatabaseInAFolderItCannotWrite_SaysWhatToDoAndWritesNothing()
    {
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        var (exitCode, error) = await StartOnAWalDatabaseAsAnotherUserAsync(folderMode: 0b101_101_101, databaseMode: 0b110_100_100);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"OpsConsole cannot start: the database '{database}' is in WAL mode, which SQLite cannot read without creating opsconsole.db-shm and opsconsole.db-wal beside it, and it could not create them in {dataDirectory}. Nothing was written. Make {dataDirectory} writable for the user the console runs as, or start the console as the user that owns {dataDirectory}.",
            error.Trim());
        Assert.Equal(["keys", "opsconsole.db"], Directory.GetFileSystemEntries(dataDirectory).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dataDirectory, "keys")));
    }

    /// <summary>
    /// Started by a user who may write the data folder but not the database file (another user's file): SQLite made -shm and
    /// -wal there to read it and left them behind, owned by that user, where the file's owner could then not write through
    /// them, and the console went on to serve a database it could not write.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_OnAWalDatabaseFileItCannotWrite_InAFolderItCan_RefusesAndLeavesNoFiles()
    {
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        var (exitCode, error) = await StartOnAWalDatabaseAsAnotherUserAsync(folderMode: 0b111_111_111, databaseMode: 0b100_100_100);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"OpsConsole cannot start: the database '{database}' is in WAL mode and this user cannot write it: SQLite would create opsconsole.db-shm and opsconsole.db-wal beside it, owned by this user, and leave them there, where the console's own user could no longer write through them. Nothing was written. Start the console as the user that owns opsconsole.db, or make opsconsole.db writable for this user.",
            error.Trim());
        Assert.Equal(["keys", "opsconsole.db"], Directory.GetFileSystemEntries(dataDirectory).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dataDirectory, "keys")));
    }

    /// <summary>
    /// A WAL database made by the import verb, and the console started on it in Production by another user (nobody, when the
    /// tests run as root) with the data folder and the database file given these modes.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task<(int ExitCode, string Error)> StartOnAWalDatabaseAsAnotherUserAsync(int folderMode, int databaseMode)
    {
        var database = Path.Combine(dataDirectory, "opsconsole.db");
        var imported = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Storage__DataDirectory"] = dataDirectory },
            TimeSpan.FromSeconds(60),
            "import", "--site", "HK", "--file", Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "config.HK.json"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal(["opsconsole.db"], Directory.GetFiles(dataDirectory).Select(Path.GetFileName));

        var (info, certificates) = ProductionStartAsAnotherUser("http://127.0.0.1:0");
        File.SetUnixFileMode(database, (UnixFileMode)databaseMode);
        File.SetUnixFileMode(dataDirectory, (UnixFileMode)folderMode);
        try
        {
            var (exitCode, _, error) = await AppBinary.RunAsync(info, TimeSpan.FromSeconds(60));
            return (exitCode, error);
        }
        finally
        {
            File.SetUnixFileMode(dataDirectory, (UnixFileMode)0b111_000_000);
            File.SetUnixFileMode(database, (UnixFileMode)0b110_000_000);
            Directory.Delete(certificates, recursive: true);
        }
    }

    /// <summary>
    /// The console in Production, as a service account runs it (Development reads static assets from the build user's package
    /// folder), started as another user (nobody, when the tests run as root); the key ring folder and the certificate are that
    /// user's to use, so that only what a test sets up stands in the way. The caller removes the certificate's folder.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private (System.Diagnostics.ProcessStartInfo Info, string Certificates) ProductionStartAsAnotherUser(string urls)
    {
        var keys = Directory.CreateDirectory(Path.Combine(dataDirectory, "keys")).FullName;
        File.SetUnixFileMode(keys, (UnixFileMode)0b111_111_111);
        var certificates = Directory.CreateTempSubdirectory("opsconsole-startup-certificate-").FullName;
        File.SetUnixFileMode(certificates, (UnixFileMode)0b111_101_101);
        var (certificate, password) = TestCertificate.CreatePkcs12(certificates);
        File.SetUnixFileMode(certificate, (UnixFileMode)0b110_100_100);
        var info = AppBinary.AsAnotherUserWhenRoot(AppBinary.StartInfo(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = urls,
            ["Storage__DataDirectory"] = dataDirectory,
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
            ["Authentication__Oidc__Authority"] = "http://127.0.0.1:9/",
            ["Authentication__Oidc__ClientId"] = "console",
            ["Authentication__Oidc__ClientSecret"] = "console",
        }));
        return (info, certificates);
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "https://id.example.com", false)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", "https://id.example.com", false)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "", true)]
    public void DevelopmentSignIn_IsOnlyEverEnabledInDevelopmentWithoutAnAuthority(string environment, string? authority, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AuthSetup.OidcAuthorityKey] = authority })
            .Build();

        Assert.Equal(expected, DevelopmentSignIn.IsEnabled(new FakeEnvironment(environment), configuration));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private sealed class FakeEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "OpsConsole";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
