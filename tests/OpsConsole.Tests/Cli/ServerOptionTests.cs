using Microsoft.Extensions.Configuration;
using OpsConsole.Cli;
using OpsConsole.Testing;

namespace OpsConsole.Tests.Cli;

/// <summary>The console started with options (no command): a mistyped one is refused, not read as a setting nobody reads.</summary>
public sealed class ServerOptionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("opsconsole-server-options-").FullName;

    /// <summary>
    /// ASP.NET Core reads every <c>--key value</c> as configuration, and a key nobody reads changes nothing: "OpsConsole --hepl"
    /// and "OpsConsole --prot 8080" started the console on its defaults, silently.
    /// </summary>
    [Theory]
    [InlineData("--hepl", "unknown option --hepl")]
    [InlineData("--prot 8080", "unknown option --prot")]
    [InlineData("--urls http://127.0.0.1:0 --Storage:DataDirectry /srv/opsconsole", "unknown option --Storage:DataDirectry")]
    [InlineData("--urls http://127.0.0.1:0 validate config.json", "unexpected argument 'validate'")]
    public async Task Start_WithAMistypedOption_IsRefusedListingWhatIsAccepted_AndDoesNotStart(string arguments, string problem)
    {
        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Storage__DataDirectory"] = dataDirectory, ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
            TimeSpan.FromSeconds(30),
            arguments.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith($"OpsConsole: {problem}; the console was not started.", error, StringComparison.Ordinal);
        Assert.Contains("--urls <addresses>", error, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dataDirectory));
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5080")] // bench/wrk.sh, README
    [InlineData("--environment=Development", "--contentRoot=/srv/opsconsole", "--applicationName=OpsConsole", "--Storage=", "--Storage:DataDirectory=/srv/data")] // WebApplicationFactory: its settings key by key, sections included
    [InlineData("--DataProtection:CertificatePath=/etc/ops/keyring.pfx", "--DataProtection:CertificatePassword", "secret", "--DataProtection:PreviousCertificates:0:Path=/etc/ops/old.pfx")]
    [InlineData("--Authentication:Oidc:Authority", "https://id.example.com", "--authentication:oidc:roleMappings:ops-admins", "Admin")]
    [InlineData("--Api:RateLimit:Burst=5", "--AllowedHosts=ops.example.com", "--FORWARDEDHEADERS_ENABLED=true", "--DemoData:Enabled=false")]
    [InlineData("--Kestrel:Endpoints:Consumers:Protocols", "Http2", "--Logging:Console:LogToStandardErrorThreshold=Trace")]
    [InlineData("/urls", "http://127.0.0.1:5080", "urls=http://127.0.0.1:5081")]
    public void Arguments_ThatTheHostOrTheConsoleReads_AreTaken(params string[] arguments) =>
        Assert.Null(ServerArguments.Refusal(arguments));

    [Fact]
    public void Arguments_OfTheConsoleHostedByTheTestsAndTheBench_AreTaken() =>
        Assert.Null(ServerArguments.Refusal(ProductionConsole.Arguments(dataDirectory, "--urls=http://127.0.0.1:0")));

    [Theory]
    [InlineData("unknown option --ConnectionStrings:Default", "--ConnectionStrings:Default", "Data Source=x.db")] // the console does not read it
    [InlineData("--Storage is a section, not a setting: name one of its settings (Storage:DataDirectory)", "--Storage", "/srv/data")]
    [InlineData("unknown option --Storage:DataDirectory:x", "--Storage:DataDirectory:x=/srv/data")]
    [InlineData("--Api:RateLimit is a section, not a setting: name one of its settings (Api:RateLimit:PermitsPerSecond, Api:RateLimit:Burst)", "--Api:RateLimit=5")]
    [InlineData("unknown option -p (options start with --)", "-p", "8080")]
    [InlineData("unknown option -p=8080 (options start with --)", "-p=8080")]
    [InlineData("--urls needs a value", "--Storage:DataDirectory=/srv/data", "--urls")]
    [InlineData("unexpected argument 'extra'", "--urls", "http://127.0.0.1:5080", "extra")]
    public void Arguments_ThatNothingReads_AreRefusedSayingWhich(string problem, params string[] arguments) =>
        Assert.StartsWith($"OpsConsole: {problem}; the console was not started.", ServerArguments.Refusal(arguments), StringComparison.Ordinal);

    /// <summary>A setting given in appsettings is one the console reads, so it can be given on the command line too.</summary>
    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Development.json")]
    public void EverySettingOfTheAppSettingsFiles_IsTakenAsAnOption(string file)
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppBinary.RepositoryRoot, "src", "OpsConsole", file))
            .Build()
            .AsEnumerable()
            .Where(setting => setting.Value is not null)
            .ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.Null(ServerArguments.Refusal([$"--{setting.Key}={setting.Value}"])));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
