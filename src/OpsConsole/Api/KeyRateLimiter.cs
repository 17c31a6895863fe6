using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpsConsole.Api;

/// <summary>
/// A token bucket per API key (the shared framework's System.Threading.RateLimiting). Used by ApiKeyFilter
/// rather than the rate-limiting middleware because the API's calls are short-circuited past middleware.
/// </summary>
public sealed class KeyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<ApiKeyEntry> limiter;

    public KeyRateLimiter(IOptions<ConsumerApiOptions> options)
    {
        var limits = options.Value.RateLimit;
        // The console's own key (the warm-up at start) sends a few thousand requests in seconds, once, to itself.
        limiter = PartitionedRateLimiter.Create<ApiKeyEntry, int>(key => key.IsInternal ? RateLimitPartition.GetNoLimiter(key.Id) : RateLimitPartition.GetTokenBucketLimiter(key.Id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.Burst),
            TokensPerPeriod = Math.Max(1, limits.PermitsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public RateLimitLease Acquire(ApiKeyEntry key) => limiter.AttemptAcquire(key);

    public void Dispose() => limiter.Dispose();
}
