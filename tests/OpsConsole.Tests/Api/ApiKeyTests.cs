using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Api;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;
using OpsConsole.Testing;

namespace OpsConsole.Tests.Api;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string> EveryCall() => new()
    {
        { "GET", "/api/v1/sites/HK/config" },
        { "GET", "/api/v1/sites/HK/releases/1" },
        { "GET", "/api/v1/sites/HK/releases" },
        { "GET", "/api/v1/sites/HK/config/watch?after=0&timeout=1" },
        { "POST", "/api/v1/sites/HK/quote" },
        { "GET", "/api/v1/schema/site-config" },
    };

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task EveryCall_WithoutKey_Returns401ProblemNotASignInRedirect(string method, string path)
    {
        var response = await factory.ApiClient(null).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task EveryCall_WithWrongKey_Returns401Problem(string method, string path)
    {
        var response = await factory.ApiClient("ops_" + new string('A', 43)).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Two X-Api-Key headers (a proxy adding its own to the client's, say) were told "not known or has been revoked", though
    /// each key may be valid, and sent the consumer looking for a revoked key.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task EveryCall_WithTwoKeyHeaders_Returns401SayingToSendOne(string method, string path)
    {
        var key = await factory.CreateKeyAsync("HK");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(ConsumerApiEndpoints.ApiKeyHeader, [key, key]);

        var problem = await ApiAssert.ProblemAsync(await factory.ApiClient(null).SendAsync(request), HttpStatusCode.Unauthorized);

        Assert.Equal("More than one API key", problem.GetProperty("title").GetString());
        Assert.Equal("Send one X-Api-Key header; this request has 2.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(EveryCall))]
    public async Task SiteCalls_WithKeyForAnotherSite_Return403Problem(string method, string path)
    {
        var response = await factory.ApiClient(await factory.CreateKeyAsync("TW")).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        if (path.Contains("/sites/", StringComparison.Ordinal))
        {
            await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
        }
        else
        {
            // The schema belongs to no site: any valid key reads it.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Key_WithSeveralSites_ReadsEachOfThem()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK", "TW"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/TW/config")).StatusCode);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sites/MY/config"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_StoresOnlyTheHashAndAuditsWithoutTheKey()
    {
        var created = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("checkout", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<ApiKey>().SingleAsync(k => k.Id == created.Key.Id);
        Assert.StartsWith("ops_", created.Secret);
        Assert.True(created.Secret.Length >= 47);
        Assert.Equal(ApiKeyStore.Hash(created.Secret), stored.KeyHash);
        Assert.Equal(created.Secret[..12], stored.Prefix);
        var everything = string.Join("|", stored.Name, stored.Prefix, stored.KeyHash, stored.Sites);
        Assert.DoesNotContain(created.Secret, everything, StringComparison.Ordinal);
        var audit = await db.AuditEntries.Where(e => e.Action == AuditActions.ApiKeyCreated && e.Subject == "checkout").SingleAsync();
        Assert.DoesNotContain(created.Secret, audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.KeyHash, audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_StopsTheKeyAtOnceAndIsAudited()
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync("to revoke", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        var client = factory.ApiClient(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/HK/config")).StatusCode);

        Assert.True(await store.RevokeAsync(created.Key.Id, ApiFactory.Tester, CancellationToken.None));

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sites/HK/config"), HttpStatusCode.Unauthorized);
        Assert.False(await store.RevokeAsync(created.Key.Id, ApiFactory.Tester, CancellationToken.None));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ApiKeyRevoked && e.Subject == "to revoke"));
    }

    [Fact]
    public async Task Revoke_KeepsTheKeysLastUse_NotYetFlushed()
    {
        // The key an administrator revokes because it leaked is the one whose last use matters; it read "never".
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var created = await store.CreateAsync("leaked", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(created.Secret).GetAsync("/api/v1/sites/HK/config")).StatusCode);

        Assert.True(await store.RevokeAsync(created.Key.Id, ApiFactory.Tester, CancellationToken.None));
        await factory.Services.GetRequiredService<ApiKeyRegistry>().FlushLastUsedAsync(CancellationToken.None);

        Assert.NotNull((await store.ListAsync(CancellationToken.None)).Single(k => k.Id == created.Key.Id).LastUsedAt);
    }

    [Fact]
    public async Task Revoked_AKeyReadFromTheDatabaseJustBefore_IsNotTakenBackIntoMemory()
    {
        // As when a first use of a key made by the verb, or a reload, read the key just before its revocation committed:
        // the registry has heard of the revocation, the database read has not.
        var registry = factory.Services.GetRequiredService<ApiKeyRegistry>();
        var created = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("racing", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        registry.Remove(ApiKeyStore.Hash(created.Secret));

        Assert.Null(await registry.FindAsync(created.Secret, CancellationToken.None));
        Assert.True(await registry.ReloadAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(registry.TryFind(created.Secret, out _));
    }

    [Fact]
    public async Task LastUse_IsKeptInMemoryAndWrittenOnFlush()
    {
        var created = await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("last use", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        await factory.ApiClient(created.Secret).GetAsync("/api/v1/sites/HK/config");
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Null((await db.Set<ApiKey>().AsNoTracking().SingleAsync(k => k.Id == created.Key.Id)).LastUsedAt);
        var listed = (await factory.Services.GetRequiredService<ApiKeyStore>().ListAsync(CancellationToken.None)).Single(k => k.Id == created.Key.Id);
        Assert.NotNull(listed.LastUsedAt);

        await factory.Services.GetRequiredService<ApiKeyRegistry>().FlushLastUsedAsync(CancellationToken.None);

        Assert.NotNull((await db.Set<ApiKey>().AsNoTracking().SingleAsync(k => k.Id == created.Key.Id)).LastUsedAt);
    }

    [Fact]
    public async Task Create_WithTheNameOfAKeyInForce_WhateverItsCaseAndSpaces_IsRefusedAtTheName_AndNothingIsWritten()
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        await store.CreateAsync("Orders feed", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();

        var refused = await store.CreateAsync("  ORDERS FEED ", ["TW"], ApiFactory.Tester, CancellationToken.None);

        Assert.False(refused.Succeeded);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal(ApiKeyField.Name, problem.Field);
        Assert.Equal("A key in force is already named 'Orders feed': give this one a name that tells them apart, or revoke that one first.", problem.Text);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<ApiKey>().CountAsync(k => k.Name.ToUpper() == "ORDERS FEED"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ApiKeyCreated && e.Subject!.ToUpper() == "ORDERS FEED"));
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData(" \u200D\uFEFF ")]
    [InlineData("\u2060")]
    public async Task Create_WithANameOfInvisibleCharactersOnly_IsRefusedAtTheName_AndNothingIsWritten(string name)
    {
        // Zero-width characters are not whitespace: such a name made a key whose row, Revoke button and audit entry
        // showed no name at all.
        var store = factory.Services.GetRequiredService<ApiKeyStore>();

        var refused = await store.CreateAsync(name, ["HK"], ApiFactory.Tester, CancellationToken.None);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(ApiKeyField.Name, problem.Field);
        Assert.Equal("Give the key a name that says who uses it.", problem.Text);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Set<ApiKey>().CountAsync(k => k.Name == name.Trim()));
    }

    [Fact]
    public async Task Create_WithTheNameOfAKeyInForce_AndAnInvisibleCharacter_IsRefusedAsTaken()
    {
        // "Cart" and "Cart" with a zero-width space read the same on the page and to a screen reader.
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        await store.CreateAsync("Cart service", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();

        var refused = await store.CreateAsync("Cart\u200B service", ["HK"], ApiFactory.Tester, CancellationToken.None);

        Assert.Equal("A key in force is already named 'Cart service': give this one a name that tells them apart, or revoke that one first.", Assert.Single(refused.Problems).Text);
    }

    [Fact]
    public async Task Create_WithTheNameOfARevokedKey_IsAllowed()
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var first = await store.CreateAsync("rotated", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        Assert.True(await store.RevokeAsync(first.Key.Id, ApiFactory.Tester, CancellationToken.None));

        var second = await store.CreateAsync("Rotated", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();
        var again = await store.CreateAsync("rotated", ["HK"], ApiFactory.Tester, CancellationToken.None);

        Assert.NotEqual(first.Key.Id, second.Key.Id);
        Assert.False(again.Succeeded);
    }

    [Fact]
    public async Task Create_ManyAtOnceWithOneName_CreatesOneKey_AndRefusesTheOthers()
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await store.CreateAsync(i % 2 == 0 ? "warehouse sync" : "Warehouse Sync", ["SG"], ApiFactory.Tester, CancellationToken.None);
        })).ToList();

        go.SetResult();
        var creations = await Task.WhenAll(racing);

        Assert.Single(creations, c => c.Succeeded);
        Assert.All(creations.Where(c => !c.Succeeded), c => Assert.Contains("is already named", Assert.Single(c.Problems).Text, StringComparison.Ordinal));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<ApiKey>().CountAsync(k => k.Name.ToUpper() == "WAREHOUSE SYNC"));
    }

    [Fact]
    public async Task Database_RefusesTwoKeysInForceWithOneName_EvenWrittenAroundTheStore()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        db.Set<ApiKey>().AddRange(Written("Around the store"), Written("around the store "));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("ActiveName", refused.InnerException?.Message, StringComparison.Ordinal);

        static ApiKey Written(string name) => new()
        {
            Name = name.Trim(),
            ActiveName = ApiKeyStore.ActiveNameOf(name),
            Prefix = "ops_around",
            KeyHash = ApiKeyStore.Hash(ApiKeyStore.NewSecret()),
            Sites = "HK",
            CreatedById = ApiFactory.Tester.Id,
            CreatedByName = ApiFactory.Tester.Name,
        };
    }

    [Fact]
    public async Task CreateVerb_WithTheNameOfAKeyInForce_ExitsWithUsageAndSaysSo()
    {
        await factory.Services.GetRequiredService<ApiKeyStore>().CreateAsync("nightly export", ["HK"], ApiFactory.Tester, CancellationToken.None).CreatedAsync();

        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["Storage__DataDirectory"] = factory.DataDirectory },
            TimeSpan.FromMinutes(2), "apikey", "create", "--name", "Nightly Export", "--sites", "HK");

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("ops_", output, StringComparison.Ordinal);
        Assert.Contains("A key in force is already named 'nightly export'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateVerb_PrintsTheKeyAloneOnTheLastLine_AndTheRunningServerAcceptsIt()
    {
        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["Storage__DataDirectory"] = factory.DataDirectory },
            TimeSpan.FromMinutes(2), "apikey", "create", "--name", "cli key", "--sites", "hk,TW");

        Assert.True(exitCode == 0, error);
        var key = output.TrimEnd('\r', '\n').Split('\n')[^1].Trim();
        Assert.Matches("^ops_[A-Za-z0-9_-]{43}$", key);
        // Created by another process: the server reloads its keys when it meets an unknown one.
        var client = factory.ApiClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites/TW/config")).StatusCode);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sites/SG/config"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("--name", "x", "--sites", "XX")]
    [InlineData("--name", "x")]
    [InlineData("--name", " ", "--sites", "HK")]
    public async Task CreateVerb_WithBadArguments_ExitsWithUsageAndCreatesNothing(params string[] arguments)
    {
        var (exitCode, output, error) = await AppBinary.RunAsync(
            new Dictionary<string, string?> { ["Storage__DataDirectory"] = factory.DataDirectory },
            TimeSpan.FromMinutes(2), ["apikey", "create", .. arguments]);

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("ops_", output, StringComparison.Ordinal);
        Assert.NotEmpty(error);
    }
}
