using Microsoft.Extensions.Options;

namespace OpsConsole.Api;

/// <summary>
/// Fills the release cache and the key registry at start (so the first consumer after a restart is
/// served from memory), then keeps them in step with other processes and records keys' last use.
/// </summary>
public sealed class ConsumerApiBackgroundService(ReleaseCache releases, ApiKeyRegistry keys, IOptions<ConsumerApiOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ConsumerApiBackgroundService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the server takes requests. A database that cannot be read yet is not fatal here: the
        // start-up migration reports that, and the cache loads on first use or at the next check.
        await releases.LoadAsync(cancellationToken);
        await keys.ReloadAsync(TimeSpan.Zero, cancellationToken);
        // Fires before the server stops: parked watches answer then, so Kestrel has no long request to wait for.
        lifetime.ApplicationStopping.Register(releases.AnswerWatchesForShutdown);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var releaseCheck = TimeSpan.FromSeconds(Math.Max(1, options.Value.ReleaseCheckSeconds));
        var keyFlush = TimeSpan.FromSeconds(Math.Max(1, options.Value.KeyFlushSeconds));
        var nextKeyFlush = clock.GetUtcNow() + keyFlush;
        using var timer = new PeriodicTimer(releaseCheck, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await releases.LoadAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextKeyFlush)
                {
                    nextKeyFlush = clock.GetUtcNow() + keyFlush;
                    await keys.FlushLastUsedAsync(stoppingToken);
                    await keys.ReloadAsync(TimeSpan.Zero, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Last use seen since the previous flush is not lost on a clean shutdown.
        try
        {
            await keys.FlushLastUsedAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout has passed: ending on time matters more than last use, and an exception here
            // ended the process with a stack trace instead of its exit code.
            logger.LogWarning("The shutdown timeout passed before API keys' last use was recorded; it is lost since the last flush");
        }
    }
}
