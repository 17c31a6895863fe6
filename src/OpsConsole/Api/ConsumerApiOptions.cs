namespace OpsConsole.Api;

/// <summary>Settings under <c>Api</c>.</summary>
public sealed class ConsumerApiOptions
{
    public const string Section = "Api";

    public RateLimitSettings RateLimit { get; set; } = new();

    /// <summary>How often to look for releases written by another process (the import verb); a publish in this process is seen at once.</summary>
    public int ReleaseCheckSeconds { get; set; } = 10;

    /// <summary>How often last use of keys is written, and revocations by other processes are read.</summary>
    public int KeyFlushSeconds { get; set; } = 60;

    /// <summary>
    /// After a start, the console reads its own releases over each cleartext endpoint (<see cref="ConsumerApiWarmUp"/>)
    /// so that the first publish wakes watches into compiled code. Off in Development (appsettings.Development.json).
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// Only for the load test (bench/wrk.sh): a folder served under <c>/bench-static</c> with the static
    /// file middleware, so the API can be compared with a static file served by the same process. Unset in production.
    /// </summary>
    public string? BenchmarkStaticFolder { get; set; }
}

/// <summary>A token bucket per key: <see cref="PermitsPerSecond"/> sustained, <see cref="Burst"/> at once.</summary>
public sealed class RateLimitSettings
{
    public int PermitsPerSecond { get; set; } = 50;

    public int Burst { get; set; } = 100;
}
