using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsConsole.Api;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>
/// The database fails at the very end of a publish (the commit: a full disk, a lost volume), after the release and its
/// audit entry were written in the transaction: nothing may be left of it, in the database or for the consumers.
/// </summary>
public sealed class PublishFailureTests : WorkflowTestBase
{
    [Fact]
    public async Task Publish_WhenTheCommitFails_LeavesNoRelease_WakesNoWatch_AndARetryPublishes()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));
        var cache = Factory.Services.GetRequiredService<ReleaseCache>();
        Assert.True(await cache.EnsureLoadedAsync(CancellationToken.None));
        var watch = cache.WaitForNewerAsync("HK", 1, TimeSpan.FromMinutes(2), CancellationToken.None);
        var commit = new FailingCommit();
        var publishedBefore = await PublishEntriesAsync();

        var failed = await ServiceOver(commit).PublishAsync(Users.HkApprover, request.Id);

        Assert.Equal(1, commit.Refused);
        Refused(failed, WorkflowFailure.Unavailable, "nothing was changed");
        var stored = await StoredAsync(request.Id);
        Assert.Equal(ChangeRequestState.Approved, stored.State);
        Assert.Null(stored.PublishedVersion);
        await using (var db = Db())
        {
            Assert.Equal([1], await db.Releases.Where(r => r.Site == "HK").Select(r => r.Version).ToListAsync());
        }

        Assert.Equal(publishedBefore, await PublishEntriesAsync());
        Assert.Equal(1, cache.Current("HK")!.Version);
        Assert.False(watch.IsCompleted, "A watch was answered by a publish that did not happen.");

        // The same approved request publishes once the database answers again; the watch then hears of that release.
        var published = Succeed(await Service.PublishAsync(Users.HkApprover, request.Id));
        Assert.Equal(2, published.Version);
        Assert.Equal(2, (await watch)!.Version);
        Assert.Equal(2, cache.Current("HK")!.Version);
    }

    private async Task<int> PublishEntriesAsync()
    {
        await using var db = Db();
        return await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Publish && e.Site == "HK");
    }

    /// <summary>The console's workflow over the same database, with a connection whose first commit fails as a full disk does.</summary>
    private ChangeRequestService ServiceOver(FailingCommit commit)
    {
        var services = Factory.Services;
        return new ChangeRequestService(TestDatabases.ConsoleDatabaseThrough(Factory.DataDirectory, commit), services.GetRequiredService<AuditLog>(), services.GetRequiredService<ReleasePublisher>(),
            services.GetRequiredService<WorkflowEvents>(), TimeProvider.System, NullLogger<ChangeRequestService>.Instance);
    }

    private sealed class FailingCommit : DbTransactionInterceptor
    {
        private int refused;

        public int Refused => refused;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref refused, 1) == 0
                ? throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13)
                : ValueTask.FromResult(result);
    }
}
