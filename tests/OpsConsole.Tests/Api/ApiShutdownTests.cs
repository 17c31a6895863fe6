using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpsConsole.Api;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Api;

/// <summary>What a SIGTERM does to consumers and to what the console has not written yet.</summary>
public sealed class ApiShutdownTests
{
    /// <summary>
    /// Kestrel waits for requests in flight before it stops, up to the host's shutdown timeout: a watch parked for 60 s kept
    /// the process for the whole 30 s, after which the connection was cut and the flush of keys' last use was cancelled.
    /// </summary>
    [Fact]
    public async Task Stopping_AnswersParkedWatchesAtOnce_AndNewWatchesDoNotPark()
    {
        await using var app = new ApiFactory();
        await app.InitializeAsync();
        var cache = app.Services.GetRequiredService<ReleaseCache>();
        var client = app.ApiClient(await app.CreateKeyAsync("HK"));
        var watch = client.GetAsync("/api/v1/sites/HK/config/watch?after=1&timeout=60");
        using (var parked = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (cache.WaitingWatches == 0)
            {
                await Task.Delay(5, parked.Token);
            }
        }

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(0, cache.WaitingWatches);
        Assert.Equal(HttpStatusCode.NotModified, (await watch).StatusCode);
        var late = cache.WaitForNewerAsync("HK", 1, TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.True(late.IsCompleted);
        Assert.Null(await late);
    }

    [Fact]
    public async Task Stop_PastTheShutdownTimeout_DoesNotThrow_AndAStopInTimeRecordsLastUse()
    {
        await using var app = new ApiFactory();
        await app.InitializeAsync();
        var key = await app.CreateKeyAsync("HK");
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(key).GetAsync("/api/v1/sites/HK/config")).StatusCode);
        var host = app.Services.GetRequiredService<IHost>();

        using (var expired = new CancellationTokenSource())
        {
            await expired.CancelAsync();
            // As the host calls it once its shutdown timeout has passed: the process must still end cleanly.
            await app.Services.GetServices<IHostedService>().OfType<ConsumerApiBackgroundService>().Single().StopAsync(expired.Token);
        }

        await host.StopAsync(CancellationToken.None);
        // Read apart from the app: once stopped, the factory's host may dispose its services at any moment.
        await using var db = new OpsConsoleDbContext(new DbContextOptionsBuilder<OpsConsoleDbContext>()
            .UseSqlite(PersistenceSetup.ConnectionString(Path.Combine(app.DataDirectory, StorageOptions.DatabaseFileName)))
            .Options);
        Assert.NotNull((await db.Set<ApiKey>().AsNoTracking().SingleAsync(k => k.Name.StartsWith("test HK"))).LastUsedAt);
    }
}
