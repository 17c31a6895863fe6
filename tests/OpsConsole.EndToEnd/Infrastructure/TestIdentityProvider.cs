using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using OpsConsole.Testing;

namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>
/// tests/idp/server.mjs (the npm package oidc-provider) run with Node on 127.0.0.1 and a free port,
/// with one client: the console at <c>consoleBaseAddress</c>. `./test.sh` installs its node_modules.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "opsconsole";

    // Made up per run: the provider and the console learn it from the environment, nothing else needs it.
    public string ClientSecret { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private readonly StringBuilder log = new();
    private Process? process;

    private TestIdentityProvider(Uri authority) => Authority = authority;

    public Uri Authority { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<TestIdentityProvider> StartAsync(Uri consoleBaseAddress)
    {
        var port = ConsoleServer.FreePort();
        var provider = new TestIdentityProvider(new Uri($"http://127.0.0.1:{port}"));
        var directory = Path.Combine(AppBinary.RepositoryRoot, "tests", "idp");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run `npm ci` in {directory} (./test.sh does).");
        }

        var start = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IDP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLIENT_ID"] = ClientId;
        start.Environment["CLIENT_SECRET"] = provider.ClientSecret;
        start.Environment["REDIRECT_URI"] = new Uri(consoleBaseAddress, "signin-oidc").ToString();
        start.Environment["POST_LOGOUT_REDIRECT_URI"] = new Uri(consoleBaseAddress, "account/signed-out").ToString();
        provider.process = Process.Start(start)!;
        provider.process.OutputDataReceived += (_, e) => provider.Append(e.Data);
        provider.process.ErrorDataReceived += (_, e) => provider.Append(e.Data);
        provider.process.BeginOutputReadLine();
        provider.process.BeginErrorReadLine();
        await provider.WaitUntilDiscoverableAsync(TimeSpan.FromSeconds(30));
        return provider;
    }

    /// <summary>The settings that point the console at this provider, as environment variables.</summary>
    public Dictionary<string, string?> ConsoleSettings() => new()
    {
        ["Authentication__Oidc__Authority"] = Authority.ToString(),
        ["Authentication__Oidc__ClientId"] = ClientId,
        ["Authentication__Oidc__ClientSecret"] = ClientSecret,
    };

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilDiscoverableAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The test identity provider exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Authority, ".well-known/openid-configuration"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The test identity provider did not answer within {timeout}:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }
}

/// <summary>
/// A console that signs staff in through <see cref="TestIdentityProvider"/>. It runs in Development on
/// purpose: with an authority configured, the OpenID Connect sign-in replaces the development one even there.
/// </summary>
public sealed class OidcConsoleFixture : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = default!;

    public ConsoleServer Server { get; private set; } = default!;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // The provider must know the console's callback address before either starts.
        var port = ConsoleServer.FreePort();
        Provider = await TestIdentityProvider.StartAsync(new Uri($"http://127.0.0.1:{port}/"));
        Server = await ConsoleServer.StartAsync(Provider.ConsoleSettings(), port);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Infrastructure.Browser.LaunchAsync(Playwright);
    }

    /// <summary>A fresh browser session at the console's address; <paramref name="policyViolations"/> collects what the content security policy blocked.</summary>
    public async Task<IPage> NewPageAsync(List<string> policyViolations)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (policyViolations)
                {
                    policyViolations.Add($"{message.Location}: {message.Text}");
                }
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OidcConsoleCollection : ICollectionFixture<OidcConsoleFixture>
{
    public const string Name = "Console with OpenID Connect";
}
