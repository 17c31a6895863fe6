using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace OpsConsole.Infrastructure;

/// <summary>
/// An address the console was given and cannot listen on: another process listens there (a second console, the port of
/// something else), the port is one only privileged processes may take (80 for a service account), the address is not one
/// of this machine's, or it names a host. Kestrel reported each as "Hosting failed to start" with the whole stack trace,
/// the runtime printed it again as an unhandled exception, and neither said plainly what to do.
/// </summary>
public static partial class UnusableAddress
{
    /// <summary>
    /// The one-line refusal for <paramref name="failure"/> when it is Kestrel's failure to listen on an address it was given,
    /// or null for any other failure.
    /// </summary>
    public static string? Refusal(Exception failure) => failure switch
    {
        IOException { InnerException: AddressInUseException } inUse => InUse(inUse),
        RefusedAddressException refused => Refusal(refused),
        // localhost is two addresses, IPv4's and IPv6's loopback; Kestrel throws both failures together when neither binds.
        IOException { InnerException: AggregateException both } when both.InnerExceptions.FirstOrDefault() is RefusedAddressException first => Refusal(first),
        _ => null,
    };

    /// <summary>
    /// Refuses, before anything starts, an address in <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) or in a Kestrel
    /// endpoint that names a host: Kestrel does not look the name up, it listens on every address of this machine instead,
    /// so that a name standing for nothing, or for this machine's loopback alone, served the console on every network.
    /// </summary>
    /// <exception cref="StartupException">An address names a host.</exception>
    public static void RefuseHostNames(IConfiguration configuration)
    {
        var given = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>());
        foreach (var url in given)
        {
            if (HostName(url) is { } host)
            {
                var port = BindingAddress.Parse(url).Port;
                throw new StartupException(
                    $"{url} names the host {host}, and the console listens on addresses, not names: given a name, it would listen on every address of this machine, whatever the name stands for, if anything. Nothing was served. Give an address instead (--urls http://127.0.0.1:{port} for this machine alone, http://0.0.0.0:{port} for all of its addresses, or the one address of this machine that {host} stands for).");
            }
        }
    }

    /// <summary>The host <paramref name="url"/> names, or null when it is an address: an IP address, localhost, or * or + (every address).</summary>
    public static string? HostName(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            // Kestrel says what is wrong with an address it cannot read.
            return null;
        }

        var host = address.Host;
        var isAddress = address.IsUnixPipe || address.IsNamedPipe || host is "*" or "+"
            || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host.Trim('[', ']'), out _);
        return isAddress ? null : host;
    }

    /// <summary>
    /// Names the address in a failure to listen that Kestrel leaves unnamed: it names the address only when another process
    /// holds it, and throws a bare "Permission denied" or "Cannot assign requested address" otherwise.
    /// </summary>
    public static void NameTheAddressOfRefusedListens(IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(sockets =>
        {
            var bind = sockets.CreateBoundListenSocket;
            sockets.CreateBoundListenSocket = endpoint =>
            {
                try
                {
                    return bind(endpoint);
                }
                catch (SocketException failure) when (failure.SocketErrorCode is SocketError.AccessDenied or SocketError.AddressNotAvailable)
                {
                    // Not an IOException: Kestrel then still tries 0.0.0.0 when [::] fails, as it does for the bare SocketException.
                    throw new RefusedAddressException(endpoint, failure);
                }
            };
        });

    /// <summary>Leaves out the host's own log of these failures ("Hosting failed to start" and the stack trace): Program.cs says it in one line.</summary>
    public static void LeaveOutOfTheHostsLog(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(provider => new WithoutUnusableAddressFailures(ActivatorUtilities.CreateInstance<LoggerFactory>(provider)));

    private static string InUse(IOException failure)
    {
        // Kestrel names the endpoint only in its message ("Failed to bind to address http://127.0.0.1:5080: address already in use.").
        var named = BoundAddress().Match(failure.Message);
        var address = named.Success ? named.Groups["address"].Value : "an address it was given";
        return $"{address} is already in use by another process, so the console cannot listen there. Nothing was served. Start the console on another address (--urls http://127.0.0.1:5081, or ASPNETCORE_URLS), or stop the process that listens on {address} first.";
    }

    private static string Refusal(RefusedAddressException refused)
    {
        var address = refused.EndPoint.ToString();
        var port = refused.EndPoint is IPEndPoint ip ? ip.Port : 0;
        return refused.Failure.SocketErrorCode switch
        {
            SocketError.AccessDenied when port is > 0 and < 1024 =>
                $"{address}: ports below 1024 are kept for privileged processes, and the console runs as the user {Environment.UserName}, so it cannot listen on port {port}. Nothing was served. Start the console on a port from 1024 up (--urls http://0.0.0.0:5080) behind a reverse proxy that listens on {port}, or give it the right to take such a port (setcap cap_net_bind_service=+ep on its executable, or AmbientCapabilities=CAP_NET_BIND_SERVICE in its systemd unit).",
            SocketError.AccessDenied =>
                $"{address}: the system does not let the user {Environment.UserName}, whom the console runs as, listen there. Nothing was served. Start the console on another address (--urls http://127.0.0.1:5080, or ASPNETCORE_URLS), or find what forbids it (a security policy such as SELinux or AppArmor).",
            _ =>
                $"{address} is not an address of this machine, so the console cannot listen there. Nothing was served. Start the console on an address this machine has (--urls http://127.0.0.1:{port} for this machine alone, http://0.0.0.0:{port} for all of its addresses; `ip address` lists them).",
        };
    }

    [GeneratedRegex("address (?<address>\\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();

    /// <summary>Kestrel's failure to listen on <see cref="EndPoint"/>, with the address it leaves out of its own.</summary>
    private sealed class RefusedAddressException(EndPoint endPoint, SocketException failure) : Exception($"Cannot listen on {endPoint}: {failure.Message}", failure)
    {
        public EndPoint EndPoint { get; } = endPoint;

        public SocketException Failure { get; } = failure;
    }

    private sealed class WithoutUnusableAddressFailures(ILoggerFactory inner) : ILoggerFactory
    {
        // The host logs a failed start under its own type's name, Microsoft.Extensions.Hosting.Internal.Host, event 11.
        private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName == HostCategory ? new HostLogger(logger) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class HostLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && Refusal(exception) is not null)
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
