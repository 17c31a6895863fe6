using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace OpsConsole.Infrastructure;

/// <summary>
/// Kestrel refusing to start because another process listens on an address the console was given: an operator's everyday
/// mistake (a second console, the port of something else), which the host reported as "Hosting failed to start" with the
/// whole stack trace, then again as an unhandled exception, and never said plainly what to do.
/// </summary>
public static partial class TakenAddress
{
    /// <summary>Whether <paramref name="failure"/> is Kestrel's failure to bind an address that is in use.</summary>
    public static bool Is(Exception failure) => failure is IOException { InnerException: AddressInUseException };

    /// <summary>The refusal printed for <paramref name="failure"/>, one that <see cref="Is"/> accepts.</summary>
    public static string Refusal(IOException failure)
    {
        // Kestrel names the endpoint only in its message ("Failed to bind to address http://127.0.0.1:5080: address already in use.").
        var named = BoundAddress().Match(failure.Message);
        var address = named.Success ? named.Groups["address"].Value : "an address it was given";
        return $"{address} is already in use by another process, so the console cannot listen there. Nothing was served. Start the console on another address (--urls http://127.0.0.1:5081, or ASPNETCORE_URLS), or stop the process that listens on {address} first.";
    }

    /// <summary>Leaves out the host's own log of this failure ("Hosting failed to start" and the stack trace): Program.cs says it in one paragraph.</summary>
    public static void LeaveOutOfTheHostsLog(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(provider => new WithoutTakenAddressFailures(ActivatorUtilities.CreateInstance<LoggerFactory>(provider)));

    [GeneratedRegex("address (?<address>\\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();

    private sealed class WithoutTakenAddressFailures(ILoggerFactory inner) : ILoggerFactory
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
            if (exception is not null && Is(exception))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
