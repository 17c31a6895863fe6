using Microsoft.Extensions.DependencyInjection;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpsConsole.Api;
using OpsConsole.Domain.Demo;

namespace OpsConsole.Tests.Api;

/// <summary>Each test publishes to a site no other test in the class watches, so they cannot interfere.</summary>
public sealed class ApiWatchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Watch_WhenAlreadyNewer_ReturnsTheDocumentAtOnce()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.GetAsync("/api/v1/sites/HK/config/watch?after=0&timeout=60");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("HK", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("site").GetString());
    }

    [Fact]
    public async Task Watch_WhenNothingNewerBeforeTheTimeout_Returns304()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        var current = await client.GetAsync("/api/v1/sites/HK/config");
        var version = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32();

        var response = await client.GetAsync($"/api/v1/sites/HK/config/watch?after={version + 100}&timeout=1");

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Theory]
    [InlineData("after=1&timeout=61", "timeout")]
    [InlineData("after=1&timeout=0", "timeout")]
    [InlineData("after=1&timeout=soon", "timeout")]
    [InlineData("timeout=5", "after")]
    [InlineData("after=-1", "after")]
    [InlineData("after=x&timeout=99", "after", "timeout")]
    [InlineData("after=1&after=2", "after")]
    [InlineData("after=1&timeout=5&TIMEOUT=6", "timeout")]
    [InlineData("after=%2D1", "after")]
    public async Task Watch_BadParameters_Returns400NamingThem(string query, params string[] fields)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        await ApiAssert.InvalidFieldsAsync(await client.GetAsync($"/api/v1/sites/HK/config/watch?{query}"), fields);
    }

    [Theory]
    [InlineData("AFTER=0&Timeout=5")]
    [InlineData("after=%30&timeout=%35")]
    [InlineData("timeout=5&after=0&unknown=x")]
    public async Task Watch_ReadsItsQueryAsTheOtherCallsDo(string query)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.GetAsync($"/api/v1/sites/HK/config/watch?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Watch_AnswersInTheEncodingTheConsumerAccepts(string encoding)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        var plain = await client.GetAsync("/api/v1/sites/HK/config");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites/HK/config/watch?after=0");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await client.SendAsync(request);

        await ApiAssert.CompressedAsync(response, encoding, await plain.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Watch_WhenTheConsumerLeaves_IsNoLongerWaiting()
    {
        var cache = factory.Services.GetRequiredService<ReleaseCache>();
        var client = factory.ApiClient(await factory.CreateKeyAsync("MY"));
        var unreachable = (cache.Current("MY")?.Version ?? 0) + 1000;
        var waitingBefore = cache.WaitingWatches;
        using var leave = new CancellationTokenSource();

        var watch = client.GetAsync($"/api/v1/sites/MY/config/watch?after={unreachable}&timeout=60", leave.Token);
        await WaitUntilAsync(() => cache.WaitingWatches > waitingBefore);
        leave.Cancel();

        // Taken out of the site's wheel when the consumer leaves, not at its 60-second deadline (WaitUntilAsync gives up
        // after 30 seconds, so a watch left to its deadline fails this).
        await WaitUntilAsync(() => cache.WaitingWatches == waitingBefore);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    [Fact]
    public async Task Watch_IsWokenByAPublish_AndAnswersWithTheNewRelease()
    {
        var cache = factory.Services.GetRequiredService<ReleaseCache>();
        var client = factory.ApiClient(await factory.CreateKeyAsync("TW"));
        var before = cache.Current("TW")!.Version;
        var order = new ConcurrentQueue<string>();
        var waitingBefore = cache.WaitingWatches;

        var watch = Task.Run(async () =>
        {
            var response = await client.GetAsync($"/api/v1/sites/TW/config/watch?after={before}&timeout=60");
            order.Enqueue("watch answered");
            return response;
        });
        // The watch is parked on the site's task before anything is published (bounded wait, no timing asserted).
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (cache.WaitingWatches <= waitingBefore)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        Assert.False(watch.IsCompleted);
        order.Enqueue("publishing");
        var release = await factory.PublishAsync(DemoConfigurations.For("TW"), "Same configuration, new version");
        var answered = await watch;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var document = JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(release.Version, document.GetProperty("version").GetInt32());
        Assert.Equal(before + 1, release.Version);
        // The answer came after the publish started, and the watch was still waiting just before it.
        var events = order.ToArray();
        Assert.True(Array.IndexOf(events, "publishing") < Array.IndexOf(events, "watch answered"), string.Join(", ", events));
    }

    [Fact]
    public async Task Watch_ManyWatchersOfOneSite_AreAllWokenByOnePublish()
    {
        var cache = factory.Services.GetRequiredService<ReleaseCache>();
        var key = await factory.CreateKeyAsync("HK");
        var before = cache.Current("HK")!.Version;
        var waitingBefore = cache.WaitingWatches;

        // More than two of the batches the cache wakes at a time, the last one partial.
        var watches = Enumerable.Range(0, (2 * ReleaseCache.WakeBatch) + 7).Select(_ => factory.ApiClient(key).GetAsync($"/api/v1/sites/HK/config/watch?after={before}&timeout=60")).ToList();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (cache.WaitingWatches < waitingBefore + watches.Count)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        var release = await factory.PublishAsync(DemoConfigurations.For("HK"), "Wake them all");
        var responses = await Task.WhenAll(watches);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal(release.Version, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        }
    }

    /// <summary>
    /// A release written by another process (a second console on the same database, the import verb) is not announced
    /// here: the check every <c>Api:ReleaseCheckSeconds</c> finds it and wakes the watches parked on this process.
    /// </summary>
    [Fact]
    public async Task Watch_IsWokenByTheCheckThatFindsAReleaseWrittenElsewhere()
    {
        // Its own console, whose periodic check never comes during the test: the test runs the check itself.
        await using var app = new ApiFactory { Settings = { ["Api:ReleaseCheckSeconds"] = "3600" } };
        await app.InitializeAsync();
        var cache = app.Services.GetRequiredService<ReleaseCache>();
        var client = app.ApiClient(await app.CreateKeyAsync("HK"));
        var before = cache.Current("HK")!.Version;
        var watch = client.GetAsync($"/api/v1/sites/HK/config/watch?after={before}&timeout=60");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (cache.WaitingWatches == 0)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        var release = await app.CommitAsync(DemoConfigurations.For("HK"), "Written by another console");
        Assert.Equal(before, cache.Current("HK")!.Version);
        Assert.Equal(1, cache.WaitingWatches);
        await cache.LoadAsync(CancellationToken.None);
        var answered = await watch;

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(release.Version, JsonDocument.Parse(await answered.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt32());
        Assert.Equal(0, cache.WaitingWatches);
    }
}
