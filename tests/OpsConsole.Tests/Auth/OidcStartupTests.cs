using Microsoft.Extensions.Configuration;
using OpsConsole.Auth;
using OpsConsole.Infrastructure;
using OpsConsole.Testing;

namespace OpsConsole.Tests.Auth;

/// <summary>The Authentication:Oidc section is checked before the console serves anything.</summary>
public sealed class OidcStartupTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Authentication:Oidc:Authority"] = "https://id.example.test",
        ["Authentication:Oidc:ClientId"] = "opsconsole",
        ["Authentication:Oidc:ClientSecret"] = "secret",
        ["Authentication:Oidc:RoleMappings:opsconsole-hk-editors"] = "Editor:HK",
    };

    [Fact]
    public void Validate_CompleteSection_Passes()
    {
        var settings = Settings(Complete);

        settings.Validate(required: true);

        Assert.Equal("Editor:HK", settings.RoleMappings["OPSCONSOLE-HK-EDITORS"]);
        Assert.False(settings.AllowsHttp);
    }

    public static TheoryData<string, string?, string> Broken => new()
    {
        { "Authentication:Oidc:RoleMappings:opsconsole-jp-editors", "Editor:JP", "Authentication:Oidc:RoleMappings:opsconsole-jp-editors maps to 'Editor:JP', which is not a role of OpsConsole" },
        { "Authentication:Oidc:RoleMappings:opsconsole-admins", "admin", "maps to 'admin', which is not a role of OpsConsole" },
        { "Authentication:Oidc:ClientId", "", "Authentication:Oidc:ClientId is not set" },
        { "Authentication:Oidc:ClientSecret", null, "Authentication:Oidc:ClientSecret is not set" },
        { "Authentication:Oidc:Authority", "http://id.example.test", "must use https; plain http is accepted only for a provider on this machine" },
        { "Authentication:Oidc:Authority", "id.example.test", "must be an absolute https address" },
        { "Authentication:Oidc:GroupsClaim", " ", "Authentication:Oidc:GroupsClaim is empty" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenSetting_RefusesNamingIt(string key, string? value, string message)
    {
        var settings = Settings(new Dictionary<string, string?>(Complete) { [key] = value });

        var refusal = Assert.Throws<StartupException>(() => settings.Validate(required: true));

        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRole_RefusesEvenWhenOidcIsNotConfigured()
    {
        var settings = Settings(new() { ["Authentication:Oidc:RoleMappings:opsconsole-viewers"] = "Reader" });

        Assert.Throws<StartupException>(() => settings.Validate(required: false));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5599", true)]
    [InlineData("http://localhost:5599", true)]
    [InlineData("http://[::1]:5599", true)]
    [InlineData("http://10.0.0.5", false)]
    [InlineData("http://127.0.0.1.example.test", false)]
    public void AllowsHttp_OnlyForLoopback(string authority, bool expected)
    {
        Assert.Equal(expected, Settings(new() { ["Authentication:Oidc:Authority"] = authority }).AllowsHttp);
    }

    [Fact]
    public void AppSettings_RoleMappings_AreAllValid()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppBinary.RepositoryRoot, "src", "OpsConsole", "appsettings.json")).Build();
        var settings = OidcSettings.From(configuration);

        settings.Validate(required: false);

        Assert.Contains(OpsRoles.Viewer, settings.RoleMappings.Values);
        Assert.Contains(OpsRoles.Editor("HK"), settings.RoleMappings.Values);
        Assert.Equal("groups", settings.GroupsClaim);
    }

    [Fact]
    public async Task Start_InProductionWithAuthorityButNoClientSecret_RefusesNamingTheSetting()
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-startup-").FullName;
        try
        {
            var (exitCode, _, error) = await AppBinary.RunAsync(
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Storage__DataDirectory"] = data,
                    ["Authentication__Oidc__Authority"] = "https://id.example.test",
                    ["Authentication__Oidc__ClientId"] = "opsconsole",
                },
                TimeSpan.FromSeconds(60));

            Assert.Equal(1, exitCode);
            Assert.Contains("Authentication:Oidc:ClientSecret is not set", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static OidcSettings Settings(Dictionary<string, string?> values) =>
        OidcSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
