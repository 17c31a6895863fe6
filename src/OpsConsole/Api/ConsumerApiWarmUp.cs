using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Api;

/// <summary>
/// Right after a start, before the host reports started, the console reads its own releases over each of its cleartext
/// endpoints as consumers do: answers at once in each encoding, and watches that park until their timeout. Otherwise the
/// first publish after a start wakes thousands of watches into code that has never run, and the runtime runs it
/// unoptimised while it compiles it on the same cores: bench/watch.sh measured that publish to 10,000 watches at a
/// median of 124 ms without this warm-up and 97 ms with it (docs/decisions/0006-consumer-api.md). It takes about 5 s.
/// </summary>
/// <remarks>
/// The requests carry a key that exists in memory only while this runs (<see cref="ApiKeyRegistry.AddInternalAsync"/>)
/// and may read one site. HTTPS endpoints are left out: the warm-up would have to accept the server's certificate
/// unchecked, and the code it warms is the same behind TLS. Consumers are served throughout; a warm-up that fails or
/// takes too long is logged and never stops the start. <c>Api:WarmUp</c> = false turns it off.
/// </remarks>
internal sealed class ConsumerApiWarmUp(IServer server, ReleaseCache releases, ApiKeyRegistry keys, IOptions<ConsumerApiOptions> options, ILogger<ConsumerApiWarmUp> logger) : IHostedLifecycleService
{
    // Measured in bench/watch.sh: fewer passes or no parked watches left the first publish as slow as without a warm-up,
    // more parallel requests left the thread pool with more threads than two cores need.
    private const int Passes = 3;
    private const int ReadsPerPass = 500;
    private const int ParkedPerPass = 40;
    private const int Parallelism = 8;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly string[] Encodings = ["br", "gzip", ""];

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUp)
        {
            return;
        }

        var site = SiteCatalog.All.Select(s => s.Code).FirstOrDefault(code => releases.Current(code) is not null);
        var endpoints = server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(Loopback).OfType<Uri>().Distinct().ToList() ?? [];
        if (endpoints.Count == 0 || site is null)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var started = Stopwatch.StartNew();
        try
        {
            await using var key = await keys.AddInternalAsync("Console warm-up", [site], limit.Token);
            var warmed = await Task.WhenAll(endpoints.Select(endpoint => WarmEndpointAsync(endpoint, site, key.Secret, limit.Token)));
            var done = warmed.SelectMany(w => w).ToList();
            logger.LogInformation("Warmed the consumer API in {Milliseconds} ms: {Endpoints}", started.ElapsedMilliseconds, done.Count == 0 ? "no endpoint answered" : string.Join("; ", done));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The consumer API's warm-up stopped after {Seconds} s; the first publish may answer its watches more slowly", Limit.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            // The console was told to stop while it started (SIGTERM in its first seconds): a stop as any other, not the
            // start failing with a stack trace.
            logger.LogInformation("The consumer API's warm-up stopped: the console is stopping");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Only a slower first publish is at stake: never a reason not to start.
            logger.LogWarning(failure, "The consumer API's warm-up failed; the first publish may answer its watches more slowly");
        }
    }

    /// <summary>Warms each protocol the endpoint speaks; says what each answered.</summary>
    private async Task<List<string>> WarmEndpointAsync(Uri endpoint, string site, string secret, CancellationToken cancellationToken)
    {
        var warmed = new List<string>();
        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            if (await WarmAsync(endpoint, version, site, secret, cancellationToken) is { } answered)
            {
                warmed.Add($"{answered} over HTTP/{version.ToString(2)} at {endpoint.Authority}");
            }
        }

        return warmed;
    }

    /// <summary>
    /// Null when the endpoint does not speak <paramref name="version"/> (an HTTP/2-only endpoint refuses HTTP/1.1, one
    /// without HTTP/2 refuses it in cleartext); otherwise the count of each status it answered.
    /// </summary>
    private async Task<string?> WarmAsync(Uri endpoint, Version version, string site, string secret, CancellationToken cancellationToken)
    {
        using var client = NewClient(endpoint, version, secret, connections: Parallelism);
        // Parked watches on connections of their own, so that over HTTP/1.1 they do not hold up the immediate answers.
        using var parkingClient = NewClient(endpoint, version, secret, connections: ParkedPerPass);
        var watch = $"/api/v1/sites/{site}/config/watch";
        try
        {
            using var request = Get(client, $"{watch}?after=0", "");
            using var probe = await client.SendAsync(request, cancellationToken);
            if (probe.StatusCode != HttpStatusCode.OK)
            {
                // Kestrel answers an HTTP/1.1 request to an HTTP/2-only endpoint with 400.
                logger.LogDebug("The consumer API's warm-up was answered {Status} over HTTP/{Version} at {Endpoint}; skipping it", (int)probe.StatusCode, version.ToString(2), endpoint);
                return null;
            }
        }
        catch (HttpRequestException)
        {
            return null;
        }

        // In passes: tiered compilation counts a method's calls only once no method has been compiled for 100 ms, so
        // calls made while everything is new count for little. Between passes the runtime settles, and the next pass's
        // calls get the hot methods compiled optimised. The parked watches warm the resumption of a parked request.
        var statuses = new int[600];
        var current = releases.Current(site)!.Version;
        for (var pass = 0; pass < Passes; pass++)
        {
            var parked = Enumerable.Range(0, ParkedPerPass).Select(_ => SendAsync(parkingClient, $"{watch}?after={current}&timeout=1", "", statuses, cancellationToken)).ToArray();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, ReadsPerPass),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, token) => await SendAsync(client, $"{watch}?after=0", Encodings[i % Encodings.Length], statuses, token));
            await Task.WhenAll(parked);
            await SettleAsync(cancellationToken);
        }

        return string.Join(", ", statuses.Select((count, status) => (count, status)).Where(s => s.count > 0)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.count} x {s.status}")));
    }

    /// <summary>Waits until the runtime has compiled nothing for 150 ms, or 3 s have passed.</summary>
    private static async Task SettleAsync(CancellationToken cancellationToken)
    {
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(150, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled)
            {
                return;
            }

            compiled = now;
        }
    }

    private static HttpClient NewClient(Uri endpoint, Version version, string secret, int connections)
    {
        var client = new HttpClient(
            new SocketsHttpHandler
            {
                // Over HTTP/2 the requests share a connection, as a consumer's do.
                EnableMultipleHttp2Connections = true,
                MaxConnectionsPerServer = connections,
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
                UseCookies = false,
            },
            disposeHandler: true)
        {
            BaseAddress = endpoint,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.Add(ConsumerApiEndpoints.ApiKeyHeader, secret);
        return client;
    }

    private static HttpRequestMessage Get(HttpClient client, string path, string encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        if (encoding.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }

        return request;
    }

    private static async Task SendAsync(HttpClient client, string path, string encoding, int[] statuses, CancellationToken cancellationToken)
    {
        using var request = Get(client, path, encoding);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        Interlocked.Increment(ref statuses[Math.Clamp((int)response.StatusCode, 0, statuses.Length - 1)]);
    }

    /// <summary>How this machine reaches a bound address; null for HTTPS, Unix sockets and named pipes.</summary>
    internal static Uri? Loopback(string address)
    {
        // Kestrel lists wildcard bindings as configured ("http://+:80", "http://*:80") or as bound ("http://0.0.0.0:80", "http://[::]:80").
        var normalised = address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        if (normalised.Contains("://unix:", StringComparison.Ordinal) || normalised.Contains("://pipe:", StringComparison.Ordinal)
            || !Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Host.Length == 0)
        {
            return null;
        }

        var host = uri.Host switch
        {
            "0.0.0.0" => "127.0.0.1",
            "[::]" => "[::1]",
            _ => uri.Host,
        };
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
