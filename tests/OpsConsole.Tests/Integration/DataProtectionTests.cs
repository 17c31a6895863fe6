using OpsConsole.Testing;
using OpsConsole.Tests.Auth;

namespace OpsConsole.Tests.Integration;

/// <summary>The keys behind sign-in cookies and antiforgery tokens are never written in clear outside Development.</summary>
public sealed class DataProtectionTests
{
    [Fact]
    public async Task Start_InProductionWithoutAKeyRingCertificate_RefusesNamingTheSetting()
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-dp-").FullName;
        try
        {
            var (exitCode, _, error) = await AppBinary.RunAsync(
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Storage__DataDirectory"] = data,
                    ["Authentication__Oidc__Authority"] = "https://id.example.test",
                    ["Authentication__Oidc__ClientId"] = "opsconsole",
                    ["Authentication__Oidc__ClientSecret"] = "not-a-real-secret",
                },
                TimeSpan.FromSeconds(60));

            Assert.Equal(1, exitCode);
            Assert.Contains("DataProtection:CertificatePath is not set", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(data, "keys")) && Directory.EnumerateFiles(Path.Combine(data, "keys")).Any());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task KeyRing_InProduction_IsEncryptedWithTheCertificate()
    {
        using var app = new OidcConsoleFactory();

        // Rendering a form issues an antiforgery token, which needs a key.
        await app.CreateBrowserLikeClient().GetStringAsync("/account/sign-in");

        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }
    }
}
