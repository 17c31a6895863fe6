using OpsConsole.Auth;
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
