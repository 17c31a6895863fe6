using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Threading.Tasks.Sources;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>
/// The consumer API's releases in memory: per site the current release document, the list of releases,
/// and the one task that every watcher of the site awaits. Reads and watches never touch the database;
/// it is read at start, by a periodic check for releases written by another process (the import verb), and once
/// for each older version first asked for. A publish in this process hands its committed release over
/// (<see cref="WorkflowEvents"/>), so a publish is served without reading the database back.
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

    // One coarse timer for every parked watch instead of one timer per watch; a timeout answers within a tick of its deadline.
    private const int WheelTickMilliseconds = 100;
    internal const int WakeBatch = 256;
    private readonly Timer expiry;
    private volatile bool stopping;

    public ReleaseCache(IDbContextFactory<OpsConsoleDbContext> factory, WorkflowEvents events, ILogger<ReleaseCache> logger)
    {
        this.factory = factory;
        this.events = events;
        this.logger = logger;
        slots = SiteCatalog.All.ToFrozenDictionary(s => s.Code, _ => new SiteSlot(), StringComparer.OrdinalIgnoreCase);
        events.Raised += OnWorkflowEvent;
        expiry = new Timer(static cache => ((ReleaseCache)cache!).ExpireWaiters(), this, WheelTickMilliseconds, WheelTickMilliseconds);
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
    /// A parked watch is one small <see cref="Waiter"/> in its site's timer wheel: no per-request timer,
    /// linked token source or task, so 10,000 watches cost little memory, and a publish completes them from one list.
    /// </summary>
    public ValueTask<ReleaseDocument?> WaitForNewerAsync(string site, int after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var slot = slots[site];
        if (slot.State.Current is { } ready && ready.Version > after)
        {
            return ValueTask.FromResult<ReleaseDocument?>(ready);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (stopping)
        {
            return ValueTask.FromResult<ReleaseDocument?>(null);
        }

        var waiter = new Waiter(this, slot, after);
        lock (slot.Wheel)
        {
            if (stopping)
            {
                return ValueTask.FromResult<ReleaseDocument?>(null);
            }

            // Checked again under the wheel's lock: a publish sets the state before it takes the lock to wake
            // the waiters, so either this sees the new release or the publish sees this waiter.
            if (slot.State.Current is { } newer && newer.Version > after)
            {
                return ValueTask.FromResult<ReleaseDocument?>(newer);
            }

            Interlocked.Increment(ref waiting);
            slot.Wheel.Add(waiter, DeadlineTick(timeout));
        }

        // Registered after the waiter is in the wheel, so a cancellation always finds it there (or already completed).
        waiter.Watch(cancellationToken);
        return new ValueTask<ReleaseDocument?>(waiter, waiter.Version);
    }

    private static long DeadlineTick(TimeSpan timeout) =>
        // Rounded up: a watch never answers 304 before its timeout, and at most one tick after it.
        (Environment.TickCount64 + (long)timeout.TotalMilliseconds + WheelTickMilliseconds - 1) / WheelTickMilliseconds;

    /// <summary>
    /// At shutdown: answers every parked watch as if its timeout had passed (304, the consumer asks again, of another
    /// console or of this one restarted) and parks no more. Kestrel waits for requests in flight before it stops, so a
    /// watch parked for 60 s held the process past the host's shutdown timeout, and its consumer got a cut connection.
    /// </summary>
    public void AnswerWatchesForShutdown()
    {
        // Set before any wheel is emptied, so that a site with no watch parked yet parks none either.
        stopping = true;
        foreach (var slot in slots.Values)
        {
            Waiter? taken;
            // Under the lock a watcher parks under: one that read "not stopping" before is in the wheel by now.
            lock (slot.Wheel)
            {
                taken = slot.Wheel.TakeAll();
            }

            while (taken is not null)
            {
                var next = taken.Next;
                taken.Next = null;
                taken.Complete(null);
                taken = next;
            }
        }
    }

    /// <summary>The shared timer: answers 304 to the waiters whose deadline has passed, a tick at a time.</summary>
    private void ExpireWaiters()
    {
        var now = Environment.TickCount64 / WheelTickMilliseconds;
        foreach (var slot in slots.Values)
        {
            Waiter? expired;
            lock (slot.Wheel)
            {
                expired = slot.Wheel.TakeExpired(now);
            }

            while (expired is not null)
            {
                var next = expired.Next;
                expired.Next = null;
                expired.Complete(null);
                expired = next;
            }
        }
    }

    /// <summary>Completes the waiters of a site that the new release satisfies; each continues on the thread pool.</summary>
    private void WakeWaiters(SiteSlot slot, ReleaseDocument document)
    {
        Waiter? woken;
        lock (slot.Wheel)
        {
            woken = slot.Wheel.TakeWhere(document.Version);
        }

        if (woken is not null)
        {
            _ = WakeInBatchesAsync(woken, document);
        }
    }

    /// <summary>
    /// Completes the waiters <see cref="WakeBatch"/> at a time. A woken watch continues on the waking thread's own queue,
    /// which the thread pool serves before its global queue, where Kestrel queues the sends. Woken all at once, every
    /// watch wrote its answer into a 4 KB buffer of Kestrel's before any was sent: a publish to 10,000 watches held up
    /// to 40 MB of them at the peak, and Kestrel's pool keeps what it grows to (pinned). In batches, the sends of one
    /// batch go out before the next is woken, and over HTTP/2 the pinned heap stayed at 1-5 MB (bench/watch.sh; ADR 0006).
    /// </summary>
    private async Task WakeInBatchesAsync(Waiter? woken, ReleaseDocument document)
    {
        try
        {
            while (true)
            {
                for (var i = 0; i < WakeBatch && woken is not null; i++)
                {
                    var next = woken.Next;
                    woken.Next = null;
                    woken.Complete(document);
                    woken = next;
                }

                if (woken is null)
                {
                    return;
                }

                // Each yield requeues the rest at the end of the global queue: the first resumes once the batch's
                // continuations have run, the second once the sends they queued meanwhile have.
                await Task.Yield();
                await Task.Yield();
            }
        }
        catch (Exception failure)
        {
            // Those not woken answer 304 at their timeout, and their consumers ask again.
            logger.LogError(failure, "Watchers of v{Version} could not all be woken", document.Version);
        }
    }

    private void OnWorkflowEvent(WorkflowEvent workflowEvent)
    {
        if (workflowEvent is ReleasePublished published && slots.ContainsKey(published.Site))
        {
            // Subscribers must be quick: build the new document off the publisher's thread.
            _ = Task.Run(() => ApplyPublishedAsync(published.Release));
        }
    }

    /// <summary>
    /// Serves a release just committed in this process as it is, without reading it back: the read-back's query and its
    /// runtime compilation would fall into the burst of answers. When memory is not at the version before it (a release
    /// written by another process in between, or the cache not loaded yet), the database is read instead.
    /// </summary>
    private async Task ApplyPublishedAsync(Release release)
    {
        var slot = slots[release.Site];
        try
        {
            await slot.Refreshing.WaitAsync();
            bool applied;
            try
            {
                var known = slot.State.Current?.Version ?? 0;
                applied = loaded && release.Version == known + 1;
                if (applied)
                {
                    Apply(slot, release.Site, ReleaseDocument.From(release), [ReleaseSummary.From(release)]);
                }
                else if (release.Version <= known)
                {
                    return;
                }
            }
            finally
            {
                slot.Refreshing.Release();
            }

            if (!applied)
            {
                await RefreshSiteAsync(release.Site, CancellationToken.None);
            }
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "The new release of {Site} could not be served; consumers keep the previous one until the next check", release.Site);
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
            Apply(slot, site, ReleaseDocument.From(release), newer.Select(r => new ReleaseSummary(r.Version, r.Hash, r.PublishedAt, r.PublishedByName, r.Title)));
        }
        finally
        {
            slot.Refreshing.Release();
        }
    }

    /// <summary>Makes <paramref name="document"/> current and wakes its watchers; called holding the slot's refresh lock.</summary>
    private void Apply(SiteSlot slot, string site, ReleaseDocument document, IEnumerable<ReleaseSummary> newerNewestFirst)
    {
        var previous = slot.State;
        slot.State = new SiteState(document, newerNewestFirst.Concat(previous.History).ToArray());
        if (previous.Current is { } old)
        {
            versions.TryAdd((site, old.Version), old);
        }

        WakeWaiters(slot, document);
        logger.LogInformation("Serving {Site} v{Version} to consumers", site, document.Version);
        CurrentChanged?.Invoke(document);
    }

    public void Dispose()
    {
        events.Raised -= OnWorkflowEvent;
        expiry.Dispose();
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

        /// <summary>The site's parked watches by deadline; also the lock for adding, waking and expiring them.</summary>
        public TimerWheel Wheel { get; } = new();

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

    }

    /// <summary>
    /// One parked watch, completed once: by a publish (the new release), its deadline (null), or the consumer
    /// leaving (cancelled). It is its own ValueTask source, so a watch allocates this object and its token registration only.
    /// </summary>
    private sealed class Waiter(ReleaseCache cache, SiteSlot slot, int after) : IValueTaskSource<ReleaseDocument?>
    {
        // Asynchronous continuations: whoever completes waiters (a publish, the timer) must not write thousands of responses itself.
        private ManualResetValueTaskSourceCore<ReleaseDocument?> core = new() { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration registration;
        private int completed;

        public int After { get; } = after;

        // Links in the wheel's bucket list (Next also chains waiters taken out of the wheel); guarded by the wheel's lock.
        public Waiter? Previous { get; set; }

        public Waiter? Next { get; set; }

        public int Bucket { get; set; } = -1;

        public long Deadline { get; set; }

        public short Version => core.Version;

        public void Watch(CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                return;
            }

            registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), this);
            if (Volatile.Read(ref completed) != 0)
            {
                // Completed before the registration existed: nothing will unregister it otherwise.
                registration.Unregister();
            }
        }

        /// <summary>Called once the waiter is out of the wheel.</summary>
        public void Complete(ReleaseDocument? document)
        {
            if (Interlocked.Exchange(ref completed, 1) == 0)
            {
                Interlocked.Decrement(ref cache.waiting);
                core.SetResult(document);
            }
        }

        private void Cancel(CancellationToken token)
        {
            if (Interlocked.Exchange(ref completed, 1) == 0)
            {
                lock (slot.Wheel)
                {
                    slot.Wheel.Remove(this);
                }

                Interlocked.Decrement(ref cache.waiting);
                core.SetException(new OperationCanceledException(token));
            }
        }

        public ReleaseDocument? GetResult(short token)
        {
            registration.Unregister();
            return core.GetResult(token);
        }

        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>
    /// A site's parked watches in buckets by deadline tick (intrusive doubly linked lists, so adding, removing and
    /// expiring cost no allocation). Every member is called under the lock of this object.
    /// </summary>
    private sealed class TimerWheel
    {
        // More buckets than ticks in the longest watch (60 s), so a bucket holds one deadline at a time in practice.
        private const int Size = 1024;
        private readonly Waiter?[] buckets = new Waiter?[Size];
        private long expiredThrough = Environment.TickCount64 / WheelTickMilliseconds;

        public void Add(Waiter waiter, long deadline)
        {
            var index = (int)(deadline % Size);
            waiter.Deadline = deadline;
            waiter.Bucket = index;
            waiter.Previous = null;
            waiter.Next = buckets[index];
            if (buckets[index] is { } head)
            {
                head.Previous = waiter;
            }

            buckets[index] = waiter;
        }

        public void Remove(Waiter waiter)
        {
            if (waiter.Bucket < 0)
            {
                return;
            }

            if (waiter.Previous is { } previous)
            {
                previous.Next = waiter.Next;
            }
            else
            {
                buckets[waiter.Bucket] = waiter.Next;
            }

            if (waiter.Next is { } next)
            {
                next.Previous = waiter.Previous;
            }

            waiter.Bucket = -1;
            waiter.Previous = null;
            waiter.Next = null;
        }

        /// <summary>Takes the waiters whose deadline is at or before <paramref name="now"/>, chained by Next.</summary>
        public Waiter? TakeExpired(long now)
        {
            Waiter? taken = null;
            var from = Math.Max(expiredThrough + 1, now - Size + 1);
            for (var tick = from; tick <= now; tick++)
            {
                taken = Take(buckets[(int)(tick % Size)], w => w.Deadline <= now, taken);
            }

            expiredThrough = Math.Max(expiredThrough, now);
            return taken;
        }

        /// <summary>Takes the waiters that <paramref name="version"/> is newer than, chained by Next.</summary>
        public Waiter? TakeWhere(int version)
        {
            Waiter? taken = null;
            for (var index = 0; index < Size; index++)
            {
                taken = Take(buckets[index], w => version > w.After, taken);
            }

            return taken;
        }

        public Waiter? TakeAll()
        {
            Waiter? taken = null;
            for (var index = 0; index < Size; index++)
            {
                taken = Take(buckets[index], static _ => true, taken);
            }

            return taken;
        }

        private Waiter? Take(Waiter? waiter, Func<Waiter, bool> predicate, Waiter? taken)
        {
            while (waiter is not null)
            {
                var next = waiter.Next;
                if (predicate(waiter))
                {
                    Remove(waiter);
                    waiter.Next = taken;
                    taken = waiter;
                }

                waiter = next;
            }

            return taken;
        }
    }
}
