using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsConsole.Api;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;
using OpsConsole.Tests.Auth;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Api;

/// <summary>The console's warm-up of its consumer API at start, and the in-memory key it uses.</summary>
public sealed class ApiWarmUpTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("opsconsole-warmup-").FullName;

    [Fact]
    public async Task InternalKey_ReadsItsSiteOnlyAndPastTheRateLimit_SurvivesAReload_AndEndsWhenDisposed()
    {
        await using var app = new ApiFactory { Settings = { ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" } };
        await app.InitializeAsync();
        var registry = app.Services.GetRequiredService<ApiKeyRegistry>();
        var key = await registry.AddInternalAsync("warm-up", ["HK"], CancellationToken.None);
        var client = app.ApiClient(key.Secret);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/sites/HK/config")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/sites/TW/config")).StatusCode);

        Assert.True(await registry.ReloadAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/config")).StatusCode);

        await key.DisposeAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sites/HK/config")).StatusCode);
        Assert.Equal(0, registry.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://+:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:5080", "http://[::1]:5080/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://10.1.2.3:80", "http://10.1.2.3/")]
    [InlineData("https://0.0.0.0:5443", null)]
    [InlineData("http://unix:/run/opsconsole.sock", null)]
    public void Loopback_ReachesAPlainHttpEndpointFromThisMachine_AndLeavesOutTheRest(string address, string? expected) =>
        Assert.Equal(expected, ConsumerApiWarmUp.Loopback(address)?.ToString());

    [Fact]
    public async Task Start_WarmsEveryCleartextEndpointInEachProtocolItSpeaks_ThenForgetsItsKey()
    {
        var logs = new CapturedLogs();
        await using var app = OpsConsoleApp.Build(
            OpsConsole.Testing.ProductionConsole.Arguments(dataDirectory),
            builder =>
            {
                builder.WebHost.ConfigureKestrel(kestrel =>
                {
                    kestrel.Listen(IPAddress.Loopback, 0);
                    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
                });
                builder.Logging.AddProvider(logs);
            });
        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ReleaseImporter>().ImportAsync(DemoConfigurations.For("TW"), ApiFactory.Tester, "demo-TW.json", CancellationToken.None);

        await app.StartAsync();
        try
        {
            var warmed = Assert.Single(logs.Lines, l => l.StartsWith($"Information {typeof(ConsumerApiWarmUp).FullName}: ", StringComparison.Ordinal));
            // Every request answered as a consumer's would be: the documents at once, the parked watches 304 at their timeout.
            Assert.Matches(@": Warmed the consumer API in \d+ ms: 1500 x 200, 120 x 304 over HTTP/(1\.1|2\.0) at 127\.0\.0\.1:\d+; 1500 x 200, 120 x 304 over HTTP/(1\.1|2\.0) at 127\.0\.0\.1:\d+ $", warmed);
            Assert.Contains("over HTTP/1.1", warmed);
            Assert.Contains("over HTTP/2.0", warmed);
            Assert.Equal(0, app.Services.GetRequiredService<ApiKeyRegistry>().Count);
            Assert.Equal(0, app.Services.GetRequiredService<ReleaseCache>().WaitingWatches);
            Assert.DoesNotContain(logs.Lines, l => l.Contains(ApiKeyStore.SecretPrefix, StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task TheConsoleToldToStopWhileItWarmsUp_StopsQuietly_WithoutFailingItsStart()
    {
        // SIGTERM in the first seconds of a start cancels the host's start, the warm-up's requests with it: the start ended
        // as "Hosting failed to start" and an unhandled exception with its stack trace, for an ordinary stop.
        using var stop = new CancellationTokenSource();
        var logs = new CapturedLogs();
        await using var app = OpsConsoleApp.Build(
            OpsConsole.Testing.ProductionConsole.Arguments(dataDirectory),
            builder =>
            {
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
                builder.Logging.AddProvider(logs);
                builder.Logging.AddProvider(new StopWhenLogged("Now listening on", stop));
            });
        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ReleaseImporter>().ImportAsync(DemoConfigurations.For("TW"), ApiFactory.Tester, "demo-TW.json", CancellationToken.None);

        await app.StartAsync(stop.Token);
        await app.StopAsync();

        Assert.True(stop.IsCancellationRequested);
        Assert.Contains(logs.Lines, l => l == $"Information {typeof(ConsumerApiWarmUp).FullName}: The consumer API's warm-up stopped: the console is stopping ");
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.Equal(0, app.Services.GetRequiredService<ApiKeyRegistry>().Count);
    }

    /// <summary>Cancels <paramref name="stop"/> when a message starting with <paramref name="start"/> is logged: a signal at a known moment.</summary>
    private sealed class StopWhenLogged(string start, CancellationTokenSource stop) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith(start, StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        }

        public void Dispose()
        {
        }
    }

    public void Dispose()
    {
        TestDatabases.CloseConsoleDatabase(dataDirectory);
        Directory.Delete(dataDirectory, recursive: true);
    }
}
