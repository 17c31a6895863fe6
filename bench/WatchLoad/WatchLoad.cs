using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Api;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;

namespace OpsConsole.Bench;

/// <summary>
/// <c>WatchLoad [watches]</c>: starts a server process (this program with <c>serve</c>) hosting the consumer
/// API, parks N watches on HK, measures the server's memory per waiting watch, publishes HK v2 inside the
/// server, and reports how long each watch took to answer after the publish was asked for. Loopback only.
/// The server and the client are separate processes so each one's memory is its own.
/// </summary>
public static class WatchLoad
{
    private static readonly Actor Bench = new("bench:watchload", "Watch load test");

    public static async Task<int> Main(string[] args)
    {
        if (args is ["serve", var port, var data])
        {
            return await ServeAsync(int.Parse(port, CultureInfo.InvariantCulture), data);
        }

        var watches = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        return await DriveAsync(watches);
    }

    // ---- server side: the consumer API with its real services and middleware, without the Blazor console ----

    private static async Task<int> ServeAsync(int port, string data)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration["Storage:DataDirectory"] = data;
        builder.Configuration["Api:RateLimit:PermitsPerSecond"] = "1000000";
        builder.Configuration["Api:RateLimit:Burst"] = "1000000";
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            // h2c with prior knowledge (WATCHLOAD_HTTP=2): many watches share a connection, as they would behind a proxy.
            k.Listen(IPAddress.Loopback, port + 1, listen => listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        builder.Services.AddOpsConsolePersistence(builder.Configuration, builder.Environment);
        builder.Services.AddOpsConsoleWorkflow();
        builder.AddConsumerApi();
        var app = builder.Build();
        // Server-side timing (diagnostic): when each watch's response finished on the server, so the report can
        // tell the server's share of the latency from the driver's. Placed before routing, which runs the
        // short-circuited API calls, so it sees them; it costs one timestamp per request.
        var finished = new long[1_000_000];
        var finishedCount = 0;
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path.Value?.EndsWith("/watch", StringComparison.Ordinal) == true)
            {
                var slot = Interlocked.Increment(ref finishedCount) - 1;
                if (slot < finished.Length)
                {
                    finished[slot] = Stopwatch.GetTimestamp();
                }
            }
        });
        app.UseRouting();
        app.UseConsumerApi();
        app.MapConsumerApiAndDocument();

        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ReleaseImporter>().ImportAsync(DemoConfigurations.For("HK"), Bench, "demo-HK.json", CancellationToken.None);
        var key = await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("watch load", ["HK"], Bench, CancellationToken.None);
        await app.StartAsync();
        var cache = app.Services.GetRequiredService<ReleaseCache>();
        var woken = 0L;
        var publishAsked = 0L;
        cache.CurrentChanged += _ => Interlocked.Exchange(ref woken, Stopwatch.GetTimestamp());
        Console.WriteLine($"ready {key.Secret}");

        // Commands from the driver, one per line.
        while (Console.ReadLine() is { } command)
        {
            switch (command)
            {
                case "waiting":
                    Console.WriteLine($"waiting {cache.WaitingWatches}");
                    break;
                case "memory":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    using (var self = Process.GetCurrentProcess())
                    {
                        Console.WriteLine($"memory {GC.GetTotalMemory(false)} {self.WorkingSet64}");
                    }

                    break;
                case "publish":
                    finishedCount = 0;
                    publishAsked = Stopwatch.GetTimestamp();
                    await PublishAsync(app.Services);
                    Console.WriteLine("published");
                    break;
                case "timing":
                    {
                        var count = Math.Min(Volatile.Read(ref finishedCount), finished.Length);
                        var times = finished.Take(count).Select(t => Stopwatch.GetElapsedTime(publishAsked, t).TotalMilliseconds).Order().ToArray();
                        Console.WriteLine(count == 0
                            ? "timing none"
                            : string.Create(CultureInfo.InvariantCulture,
                                $"timing server side, from the publish command: cache updated and watchers woken {Stopwatch.GetElapsedTime(publishAsked, Interlocked.Read(ref woken)).TotalMilliseconds:F1} ms, {count} answers finished p50 {Percentile(times, 0.50):F1} ms, p99 {Percentile(times, 0.99):F1} ms, last {times[^1]:F1} ms"));
                        break;
                    }

                case "quit":
                    await app.StopAsync();
                    return 0;
            }
        }

        return 0;
    }

    private static async Task PublishAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var release = await services.GetRequiredService<ReleasePublisher>().AddAsync(db, DemoConfigurations.For("HK"), "Load test publish", null, Bench, [], Bench, AuditActions.Publish, new { }, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        services.GetRequiredService<WorkflowEvents>().Raise(new ReleasePublished(release.Site, release.Version));
    }

    // ---- client side ----

    private static async Task<int> DriveAsync(int watches)
    {
        var port = 5198;
        var data = Directory.CreateTempSubdirectory("opsconsole-watchload-").FullName;
        var self = Environment.ProcessPath!;
        using var server = Process.Start(new ProcessStartInfo(self)
        {
            ArgumentList = { "serve", port.ToString(CultureInfo.InvariantCulture), data },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var ready = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server did not start.");
            var key = ready["ready ".Length..];
            async Task<string> Ask(string command)
            {
                await server.StandardInput.WriteLineAsync(command);
                await server.StandardInput.FlushAsync();
                return await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server stopped.");
            }

            SocketsHttpHandler? handler = NewHandler();
            HttpClient? client = NewClient(handler, port, key);

            // One warm-up request of each kind, so the baseline includes JIT and the first connection.
            (await client.GetAsync("/api/v1/sites/HK/config")).EnsureSuccessStatusCode();
            (await client.GetAsync("/api/v1/sites/HK/config/watch?after=0&timeout=1")).EnsureSuccessStatusCode();
            var before = ParseMemory(await Ask("memory"));
            if (Environment.GetEnvironmentVariable("WATCHLOAD_IDLE") == "1")
            {
                var sockets = new List<System.Net.Sockets.Socket>();
                for (var i = 0; i < watches; i++)
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                    sockets.Add(socket);
                }

                await Task.Delay(2000);
                var idle = ParseMemory(await Ask("memory"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"idle connections: managed heap {(idle.Heap - before.Heap) / (double)watches / 1024:F2} KB, working set {(idle.WorkingSet - before.WorkingSet) / (double)watches / 1024:F2} KB per connection"));
                var request = System.Text.Encoding.ASCII.GetBytes($"GET /api/v1/sites/HK/config/watch?after=1&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {key}\r\n\r\n");
                var sent = 0;
                foreach (var socket in sockets)
                {
                    await socket.SendAsync(request);
                    if (++sent % 50 == 0 && Environment.GetEnvironmentVariable("WATCHLOAD_SLOW") == "1")
                    {
                        await Task.Delay(10);
                    }
                }

                await Task.Delay(3000);
                var parked = ParseMemory(await Ask("memory"));
                Console.WriteLine(await Ask("waiting"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"raw-socket watches: managed heap {(parked.Heap - before.Heap) / (double)watches / 1024:F2} KB, working set {(parked.WorkingSet - before.WorkingSet) / (double)watches / 1024:F2} KB per watch"));
                await server.StandardInput.WriteLineAsync("quit");
                await server.StandardInput.FlushAsync();
                return 0;
            }

            // Two rounds, each with fresh connections: the first publish after start (the code of the wake path not
            // yet tiered up: what the first publish of a restarted instance meets) and the next one (steady state).
            var ok = true;
            for (var round = 1; round <= 2; round++)
            {
                ok &= await RoundAsync(round, after: round, watches, port, key, handler, client, Ask);
                handler = null;
                client = null;
            }

            await server.StandardInput.WriteLineAsync("quit");
            await server.StandardInput.FlushAsync();
            await server.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            return ok ? 0 : 1;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// WATCHLOAD_CLIENT=raw: each watch is a plain socket that sends the same request HttpClient sends (Host, X-Api-Key)
    /// and reads the status line, headers and the whole Content-Length body. The driver shares the machine's cores
    /// with the server, and HttpClient's per-response work delays the server's answers; this client does far less.
    /// It measures the same thing: publish asked to the last byte of each answer received.
    /// </summary>
    private static readonly bool RawClient = Environment.GetEnvironmentVariable("WATCHLOAD_CLIENT") == "raw";

    private static async Task<(HttpStatusCode Status, long Done)> RawWatchAsync(int port, byte[] request)
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(request);
        // Wait without a buffer; take one only when the answer arrives, so 10,000 waiting watches cost the driver little.
        await socket.ReceiveAsync(Memory<byte>.Empty);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
                if (read == 0)
                {
                    throw new InvalidOperationException("The server closed the connection before the whole answer.");
                }

                filled += read;
                var received = buffer.AsSpan(0, filled);
                var headerEnd = received.IndexOf("\r\n\r\n"u8);
                if (headerEnd < 0)
                {
                    continue;
                }

                var headers = System.Text.Encoding.ASCII.GetString(received[..headerEnd]);
                var status = (HttpStatusCode)int.Parse(headers.AsSpan(9, 3), CultureInfo.InvariantCulture);
                var length = 0;
                foreach (var line in headers.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        length = int.Parse(line.AsSpan("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
                    }
                }

                if (filled >= headerEnd + 4 + length)
                {
                    return (status, Stopwatch.GetTimestamp());
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>WATCHLOAD_HTTP=2: HttpClient speaks h2c (prior knowledge) to the server's HTTP/2-only endpoint, opening a connection per 100 streams (Kestrel's default limit).</summary>
    private static readonly bool Http2 = Environment.GetEnvironmentVariable("WATCHLOAD_HTTP") == "2";

    private static SocketsHttpHandler NewHandler() =>
        new() { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, ConnectTimeout = TimeSpan.FromSeconds(30), EnableMultipleHttp2Connections = true };

    private static HttpClient NewClient(SocketsHttpHandler handler, int port, string key)
    {
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{(Http2 ? port + 1 : port)}"), Timeout = TimeSpan.FromSeconds(90) };
        if (Http2)
        {
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Parks <paramref name="watches"/> watches on fresh connections, measures memory, publishes, reports; true when every answer was 200.</summary>
    private static async Task<bool> RoundAsync(int round, int after, int watches, int port, string key, SocketsHttpHandler? warmHandler, HttpClient? warmClient, Func<string, Task<string>> Ask)
    {
        // The first round uses the client that made the warm-up requests; later rounds start from new connections
        // (the previous round's were closed), so each round's memory counts connections as well as requests.
        using var handler = warmHandler ?? NewHandler();
        using var client = warmClient ?? NewClient(handler, port, key);
        await Task.Delay(1000);
        var before = ParseMemory(await Ask("memory"));
        var publishAsked = 0L;
        var rawRequest = System.Text.Encoding.ASCII.GetBytes($"GET /api/v1/sites/HK/config/watch?after={after}&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Api-Key: {key}\r\n\r\n");
        var latencies = new double[watches];
        var statuses = new HttpStatusCode[watches];
        var opening = Stopwatch.StartNew();
        var tasks = new Task[watches];
        for (var i = 0; i < watches; i++)
        {
            var index = i;
            tasks[i] = RawClient ? Task.Run(async () =>
            {
                (statuses[index], var done) = await RawWatchAsync(port, rawRequest);
                latencies[index] = Stopwatch.GetElapsedTime(Interlocked.Read(ref publishAsked), done).TotalMilliseconds;
            }) : Task.Run(async () =>
            {
                using var response = await client.GetAsync($"/api/v1/sites/HK/config/watch?after={after}&timeout=60", HttpCompletionOption.ResponseContentRead);
                var done = Stopwatch.GetTimestamp();
                statuses[index] = response.StatusCode;
                latencies[index] = Stopwatch.GetElapsedTime(Interlocked.Read(ref publishAsked), done).TotalMilliseconds;
            });
        }

        int waiting;
        do
        {
            await Task.Delay(200);
            waiting = int.Parse((await Ask("waiting"))["waiting ".Length..], CultureInfo.InvariantCulture);
        }
        while (waiting < watches && opening.Elapsed < TimeSpan.FromSeconds(50));

        Console.WriteLine($"round {round}, {(RawClient ? "raw socket client" : Http2 ? "HttpClient over h2c" : "HttpClient")} ({(round == 1 ? "first publish after start" : "a later publish")}): {waiting} of {watches} watches waiting after {opening.Elapsed.TotalSeconds:F1} s");
        var parked = ParseMemory(await Ask("memory"));
        Interlocked.Exchange(ref publishAsked, Stopwatch.GetTimestamp());
        var published = Ask("publish");
        await Task.WhenAll(tasks);
        _ = await published;

        Array.Sort(latencies);
        var ok = statuses.Count(s => s == HttpStatusCode.OK);
        Console.WriteLine($"  answers: {ok} x 200 of {watches}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  publish to answer: min {latencies[0]:F1} ms, p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms"));
        Console.WriteLine("  " + (await Ask("timing"))["timing ".Length..]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server memory per waiting watch: managed heap {(parked.Heap - before.Heap) / (double)waiting / 1024:F2} KB, working set {(parked.WorkingSet - before.WorkingSet) / (double)waiting / 1024:F2} KB"));
        return ok == watches;
    }

    private static (long Heap, long WorkingSet) ParseMemory(string line)
    {
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
