using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Api;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;

namespace OpsConsole.Bench;

/// <summary>
/// <c>WatchLoad [watches]</c>: starts a server process (this program with <c>serve</c>) that hosts the console
/// itself (<see cref="OpsConsoleApp.Build"/>, Production, its middleware and logging), parks N watches on HK,
/// measures the server's memory per waiting watch, publishes a new HK release inside the server, and reports how
/// long each watch took to answer after the publish was asked for, and the server's CPU time for it (with the collections,
/// compiled methods, pool threads and pinned heap that explain a slow round). Loopback
/// only. The server and the driver are separate processes so each one's memory and CPU are its own.
/// </summary>
/// <remarks>
/// Environment: WATCHLOAD_CLIENT = c (bench/watchc, a C epoll loop; its path in WATCHC) or http (HttpClient);
/// WATCHLOAD_HTTP=2 makes the driver speak h2c to a second, HTTP/2-only listener (watchc: WATCHLOAD_STREAMS watches per
/// connection, 100 by default; HttpClient: its own choice, 100); WATCHLOAD_ENCODING sets the
/// watches' Accept-Encoding; WATCHLOAD_ROUNDS (3) publishes that many times, after WATCHLOAD_WARMUP (0) publishes to a
/// tenth of the watches; diagnostics: WATCHLOAD_IDLE=1 (memory of
/// idle connections and of watches without answering them), WATCHLOAD_SERVER_TIMING=1 (when the server finished each
/// answer; adds a middleware that holds about 120 bytes per parked watch), WATCHLOAD_PERF=file (perf profile of the
/// last round), WATCHLOAD_JITLOG=file (the runtime logs each method it compiles; each round lists those compiled
/// during its burst), WATCHLOAD_PAUSE=file (hold the first round's parked watches until the file exists). With watchc,
/// WATCHC_IDLE=1 puts the driver at idle priority once its requests are out (see bench/watchc/watchc.c) and
/// every round also reports when the answers arrived in the driver's sockets.
/// </remarks>
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

    // ---- server side: the console as it runs in production, with a command channel on stdin/stdout ----

    private static async Task<int> ServeAsync(int port, string data)
    {
        var serverTiming = Environment.GetEnvironmentVariable("WATCHLOAD_SERVER_TIMING") == "1";
        var finished = new long[1_000_000];
        var finishedCount = 0;
        var app = OpsConsoleApp.Build(
            OpsConsole.Testing.ProductionConsole.Arguments(
                data,
                // The console logs as configured in appsettings.json, but to stderr: stdout is the command channel.
                "--Logging:Console:LogToStandardErrorThreshold=Trace",
                // One key makes every watch: lift its rate limit.
                "--Api:RateLimit:PermitsPerSecond=100000000", "--Api:RateLimit:Burst=100000000"),
            builder =>
            {
                builder.WebHost.ConfigureKestrel(kestrel =>
                {
                    kestrel.Listen(IPAddress.Loopback, port);
                    // h2c with prior knowledge (WATCHLOAD_HTTP=2): many watches share a connection, as they do over TLS with ALPN.
                    kestrel.Listen(IPAddress.Loopback, port + 1, listen => listen.Protocols = HttpProtocols.Http2);
                });
                if (serverTiming)
                {
                    // Outermost, so it sees the consumer API, which routing runs (short-circuited) before the console's middleware.
                    builder.Services.AddSingleton<IStartupFilter>(new TimingFilter(() =>
                    {
                        var slot = Interlocked.Increment(ref finishedCount) - 1;
                        if (slot < finished.Length)
                        {
                            finished[slot] = Stopwatch.GetTimestamp();
                        }
                    }));
                }
            });

        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ReleaseImporter>().ImportAsync(DemoConfigurations.For("HK"), Bench, "demo-HK.json", CancellationToken.None);
        var key = (await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync("watch load", ["HK"], Bench, CancellationToken.None)).Created
            ?? throw new InvalidOperationException("The watch-load key was refused.");
        await app.StartAsync();
        var cache = app.Services.GetRequiredService<ReleaseCache>();
        var woken = 0L;
        var publishAsked = 0L;
        var cpuAtPublish = TimeSpan.Zero;
        var kernelCpuAtPublish = TimeSpan.Zero;
        var gcsAtPublish = 0;
        var gen1AtPublish = 0;
        var gen2AtPublish = 0;
        var pauseAtPublish = TimeSpan.Zero;
        var allocatedAtPublish = 0L;
        var jittedAtPublish = 0L;
        var jitTimeAtPublish = TimeSpan.Zero;
        var jitLog = Environment.GetEnvironmentVariable("DOTNET_JitStdOutFile");
        var jitLogAtPublish = 0L;
        var threadsAtPublish = new Dictionary<int, long>();
        var stealAtPublish = 0L;
        cache.CurrentChanged += _ => Interlocked.Exchange(ref woken, Stopwatch.GetTimestamp());

        string? Answer(string command)
        {
            switch (command)
            {
                case "pid":
                    return $"pid {Environment.ProcessId}";
                case "waiting":
                    return $"waiting {cache.WaitingWatches}";
                case "memory":
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    using (var self = Process.GetCurrentProcess())
                    {
                        return $"memory {GC.GetTotalMemory(false)} {self.WorkingSet64} {GC.GetGCMemoryInfo().TotalCommittedBytes}";
                    }

                case "cpu":
                    if (jitLog is not null)
                    {
                        using var log = new FileStream(jitLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                        log.Position = jitLogAtPublish;
                        foreach (var line in new StreamReader(log).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        {
                            Console.Error.WriteLine($"  compiled during the burst: {line.Trim()}");
                        }
                    }

                    // How the burst's CPU spread over the threads: on two cores, a busiest thread near the total means one core did it.
                    var onCpu = ThreadCpu().Select(t => t.Value - threadsAtPublish.GetValueOrDefault(t.Key)).Where(ns => ns >= 1_000_000).ToList();
                    return string.Create(CultureInfo.InvariantCulture, $"cpu {(Environment.CpuUsage.TotalTime - cpuAtPublish).TotalMilliseconds:F0} ms ({(Environment.CpuUsage.PrivilegedTime - kernelCpuAtPublish).TotalMilliseconds:F0} ms in the kernel), {GC.CollectionCount(0) - gcsAtPublish} collections (gen1 {GC.CollectionCount(1) - gen1AtPublish}, gen2 {GC.CollectionCount(2) - gen2AtPublish}, paused {(GC.GetTotalPauseDuration() - pauseAtPublish).TotalMilliseconds:F0} ms), {(GC.GetTotalAllocatedBytes(precise: true) - allocatedAtPublish) / 1024.0 / 1024.0:F1} MB allocated, {JitInfo.GetCompiledMethodCount() - jittedAtPublish} methods compiled in {(JitInfo.GetCompilationTime() - jitTimeAtPublish).TotalMilliseconds:F0} ms, {ThreadPool.ThreadCount} pool threads ({onCpu.Count} ran 1 ms or more, the busiest {(onCpu.Count == 0 ? 0 : onCpu.Max()) / 1e6:F0} ms), pinned heap {GC.GetGCMemoryInfo(GCKind.Any).GenerationInfo[4].SizeAfterBytes / 1024.0 / 1024.0:F1} MB after the last collection, {StealMilliseconds() - stealAtPublish} ms of the cores taken by the host (steal)");
                default:
                    return null;
            }
        }

        Console.WriteLine($"ready {key.Secret}");

        // Commands from the driver, one per line, read on a thread of their own: a pool thread blocked in ReadLine would
        // count as one of the pool's working threads for the whole run, which the console in service does not have.
        var commands = System.Threading.Channels.Channel.CreateUnbounded<string>();
        new Thread(() =>
        {
            while (Console.ReadLine() is { } line)
            {
                commands.Writer.TryWrite(line);
            }

            commands.Writer.Complete();
        }) { IsBackground = true, Name = "Bench commands" }.Start();
        await foreach (var command in commands.Reader.ReadAllAsync())
        {
            if (Answer(command) is { } answer)
            {
                Console.WriteLine(answer);
                continue;
            }

            switch (command)
            {
                case "publish":
                    finishedCount = 0;
                    cpuAtPublish = Environment.CpuUsage.TotalTime;
                    kernelCpuAtPublish = Environment.CpuUsage.PrivilegedTime;
                    gcsAtPublish = GC.CollectionCount(0);
                    gen1AtPublish = GC.CollectionCount(1);
                    gen2AtPublish = GC.CollectionCount(2);
                    pauseAtPublish = GC.GetTotalPauseDuration();
                    allocatedAtPublish = GC.GetTotalAllocatedBytes(precise: true);
                    jittedAtPublish = JitInfo.GetCompiledMethodCount();
                    jitTimeAtPublish = JitInfo.GetCompilationTime();
                    jitLogAtPublish = jitLog is null || !File.Exists(jitLog) ? 0 : new FileInfo(jitLog).Length;
                    threadsAtPublish = ThreadCpu();
                    stealAtPublish = StealMilliseconds();
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

    /// <summary>
    /// CPU time the hypervisor gave elsewhere while this machine's cores wanted it ("steal" in /proc/stat, all cores, in
    /// USER_HZ ticks of 10 ms): a round that is slow while the server's own CPU is ordinary can be the host's doing.
    /// </summary>
    private static long StealMilliseconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 8 ? long.Parse(fields[8], CultureInfo.InvariantCulture) * 10 : 0;
    }

    /// <summary>Nanoseconds each of this process's threads has spent on a CPU (/proc/self/task/*/schedstat), by thread id.</summary>
    private static Dictionary<int, long> ThreadCpu()
    {
        var result = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var onCpu = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0];
                result[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = long.Parse(onCpu, CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return result;
    }

    private sealed class TimingFilter(Action finished) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                if (context.Request.Path.Value?.EndsWith("/watch", StringComparison.Ordinal) == true)
                {
                    finished();
                }
            });
            next(app);
        };
    }

    private static async Task PublishAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var release = await services.GetRequiredService<ReleasePublisher>().AddAsync(db, DemoConfigurations.For("HK"), "Load test publish", null, Bench, [], Bench, AuditActions.Publish, new { }, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        services.GetRequiredService<WorkflowEvents>().Raise(new ReleasePublished(release));
    }

    // ---- driver side ----

    private static readonly string Client = Environment.GetEnvironmentVariable("WATCHLOAD_CLIENT") ?? "http";
    private static readonly bool Http2 = Environment.GetEnvironmentVariable("WATCHLOAD_HTTP") == "2";
    // Watches per HTTP/2 connection (watchc only): 100 is Kestrel's default limit of concurrent streams; fewer model more consumers each holding fewer watches.
    private static readonly int Streams = int.Parse(Environment.GetEnvironmentVariable("WATCHLOAD_STREAMS") ?? "100", CultureInfo.InvariantCulture);
    private static readonly string? AcceptEncoding = Environment.GetEnvironmentVariable("WATCHLOAD_ENCODING") is { Length: > 0 } e ? e : null;

    private static async Task<int> DriveAsync(int watches)
    {
        if (Client is not ("c" or "http"))
        {
            throw new InvalidOperationException($"WATCHLOAD_CLIENT is c or http, not '{Client}'.");
        }

        var port = 5198;
        var data = Directory.CreateTempSubdirectory("opsconsole-watchload-").FullName;
        using var server = Process.Start(new ProcessStartInfo(Environment.ProcessPath!)
        {
            ArgumentList = { "serve", port.ToString(CultureInfo.InvariantCulture), data },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            // WATCHLOAD_PERF: JIT-compiled code named in /tmp/perf-PID.map, outside the double-mapped (W^X) pages perf cannot attribute.
            Environment =
            {
                ["DOTNET_PerfMapEnabled"] = Environment.GetEnvironmentVariable("WATCHLOAD_PERF") is { Length: > 0 } ? "1" : "0",
                ["DOTNET_EnableWriteXorExecute"] = Environment.GetEnvironmentVariable("WATCHLOAD_PERF") is { Length: > 0 } ? "0" : "1",
                // WATCHLOAD_JITLOG: the runtime names every method it compiles; the server reports those of each burst.
                ["DOTNET_JitStdOutFile"] = Environment.GetEnvironmentVariable("WATCHLOAD_JITLOG"),
                ["DOTNET_JitDisasmSummary"] = Environment.GetEnvironmentVariable("WATCHLOAD_JITLOG") is { Length: > 0 } ? "1" : null,
            },
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

            // One warm-up request of each kind, so the baseline includes the first connection and the code of a watch.
            using (var warmHandler = NewHandler())
            using (var warm = NewClient(warmHandler, port, key))
            {
                (await warm.GetAsync("/api/v1/sites/HK/config")).EnsureSuccessStatusCode();
                (await warm.GetAsync("/api/v1/sites/HK/config/watch?after=0&timeout=1")).EnsureSuccessStatusCode();
            }

            var request = System.Text.Encoding.ASCII.GetBytes(
                $"GET /api/v1/sites/HK/config/watch?after={{AFTER}}&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Api-Key: {key}\r\n{(AcceptEncoding is null ? "" : $"Accept-Encoding: {AcceptEncoding}\r\n")}\r\n");
            if (Environment.GetEnvironmentVariable("WATCHLOAD_IDLE") == "1")
            {
                await IdleAsync(watches, port, Ask, System.Text.Encoding.ASCII.GetString(request).Replace("{AFTER}", "1", StringComparison.Ordinal));
            }
            else
            {
                // WATCHLOAD_WARMUP: publishes to a tenth of the watches first, as a server in service has answered before; the
                // runtime's tiered compilation settles over them (each round says how many methods it compiled).
                var warmups = int.Parse(Environment.GetEnvironmentVariable("WATCHLOAD_WARMUP") ?? "0", CultureInfo.InvariantCulture);
                var rounds = warmups + int.Parse(Environment.GetEnvironmentVariable("WATCHLOAD_ROUNDS") ?? "3", CultureInfo.InvariantCulture);
                var ok = true;
                for (var round = 1; round <= rounds; round++)
                {
                    var text = System.Text.Encoding.ASCII.GetString(request).Replace("{AFTER}", round.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                    var count = round <= warmups ? Math.Max(1, watches / 10) : watches;
                    ok &= await RoundAsync(round, last: round == rounds, after: round, count, port, key, System.Text.Encoding.ASCII.GetBytes(text), Ask);
                }

                if (!ok)
                {
                    return 1;
                }
            }

            await server.StandardInput.WriteLineAsync("quit");
            await server.StandardInput.FlushAsync();
            await server.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            return 0;
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

    /// <summary>WATCHLOAD_IDLE=1: what an idle connection costs the server, then what a parked watch adds to it.</summary>
    private static async Task IdleAsync(int watches, int port, Func<string, Task<string>> Ask, string request)
    {
        var before = ParseMemory(await Ask("memory"));
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
        var bytes = System.Text.Encoding.ASCII.GetBytes(request);
        foreach (var socket in sockets)
        {
            await socket.SendAsync(bytes);
        }

        await Task.Delay(3000);
        var parked = ParseMemory(await Ask("memory"));
        Console.WriteLine(await Ask("waiting"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parked watches: managed heap {(parked.Heap - before.Heap) / (double)watches / 1024:F2} KB, working set {(parked.WorkingSet - before.WorkingSet) / (double)watches / 1024:F2} KB per watch"));
        sockets.ForEach(s => s.Dispose());
    }

    private static SocketsHttpHandler NewHandler() =>
        new()
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = AcceptEncoding is null ? DecompressionMethods.None : DecompressionMethods.All,
        };

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
    private static async Task<bool> RoundAsync(int round, bool last, int after, int watches, int port, string key, byte[] request, Func<string, Task<string>> Ask)
    {
        await Task.Delay(1000);
        var before = ParseMemory(await Ask("memory"));
        var publishAsked = 0L;
        var latencies = new double[watches];
        double[]? arrivals = null;
        var statuses = new HttpStatusCode[watches];
        var opening = Stopwatch.StartNew();
        using var handler = NewHandler();
        using var client = NewClient(handler, port, key);
        Task[] tasks = [];
        Process? native = null;
        if (Client == "c")
        {
            // The round's watches live in one native process; it says "done" when every answer is in, then prints them.
            var requestFile = Path.Combine(Path.GetTempPath(), $"watchc-request-{Environment.ProcessId}.http");
            await File.WriteAllBytesAsync(requestFile, request);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("WATCHC") ?? throw new InvalidOperationException("WATCHLOAD_CLIENT=c needs WATCHC, the path of the watchc binary (bench/watch.sh builds it)."))
            {
                ArgumentList = { (Http2 ? port + 1 : port).ToString(CultureInfo.InvariantCulture), watches.ToString(CultureInfo.InvariantCulture), requestFile },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Http2)
            {
                start.ArgumentList.Add(Streams.ToString(CultureInfo.InvariantCulture));
            }

            native = Process.Start(start)!;
            if (await native.StandardOutput.ReadLineAsync() != "sent")
            {
                throw new InvalidOperationException("watchc did not send its requests.");
            }
        }
        else
        {
            tasks = new Task[watches];
            var path = $"/api/v1/sites/HK/config/watch?after={after}&timeout=60";
            for (var i = 0; i < watches; i++)
            {
                var index = i;
                tasks[i] = Task.Run(async () =>
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    var done = Stopwatch.GetTimestamp();
                    statuses[index] = response.StatusCode;
                    latencies[index] = Stopwatch.GetElapsedTime(Interlocked.Read(ref publishAsked), done).TotalMilliseconds;
                });
            }
        }

        int waiting;
        do
        {
            await Task.Delay(200);
            waiting = int.Parse((await Ask("waiting"))["waiting ".Length..], CultureInfo.InvariantCulture);
        }
        while (waiting < watches && opening.Elapsed < TimeSpan.FromSeconds(50));

        var driver = (Client == "c" ? "watchc (C, epoll)" : "HttpClient") + (Http2 ? $" over h2c, {(Client == "c" ? Streams : 100)} streams per connection" : " over HTTP/1.1");
        Console.WriteLine($"round {round}, {driver}{(AcceptEncoding is null ? "" : $", Accept-Encoding: {AcceptEncoding}")} ({(round == 1 ? "first publish after start" : "a later publish")}): {waiting} of {watches} watches waiting after {opening.Elapsed.TotalSeconds:F1} s");
        var parked = ParseMemory(await Ask("memory"));
        if (round == 1 && Environment.GetEnvironmentVariable("WATCHLOAD_PAUSE") is { Length: > 0 } pauseFile)
        {
            Console.WriteLine($"  paused with {waiting} watches parked; server pid {(await Ask("pid"))["pid ".Length..]}; touch {pauseFile} to go on");
            while (!File.Exists(pauseFile))
            {
                await Task.Delay(500);
            }
        }

        using var perf = last && Environment.GetEnvironmentVariable("WATCHLOAD_PERF") is { Length: > 0 } perfFile
            ? Process.Start(new ProcessStartInfo("perf", ["record", "-e", "cpu-clock", "-F", "4999", "-a", "-g", "-o", perfFile]) { RedirectStandardError = true, UseShellExecute = false })
            : null;
        if (perf is not null)
        {
            await Task.Delay(500);
        }

        Interlocked.Exchange(ref publishAsked, Stopwatch.GetTimestamp());
        var published = Ask("publish");
        string cpu;
        if (native is not null)
        {
            if (await native.StandardOutput.ReadLineAsync() is not "done")
            {
                throw new InvalidOperationException("watchc stopped before every answer was in.");
            }

            StopPerf(perf);
            _ = await published;
            cpu = await Ask("cpu");
            for (var i = 0; i < watches; i++)
            {
                var parts = (await native.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("watchc stopped early.")).Split(' ');
                statuses[i] = (HttpStatusCode)int.Parse(parts[0], CultureInfo.InvariantCulture);
                // Stopwatch reads CLOCK_MONOTONIC in nanoseconds on Linux, as watchc does.
                latencies[i] = Stopwatch.GetElapsedTime(publishAsked, long.Parse(parts[1], CultureInfo.InvariantCulture)).TotalMilliseconds;
                // When the answer's last byte reached the driver's socket (kernel receive timestamp), read or not; 0 when the
                // kernel gave none, and then the round reports no arrivals rather than a wrong number.
                var arrived = long.Parse(parts[2], CultureInfo.InvariantCulture);
                arrivals ??= new double[watches];
                arrivals[i] = arrived == 0 ? double.NaN : Stopwatch.GetElapsedTime(publishAsked, arrived).TotalMilliseconds;
            }

            native.StandardInput.Close();
            await native.WaitForExitAsync();
            native.Dispose();
        }
        else
        {
            await Task.WhenAll(tasks);
            StopPerf(perf);
            _ = await published;
            cpu = await Ask("cpu");
        }

        Array.Sort(latencies);
        var ok = statuses.Count(s => s == HttpStatusCode.OK);
        Console.WriteLine($"  answers: {ok} x 200 of {watches}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  publish to answer: min {latencies[0]:F1} ms, p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms; server CPU from the publish to the last answer {cpu["cpu ".Length..]}"));
        if (arrivals is not null && arrivals.Any(double.IsNaN))
        {
            Console.WriteLine($"  publish to arrival: {arrivals.Count(double.IsNaN)} answers came without a kernel receive timestamp; not reported");
        }
        else if (arrivals is not null)
        {
            Array.Sort(arrivals);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  publish to arrival in the driver's socket: min {arrivals[0]:F1} ms, p50 {Percentile(arrivals, 0.50):F1} ms, p99 {Percentile(arrivals, 0.99):F1} ms, max {arrivals[^1]:F1} ms{(Environment.GetEnvironmentVariable("WATCHC_IDLE") == "1" ? " (driver at idle priority while it reads)" : "")}"));
        }

        if (Environment.GetEnvironmentVariable("WATCHLOAD_SERVER_TIMING") == "1")
        {
            Console.WriteLine("  " + (await Ask("timing"))["timing ".Length..]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server memory per waiting watch: managed heap {(parked.Heap - before.Heap) / (double)waiting / 1024:F2} KB, working set {(parked.WorkingSet - before.WorkingSet) / (double)waiting / 1024:F2} KB (of which GC-committed {(parked.Committed - before.Committed) / (double)waiting / 1024:F2} KB)"));
        return ok == watches;
    }

    private static void StopPerf(Process? perf)
    {
        if (perf is { HasExited: false })
        {
            Process.Start("kill", ["-INT", perf.Id.ToString(CultureInfo.InvariantCulture)]).WaitForExit();
            perf.WaitForExit();
        }
    }

    private static (long Heap, long WorkingSet, long Committed) ParseMemory(string line)
    {
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
