using OpsConsole.Testing;
using OpsConsole.Tests.Auth;
using OpsConsole.Tests.Infrastructure;

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

    public static TheoryData<string, string[]> UnusableCertificates => new()
    {
        // A path with no file behind it said only "Error occurred during a cryptographic operation."
        { "missing", ["does not exist", "missing.pfx"] },
        { "wrong password", ["DataProtection:CertificatePassword"] },
        // Keys encrypted to a certificate without its private key cannot be read back: after the next restart no
        // sign-in cookie or antiforgery token could be, yet the console started.
        { "no private key", ["has no private key"] },
    };

    [Theory]
    [MemberData(nameof(UnusableCertificates))]
    public async Task Start_InProductionWithAnUnusableCertificate_RefusesInOneLineSayingWhatToSet(string why, string[] expected)
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-dp-").FullName;
        try
        {
            var (path, password) = TestCertificate.CreatePkcs12(data);
            switch (why)
            {
                case "missing":
                    path = Path.Combine(data, "missing.pfx");
                    break;
                case "wrong password":
                    password = "not-" + password;
                    break;
                case "no private key":
                    using (var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password))
                    using (var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData))
                    {
                        // A PKCS#12 file holding the certificate alone, as "openssl pkcs12 -export -nokeys" makes.
                        File.WriteAllBytes(path, publicOnly.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, password));
                    }

                    break;
            }

            var (exitCode, _, error) = await AppBinary.RunAsync(ProductionSettings(data, path, password), TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, $"{why}: exit {exitCode}: {error}");
            foreach (var words in expected)
            {
                Assert.Contains(words, error, StringComparison.Ordinal);
            }

            Assert.Single(error.Trim().Split('\n'));
            Assert.DoesNotContain(password.Length > 0 ? password : "\0", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(data, "keys")) && Directory.EnumerateFiles(Path.Combine(data, "keys")).Any(), why);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The key ring folder is where the console cannot use it: it started, logged stack traces and answered 500 at sign-in.</summary>
    [Fact]
    public async Task Start_InProductionWhenTheKeyRingFolderCannotBeUsed_RefusesNamingIt()
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-dp-").FullName;
        try
        {
            var (path, password) = TestCertificate.CreatePkcs12(data);
            var keys = Path.Combine(data, "keys");
            await File.WriteAllTextAsync(keys, "a file where the key ring folder belongs");

            var (exitCode, _, error) = await AppBinary.RunAsync(ProductionSettings(data, path, password), TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, $"exit {exitCode}: {error}");
            Assert.Contains($"the key ring folder '{keys}' cannot be used", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Dictionary<string, string?> ProductionSettings(string data, string certificate, string password) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["Storage__DataDirectory"] = data,
        ["Authentication__Oidc__Authority"] = "https://id.example.test",
        ["Authentication__Oidc__ClientId"] = "opsconsole",
        ["Authentication__Oidc__ClientSecret"] = "not-a-real-secret",
        ["DataProtection__CertificatePath"] = certificate,
        ["DataProtection__CertificatePassword"] = password,
    };

    /// <summary>
    /// Certificates expire, so the one that encrypts the key ring is replaced now and then. Without the old one the keys it
    /// encrypted cannot be read, and every sign-in made before the change ends; named as a previous certificate, it reads them.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignIn_AfterTheCertificateIsReplaced_LastsOnlyWhenThePreviousOneIsKept(bool keepPrevious)
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-dp-").FullName;
        var (oldPath, oldPassword) = TestCertificate.CreatePkcs12(Directory.CreateDirectory(Path.Combine(data, "old")).FullName);
        var (newPath, newPassword) = TestCertificate.CreatePkcs12(Directory.CreateDirectory(Path.Combine(data, "new")).FullName);
        try
        {
            string cookies;
            using (var before = new OidcConsoleFactory())
            {
                before.Settings["Storage:DataDirectory"] = data;
                before.Settings["DataProtection:CertificatePath"] = oldPath;
                before.Settings["DataProtection:CertificatePassword"] = oldPassword;
                var (client, callback) = await before.SignInAsync("/sites/HK/config");
                Assert.Contains("You can edit HK", await client.GetStringAsync("/sites/HK/config"));
                cookies = string.Join("; ", callback.Headers.GetValues("Set-Cookie")
                    .Where(c => c.StartsWith(".OpsConsole.Auth", StringComparison.Ordinal))
                    .Select(c => c.Split(';')[0]));
            }

            using var after = new OidcConsoleFactory();
            after.Settings["Storage:DataDirectory"] = data;
            after.Settings["DataProtection:CertificatePath"] = newPath;
            after.Settings["DataProtection:CertificatePassword"] = newPassword;
            if (keepPrevious)
            {
                after.Settings["DataProtection:PreviousCertificates:0:Path"] = oldPath;
                after.Settings["DataProtection:PreviousCertificates:0:Password"] = oldPassword;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "/sites/HK/config") { Headers = { { "Cookie", cookies } } };
            var response = await after.CreateBrowserLikeClient().SendAsync(request);

            if (keepPrevious)
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                Assert.Contains("You can edit HK", await response.Content.ReadAsStringAsync());
            }
            else
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            }

            // Said once, at start, in words an operator can act on; and never when the old certificate is there to read the keys.
            var explained = after.Logs.Lines.Where(line => line.StartsWith("Warning OpsConsole.Infrastructure.KeyRingCertificateCheck:", StringComparison.Ordinal)).ToList();
            if (keepPrevious)
            {
                Assert.Empty(explained);
            }
            else
            {
                var line = Assert.Single(explained);
                using var old = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(oldPath, oldPassword);
                Assert.Contains("Key ring: 1 of its keys", line, StringComparison.Ordinal);
                Assert.Contains(old.Thumbprint, line, StringComparison.Ordinal);
                Assert.Contains("DataProtection:PreviousCertificates:0:Path", line, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(after.Logs.Lines, line => line.Contains(oldPassword, StringComparison.Ordinal) || line.Contains(newPassword, StringComparison.Ordinal));
        }
        finally
        {
            TestDatabases.CloseConsoleDatabase(data);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Start_WithAPreviousCertificateThatCannotBeUsed_RefusesInOneLineNamingIt()
    {
        var data = Directory.CreateTempSubdirectory("opsconsole-dp-").FullName;
        try
        {
            var (path, password) = TestCertificate.CreatePkcs12(data);
            var settings = ProductionSettings(data, path, password);
            settings["DataProtection__PreviousCertificates__0__Path"] = Path.Combine(data, "expired.pfx");
            settings["DataProtection__PreviousCertificates__0__Password"] = password;

            var (exitCode, _, error) = await AppBinary.RunAsync(settings, TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 1, $"exit {exitCode}: {error}");
            Assert.Contains($"DataProtection:PreviousCertificates:0:Path '{Path.Combine(data, "expired.pfx")}' does not exist", error, StringComparison.Ordinal);
            Assert.Contains("DataProtection:PreviousCertificates:0:Password", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
            Assert.DoesNotContain(password, error, StringComparison.Ordinal);
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
