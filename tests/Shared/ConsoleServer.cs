using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
namespace OpsConsole.Testing;

/// <summary>
/// The built console started as a real process on a free loopback port, on its own data folder. Linked into the test
/// projects that start it (the browser journeys, the command-line verbs' tests).
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ConsoleServer(Process process, Uri baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

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

    /// <param name="settings">Environment variables for the process, over the defaults (Development, the port, a fresh data folder).</param>
    /// <param name="port">A port picked beforehand with <see cref="FreePort"/>, when something else must know the address first.</param>
    /// <param name="workingDirectory">
    /// Started in this folder with no data setting, as <c>dotnet run</c> starts it: its data folder is <c>data</c> there.
    /// By default it starts beside the executable on a fresh data folder of its own.
    /// </param>
    public static async Task<ConsoleServer> StartAsync(IDictionary<string, string?>? settings = null, int? port = null, string? workingDirectory = null)
    {
        port ??= FreePort();
        var dataDirectory = workingDirectory is null ? Directory.CreateTempSubdirectory("opsconsole-e2e-").FullName : Path.Combine(workingDirectory, "data");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };
        if (workingDirectory is null)
        {
            environment["Storage__DataDirectory"] = dataDirectory;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var info = AppBinary.StartInfo(environment);
        info.WorkingDirectory = workingDirectory ?? info.WorkingDirectory;
        var process = Process.Start(info)!;
        var server = new ConsoleServer(process, new Uri($"http://127.0.0.1:{port}/"), dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilAliveAsync(TimeSpan.FromSeconds(90));
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitUntilAliveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The console exited with {process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The console did not answer /healthz within {timeout}:\n{Log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in /tmp: harmless.
        }
    }
}
