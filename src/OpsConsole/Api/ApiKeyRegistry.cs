using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>A usable key as the API sees it: who it is and which sites it may read.</summary>
public sealed class ApiKeyEntry(int id, string name, string prefix, string keyHash, IReadOnlyList<string> sites, DateTimeOffset? lastUsedAt)
{
    private long lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;
    private long flushedTicks = lastUsedAt?.UtcTicks ?? 0;

    public int Id { get; } = id;

    public string Name { get; } = name;

    public string Prefix { get; } = prefix;

    public string KeyHash { get; } = keyHash;

    public IReadOnlyList<string> Sites { get; } = sites;

    /// <summary>The console's own key (<see cref="ApiKeyRegistry.AddInternalAsync"/>): no row, no rate limit, last use never written.</summary>
    public bool IsInternal => Id < 0;

    public bool CanRead(string site)
    {
        foreach (var allowed in Sites)
        {
            if (string.Equals(allowed, site, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public DateTimeOffset? LastUsedAt => Interlocked.Read(ref lastUsedTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    internal void Touch(DateTimeOffset now)
    {
        // One plain write per request; a lost race between two requests of the same key loses nothing that matters.
        if (now.UtcTicks > Interlocked.Read(ref lastUsedTicks))
        {
            Interlocked.Exchange(ref lastUsedTicks, now.UtcTicks);
        }
    }

    internal bool NeedsFlush(out DateTimeOffset lastUsed)
    {
        var ticks = Interlocked.Read(ref lastUsedTicks);
        lastUsed = new DateTimeOffset(ticks, TimeSpan.Zero);
        return ticks > Interlocked.Read(ref flushedTicks);
    }

    internal void Flushed(DateTimeOffset lastUsed) => Interlocked.Exchange(ref flushedTicks, lastUsed.UtcTicks);
}

/// <summary>
/// The keys that may call the API, in memory, found by the SHA-256 of the presented key so a known key
/// reads no database. Loaded at start, changed at once by <see cref="ApiKeyStore"/> in this process, and
/// an unknown key is looked up by its hash (within a small budget per second), so a key created by the
/// <c>apikey create</c> verb in another process works on its first request. Last use is kept here and
/// written to the database in batches by <see cref="ConsumerApiBackgroundService"/>.
/// </summary>
public sealed class ApiKeyRegistry(IDbContextFactory<OpsConsoleDbContext> factory, TimeProvider clock, ILogger<ApiKeyRegistry> logger)
{
    private const int MissLookupsPerSecond = 20;

    private readonly SemaphoreSlim reloading = new(1, 1);
    private readonly ConcurrentDictionary<string, ApiKeyEntry> internalKeys = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, ApiKeyEntry> byHash = new(StringComparer.Ordinal);
    // Keys revoked by this process. A lookup or a reload that read the database just before the revocation committed
    // would otherwise put the key back for up to a reload period; revoking promises "401 at once".
    private readonly ConcurrentDictionary<string, byte> revoked = new(StringComparer.Ordinal);
    private int lastInternalId;
    private long lastLoadTicks;
    private long missSecond;
    private long missesThisSecond;
    private volatile bool loaded;

    public bool IsLoaded => loaded;

    public int Count => byHash.Count;

    /// <summary>The key's entry, or null for a missing, unknown or revoked key.</summary>
    public async ValueTask<ApiKeyEntry?> FindAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 200 || !presented.StartsWith(ApiKeyStore.SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (TryFind(presented, out var entry))
        {
            return entry;
        }

        // A key made elsewhere (the apikey verb, another instance) since the last load: look it up by its hash,
        // one indexed query. Unknown keys could otherwise turn into a query each, so lookups on a miss share a
        // small budget per second; past it, an unknown key is simply refused.
        if (!TakeMissBudget())
        {
            return null;
        }

        var hash = ApiKeyStore.Hash(presented);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var key = await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
            if (key is null)
            {
                return null;
            }

            entry = byHash.GetOrAdd(key.KeyHash, _ => ToEntry(key));
            if (revoked.ContainsKey(key.KeyHash))
            {
                byHash.TryRemove(key.KeyHash, out _);
                return null;
            }

            entry.Touch(clock.GetUtcNow());
            return entry;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "An API key could not be looked up in the database; refusing it");
            return null;
        }
    }

    private bool TakeMissBudget()
    {
        var second = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond;
        if (Interlocked.Exchange(ref missSecond, second) != second)
        {
            Interlocked.Exchange(ref missesThisSecond, 0);
        }

        return Interlocked.Increment(ref missesThisSecond) <= MissLookupsPerSecond;
    }

    /// <summary>Memory only, never the database.</summary>
    public bool TryFind(string? presented, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApiKeyEntry? entry)
    {
        entry = null;
        if (string.IsNullOrEmpty(presented) || presented.Length > 200 || !presented.StartsWith(ApiKeyStore.SecretPrefix, StringComparison.Ordinal)
            || !byHash.TryGetValue(ApiKeyStore.Hash(presented), out entry))
        {
            return false;
        }

        entry.Touch(clock.GetUtcNow());
        return true;
    }

    public DateTimeOffset? LastUsed(string keyHash) => byHash.TryGetValue(keyHash, out var entry) ? entry.LastUsedAt : null;

    internal void Add(ApiKey key)
    {
        if (key.RevokedAt is null)
        {
            byHash[key.KeyHash] = ToEntry(key);
        }
    }

    internal void Remove(string keyHash)
    {
        revoked[keyHash] = 0;
        byHash.TryRemove(keyHash, out _);
    }

    /// <summary>
    /// A key that exists in this process's memory only, until the handle is disposed: for the console's requests to
    /// itself (<see cref="ConsumerApiWarmUp"/>). Its secret is made here and never stored, shown or logged; its id is
    /// negative, so it has no rate limit and its last use is never written; reloads keep it.
    /// </summary>
    internal async Task<InternalKey> AddInternalAsync(string name, IReadOnlyList<string> sites, CancellationToken cancellationToken)
    {
        var secret = ApiKeyStore.NewSecret();
        var entry = new ApiKeyEntry(Interlocked.Decrement(ref lastInternalId), name, "", ApiKeyStore.Hash(secret), sites, null);
        // Under the reload lock: a reload swapping the dictionary can neither drop the key nor bring it back.
        await reloading.WaitAsync(cancellationToken);
        try
        {
            internalKeys[entry.KeyHash] = entry;
            byHash[entry.KeyHash] = entry;
        }
        finally
        {
            reloading.Release();
        }

        return new InternalKey(secret, async () =>
        {
            await reloading.WaitAsync(CancellationToken.None);
            try
            {
                internalKeys.TryRemove(entry.KeyHash, out _);
                byHash.TryRemove(entry.KeyHash, out _);
            }
            finally
            {
                reloading.Release();
            }
        });
    }

    /// <summary>Reads every unrevoked key; keeps the current set (and says so in the log) when the database cannot be read.</summary>
    public async Task<bool> ReloadAsync(TimeSpan onlyIfOlderThan, CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have reloaded while this one waited.
            if (loaded && clock.GetUtcNow().UtcTicks - Interlocked.Read(ref lastLoadTicks) < onlyIfOlderThan.Ticks)
            {
                return true;
            }

            Interlocked.Exchange(ref lastLoadTicks, clock.GetUtcNow().UtcTicks);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var keys = await db.Set<ApiKey>().AsNoTracking().Where(k => k.RevokedAt == null).ToListAsync(cancellationToken);
            var next = new ConcurrentDictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var entry = ToEntry(key);
                // Keep use seen in memory but not yet flushed.
                if (byHash.TryGetValue(key.KeyHash, out var known) && known.LastUsedAt is { } used)
                {
                    entry.Touch(used);
                }

                next[key.KeyHash] = entry;
            }

            foreach (var (hash, entry) in internalKeys)
            {
                next[hash] = entry;
            }

            byHash = next;
            // A revocation may have committed after the query above: it removed the key from the set just replaced.
            foreach (var hash in revoked.Keys)
            {
                next.TryRemove(hash, out _);
            }
            loaded = true;
            return true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "API keys could not be read from the database; keeping the {Count} keys in memory", byHash.Count);
            return false;
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>Writes last use of the keys used since the previous flush: one small update per used key, at most once per call.</summary>
    public async Task FlushLastUsedAsync(CancellationToken cancellationToken)
    {
        var pending = byHash.Values.Where(e => !e.IsInternal).Select(e => (Entry: e, Due: e.NeedsFlush(out var at), At: at)).Where(p => p.Due).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            foreach (var (entry, _, at) in pending)
            {
                await db.Set<ApiKey>().Where(k => k.Id == entry.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, at), cancellationToken);
                entry.Flushed(at);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Last use of {Count} API keys could not be recorded; trying again later", pending.Count);
        }
    }

    private static ApiKeyEntry ToEntry(ApiKey key) =>
        new(key.Id, key.Name, key.Prefix, key.KeyHash, key.Sites.Split(',', StringSplitOptions.RemoveEmptyEntries), key.LastUsedAt);
}

/// <summary>An internal key's secret, usable until this handle is disposed.</summary>
internal sealed class InternalKey(string secret, Func<Task> remove) : IAsyncDisposable
{
    public string Secret { get; } = secret;

    public async ValueTask DisposeAsync() => await remove();
}
