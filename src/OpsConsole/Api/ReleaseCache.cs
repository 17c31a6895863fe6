using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>
/// The consumer API's releases in memory: per site the current release document, the list of releases,
/// and the one task that every watcher of the site awaits. Reads and watches never touch the database;
/// it is read at start, after a publish (<see cref="WorkflowEvents"/>), by a periodic check for releases
/// written by another process (the import verb), and once for each older version first asked for.
/// </summary>
public sealed class ReleaseCache : IDisposable
{
    private readonly IDbContextFactory<OpsConsoleDbContext> factory;
    private readonly WorkflowEvents events;
    private readonly ILogger<ReleaseCache> logger;
    private readonly FrozenDictionary<string, SiteSlot> slots;
    private readonly ConcurrentDictionary<(string Site, int Version), ReleaseDocument> versions = new();
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile bool loaded;
    private int waiting;
    private long lastLoadAttempt = long.MinValue / 2;

    public ReleaseCache(IDbContextFactory<OpsConsoleDbContext> factory, WorkflowEvents events, ILogger<ReleaseCache> logger)
    {
        this.factory = factory;
        this.events = events;
        this.logger = logger;
        slots = SiteCatalog.All.ToFrozenDictionary(s => s.Code, _ => new SiteSlot(), StringComparer.OrdinalIgnoreCase);
        events.Raised += OnWorkflowEvent;
    }

    /// <summary>True once every site's releases have been read from the database (at start or on first use).</summary>
    public bool IsLoaded => loaded;

    /// <summary>Watch requests waiting for a publish right now.</summary>
    public int WaitingWatches => Volatile.Read(ref waiting);

    /// <summary>Sites with a current release in memory.</summary>
    public int SitesWithReleases => slots.Values.Count(s => s.State.Current is not null);

    /// <summary>Raised after a new current release is in memory and its watchers have been released.</summary>
    public event Action<ReleaseDocument>? CurrentChanged;

    public ReleaseDocument? Current(string site) => slots.TryGetValue(site, out var slot) ? slot.State.Current : null;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<ReleaseSummary> History(string site) => slots.TryGetValue(site, out var slot) ? slot.State.History : [];

    /// <summary>Loads every site once if that has not happened yet; false when the database cannot be read.</summary>
    public async ValueTask<bool> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (loaded)
        {
            return true;
        }

        // While the database is down, try at most every couple of seconds rather than on every request.
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref lastLoadAttempt) < 2000)
        {
            return false;
        }

        Interlocked.Exchange(ref lastLoadAttempt, now);
        await LoadAsync(cancellationToken);
        return loaded;
    }

    /// <summary>Reads every site's release list and current release, and applies what is newer than memory.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            foreach (var site in slots.Keys)
            {
                await RefreshAsync(db, site, cancellationToken);
            }

            loaded = true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Releases could not be read from the database; serving the {Count} sites already in memory", SitesWithReleases);
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>A release by version: from memory, else read once from the database and kept (releases never change).</summary>
    public async ValueTask<ReleaseDocument?> VersionAsync(string site, int version, CancellationToken cancellationToken)
    {
        if (!SiteCatalog.TryGet(site, out var info))
        {
            return null;
        }

        site = info.Code;
        if (Current(site) is { } current && current.Version == version)
        {
            return current;
        }

        if (versions.TryGetValue((site, version), out var cached))
        {
            return cached;
        }

        if (!slots.ContainsKey(site) || !History(site).Any(r => r.Version == version))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking().SingleOrDefaultAsync(r => r.Site == site && r.Version == version, cancellationToken);
        return release is null ? null : versions.GetOrAdd((site, version), _ => ReleaseDocument.From(release));
    }

    /// <summary>
    /// The current release as soon as its version is above <paramref name="after"/>; null when the timeout passes first.
    /// Every watcher of a site awaits the same task, completed once per publish: no per-request polling.
    /// </summary>
    public async Task<ReleaseDocument?> WaitForNewerAsync(string site, int after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var slot = slots[site];
        // Read the state once: its Current and Next belong together, so a publish in between cannot be missed.
        var state = slot.State;
        if (state.Current is { } ready && ready.Version > after)
        {
            return ready;
        }

        Interlocked.Increment(ref waiting);
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            while (true)
            {
                try
                {
                    await state.Next.Task.WaitAsync(timeoutSource.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return null;
                }

                state = slot.State;
                if (state.Current is { } newer && newer.Version > after)
                {
                    return newer;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private void OnWorkflowEvent(WorkflowEvent workflowEvent)
    {
        if (workflowEvent is ReleasePublished published && slots.ContainsKey(published.Site))
        {
            // Subscribers must be quick: read the new release off the publisher's thread.
            _ = Task.Run(() => RefreshSiteAsync(published.Site, CancellationToken.None));
        }
    }

    /// <summary>Reads what the database has for one site beyond what memory has.</summary>
    public async Task RefreshSiteAsync(string site, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await RefreshAsync(db, site, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "The new release of {Site} could not be read; consumers keep the previous one until the next check", site);
        }
    }

    private async Task RefreshAsync(OpsConsoleDbContext db, string site, CancellationToken cancellationToken)
    {
        var slot = slots[site];
        await slot.Refreshing.WaitAsync(cancellationToken);
        try
        {
            var known = slot.State.Current?.Version ?? 0;
            var newer = await db.Releases.AsNoTracking()
                .Where(r => r.Site == site && r.Version > known)
                .OrderByDescending(r => r.Version)
                .Select(r => new { r.Version, r.Hash, r.PublishedAt, r.PublishedByName, r.Title })
                .ToListAsync(cancellationToken);
            if (newer.Count == 0)
            {
                return;
            }

            var release = await db.Releases.AsNoTracking().SingleAsync(r => r.Site == site && r.Version == newer[0].Version, cancellationToken);
            var document = ReleaseDocument.From(release);
            var history = newer.Select(r => new ReleaseSummary(r.Version, r.Hash, r.PublishedAt, r.PublishedByName, r.Title)).Concat(slot.State.History).ToArray();
            var previous = slot.State;
            slot.State = new SiteState(document, history);
            if (previous.Current is { } old)
            {
                versions.TryAdd((site, old.Version), old);
            }

            // Completing the shared task wakes every watcher of the site; they continue on the thread pool.
            previous.Next.TrySetResult();
            logger.LogInformation("Serving {Site} v{Version} to consumers", site, document.Version);
            CurrentChanged?.Invoke(document);
        }
        finally
        {
            slot.Refreshing.Release();
        }
    }

    public void Dispose()
    {
        events.Raised -= OnWorkflowEvent;
        loading.Dispose();
        foreach (var slot in slots.Values)
        {
            slot.Refreshing.Dispose();
        }
    }

    private sealed class SiteSlot
    {
        private SiteState state = new(null, []);

        public SemaphoreSlim Refreshing { get; } = new(1, 1);

        public SiteState State
        {
            get => Volatile.Read(ref state);
            set => Volatile.Write(ref state, value);
        }
    }

    /// <summary>What consumers see of one site at one moment; replaced whole on each publish.</summary>
    private sealed class SiteState(ReleaseDocument? current, IReadOnlyList<ReleaseSummary> history)
    {
        public ReleaseDocument? Current { get; } = current;

        public IReadOnlyList<ReleaseSummary> History { get; } = history;

        // Continuations run asynchronously so the publisher does not resume thousands of watchers itself.
        public TaskCompletionSource Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
