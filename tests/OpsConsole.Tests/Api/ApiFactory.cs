using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Api;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Api;

/// <summary>
/// The app on its own SQLite file, migrated, with HK and TW imported as v1 from the demo configurations
/// (SG and MY have no release), and a generous rate limit unless a test sets its own.
/// </summary>
public sealed class ApiFactory : OpsConsoleFactory, IAsyncLifetime
{
    public static readonly Actor Tester = new("test:api", "API tests");

    public ApiFactory()
    {
        Settings["Api:RateLimit:PermitsPerSecond"] = "10000";
        Settings["Api:RateLimit:Burst"] = "10000";
        // These tests publish their own releases (HK and TW only) and need the other sites empty.
        Settings["DemoData:Enabled"] = "false";
    }

    public async Task InitializeAsync()
    {
        // WebApplicationFactory starts the host without Program's start-up step, so migrate here.
        await Services.PrepareDatabaseAsync();
        foreach (var site in new[] { "HK", "TW" })
        {
            await Services.GetRequiredService<ReleaseImporter>().ImportAsync(DemoConfigurations.For(site), Tester, $"demo-{site}.json", CancellationToken.None);
        }

        // The cache applies an import off the importer's thread: a test's first read could come before it (a 404 once in
        // a full run, the warm-up test's first of 20 reads).
        await WaitUntilServedAsync("HK", 1);
        await WaitUntilServedAsync("TW", 1);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A new key for <paramref name="sites"/>, named apart from every other (two keys in force may not share a name).</summary>
    public async Task<string> CreateKeyAsync(params string[] sites) =>
        (await Services.GetRequiredService<ApiKeyStore>().CreateAsync($"test {string.Join("+", sites)} #{Interlocked.Increment(ref keysCreated)}", sites, Tester, CancellationToken.None).CreatedAsync()).Secret;

    private int keysCreated;

    public HttpClient ApiClient(string? key)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ConsumerApiEndpoints.ApiKeyHeader, key);
        }

        return client;
    }

    /// <summary>Publishes the next version of a site the way the workflow does: one transaction, then the event.</summary>
    public async Task<Release> PublishAsync(SiteConfiguration config, string title)
    {
        var release = await CommitAsync(config, title);
        RaisePublished(release);
        return release;
    }

    /// <summary>Writes the next version of a site without telling this process, as another process (the import verb) does.</summary>
    public async Task<Release> CommitAsync(SiteConfiguration config, string title)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var release = await Services.GetRequiredService<ReleasePublisher>().AddAsync(db, config, title, null, Tester, [], Tester, AuditActions.Publish, new { }, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return release;
    }

    public void RaisePublished(Release release) => Services.GetRequiredService<WorkflowEvents>().Raise(new ReleasePublished(release));

    /// <summary>Waits (bounded) until the cache serves the given version: a publish is applied off the publisher's thread.</summary>
    public async Task WaitUntilServedAsync(string site, int version)
    {
        var cache = Services.GetRequiredService<ReleaseCache>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((cache.Current(site)?.Version ?? 0) < version)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
