using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using OpsConsole.Api;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Api;

/// <summary>Each test owns its app (and database): they break or restart it.</summary>
public sealed class ApiResilienceTests
{
    [Fact]
    public async Task Reads_AfterTheDatabaseFileIsMadeUnreadable_AreStillServedFromMemory_AndReadyzSaysSo()
    {
        await using var app = new ApiFactory();
        await app.InitializeAsync();
        var client = app.ApiClient(await app.CreateKeyAsync("HK", "TW"));
        var before = await client.GetAsync("/api/v1/sites/HK/config");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var health = app.CreateClient();
        Assert.Equal("Healthy", await (await health.GetAsync("/readyz")).Content.ReadAsStringAsync());

        app.MakeDatabaseUnreadable();

        var after = await client.GetAsync("/api/v1/sites/HK/config");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(await before.Content.ReadAsByteArrayAsync(), await after.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/TW/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/releases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/config/watch?after=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await client.GetAsync("/api/v1/sites/HK/config/watch?after=1&timeout=1")).StatusCode);
        var readyz = await health.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        var text = await readyz.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", text);
        Assert.Contains("database is unavailable", text, StringComparison.Ordinal);
        Assert.Contains("reads and watches of 2 sites from memory", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WithTheDatabaseGoneAndNothingInMemory_IsUnhealthy()
    {
        await using var app = new ApiFactory();
        await app.Services.PrepareDatabaseAsyncOnly();
        var health = app.CreateClient();

        app.MakeDatabaseUnreadable();

        var readyz = await health.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.StartsWith("Unhealthy", await readyz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AfterARestart_TheCacheIsRebuiltFromTheDatabase()
    {
        var directory = Directory.CreateTempSubdirectory("opsconsole-restart-").FullName;
        try
        {
            string key;
            byte[] served;
            await using (var first = new ApiFactory { Settings = { ["Storage:DataDirectory"] = directory } })
            {
                await first.InitializeAsync();
                key = await first.CreateKeyAsync("HK");
                var release = await first.PublishAsync(Domain.Demo.DemoConfigurations.For("HK"), "Second HK release");
                await first.WaitUntilServedAsync("HK", release.Version);
                served = await first.ApiClient(key).GetByteArrayAsync("/api/v1/sites/HK/config");
            }

            TestDatabases.CloseConsoleDatabase(directory);
            await using var second = new ApiFactory { Settings = { ["Storage:DataDirectory"] = directory } };
            _ = second.Server;
            var cache = second.Services.GetRequiredService<ReleaseCache>();

            // Loaded at start-up by the hosted service, before any request.
            Assert.True(cache.IsLoaded);
            Assert.Equal(2, cache.Current("HK")!.Version);
            var response = await second.ApiClient(key).GetAsync("/api/v1/sites/HK/config");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(served, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(2, JsonDocument.Parse(served).RootElement.GetProperty("version").GetInt32());
        }
        finally
        {
            TestDatabases.CloseConsoleDatabase(directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task APublishInThisProcess_IsServedAsCommitted_WithoutReadingTheDatabaseBack()
    {
        await using var app = new ApiFactory();
        await app.InitializeAsync();
        var client = app.ApiClient(await app.CreateKeyAsync("HK"));
        // Memory holds v1 (InitializeAsync waits for it), or the cache would (rightly) read v2 from the database, which
        // is about to go away.
        var release = await app.CommitAsync(Domain.Demo.DemoConfigurations.For("HK"), "Served as committed");

        // Between the commit and the event the database goes away: only the release the event carries can be served.
        app.MakeDatabaseUnreadable();
        app.RaisePublished(release);
        await app.WaitUntilServedAsync("HK", release.Version);

        var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sites/HK/config")).RootElement;
        Assert.Equal(2, document.GetProperty("version").GetInt32());
        Assert.Equal(release.Hash, document.GetProperty("hash").GetString());
        var releases = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sites/HK/releases")).RootElement;
        Assert.Equal([2, 1], releases.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
        Assert.Equal("Served as committed", releases[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task APublishAfterAReleaseThisProcessWasNotToldOf_ReadsBothFromTheDatabase()
    {
        await using var app = new ApiFactory();
        await app.InitializeAsync();
        var client = app.ApiClient(await app.CreateKeyAsync("HK"));
        // v2 as the import verb would write it from another process; this process has not checked yet.
        await app.CommitAsync(Domain.Demo.DemoConfigurations.For("HK"), "Written elsewhere");

        var release = await app.PublishAsync(Domain.Demo.DemoConfigurations.For("HK"), "Published here");
        await app.WaitUntilServedAsync("HK", release.Version);

        Assert.Equal(3, release.Version);
        var releases = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sites/HK/releases")).RootElement;
        Assert.Equal([3, 2, 1], releases.EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/releases/2")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_PerKey_Answers429WithRetryAfter_AndOtherKeysAreUnaffected()
    {
        await using var app = new ApiFactory { Settings = { ["Api:RateLimit:PermitsPerSecond"] = "1", ["Api:RateLimit:Burst"] = "3" } };
        await app.InitializeAsync();
        var busy = app.ApiClient(await app.CreateKeyAsync("HK"));
        var quiet = app.ApiClient(await app.CreateKeyAsync("HK"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await busy.GetAsync("/api/v1/sites/HK/config");
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        var seen = string.Join(", ", statuses.Select(s => (int)s));
        Assert.True(limited is not null, $"No 429 in: {seen}");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= 3, $"Fewer than the burst of 3 answered: {seen}");
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/sites/HK/config")).StatusCode);
    }
}

internal static class ServiceProviderTestExtensions
{
    /// <summary>Migrates without importing anything.</summary>
    public static Task PrepareDatabaseAsyncOnly(this IServiceProvider services) => Persistence.PersistenceSetup.PrepareDatabaseAsync(services);
}
