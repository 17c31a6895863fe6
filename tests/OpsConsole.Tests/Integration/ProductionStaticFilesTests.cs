using OpsConsole.Testing;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// The console's static files (its CSS and script, Radzen's) when the built executable runs in Production, as an operator
/// trying the build before a deployment starts it: they were answered 200 with nothing in them, after a warning that the
/// WebRootPath was not found, since only a published console has a wwwroot beside it.
/// </summary>
public sealed class ProductionStaticFilesTests : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("opsconsole-static-").FullName;
    private ConsoleServer? server;

    public async Task InitializeAsync()
    {
        var (certificate, password) = TestCertificate.CreatePkcs12(dataDirectory);
        server = await ConsoleServer.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = dataDirectory,
            ["DataProtection__CertificatePath"] = certificate,
            ["DataProtection__CertificatePassword"] = password,
            // Production needs OpenID Connect settings; nobody signs in.
            ["Authentication__Oidc__Authority"] = "http://127.0.0.1:9/",
            ["Authentication__Oidc__ClientId"] = "console",
            ["Authentication__Oidc__ClientSecret"] = "console",
            ["Api__WarmUp"] = "false",
        });
    }

    [Fact]
    public async Task FromTheBuildOutput_InProduction_ServesTheStaticFiles_WithoutAWarning()
    {
        using var http = new HttpClient { BaseAddress = server!.BaseAddress };

        var css = await http.GetAsync("app.css");
        var radzen = await http.GetAsync("_content/Radzen.Blazor/css/material-base.css");

        Assert.Equal(System.Net.HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(AppBinary.RepositoryRoot, "src", "OpsConsole", "wwwroot", "app.css")), await css.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, radzen.StatusCode);
        Assert.Contains(".rz-button", await radzen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The host logs its start after the warning, on the same stream.
        var log = await LogOnceStartedAsync();
        Assert.DoesNotContain("WebRootPath", log, StringComparison.Ordinal);
    }

    private async Task<string> LogOnceStartedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!server!.Log.Contains("Content root path:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return server.Log;
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
