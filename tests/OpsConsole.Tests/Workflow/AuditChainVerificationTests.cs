using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Workflow;

/// <summary>The audit chain's verification as the audit log page runs it: in batches, with progress, and stopped on request.</summary>
public sealed class AuditChainVerificationTests : WorkflowTestBase
{
    private static readonly Actor Tester = new("test:audit", "Audit tests");

    [Fact]
    public async Task Verify_ReportsTheEntriesCheckedAfterEachBatch_UpToTheTotal()
    {
        var total = await AppendUntilAsync(entries: 10);
        var reported = new Recorder();

        var verification = await Verifier(batchSize: 4).VerifyAsync(reported, CancellationToken.None);

        Assert.True(verification.IsIntact, verification.ToString());
        Assert.Equal(total, verification.EntriesChecked);
        Assert.Equal([new(0, 10), new(4, 10), new(8, 10), new(10, 10)], reported.Values);
    }

    [Fact]
    public async Task Verify_Cancelled_StopsBeforeTheNextBatch()
    {
        await AppendUntilAsync(entries: 10);
        using var cancel = new CancellationTokenSource();
        var reported = new Recorder(at =>
        {
            if (at.Checked >= 4)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Verifier(batchSize: 4).VerifyAsync(reported, cancel.Token));

        Assert.Equal([new(0, 10), new(4, 10)], reported.Values);
    }

    [Fact]
    public async Task Verify_InBatches_FindsABreakInALaterBatch_AsTheWholeWalkDoes()
    {
        await AppendUntilAsync(entries: 10);
        await using (var db = Db())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET ActorName = 'Someone else' WHERE Sequence = 7");
        }

        var batched = await Verifier(batchSize: 3).VerifyAsync(null, CancellationToken.None);
        await using var whole = Db();
        var walked = await AuditLog.VerifyAsync(whole, CancellationToken.None);

        Assert.Equal(7, batched.BrokenAt);
        Assert.Equal(6, batched.EntriesChecked);
        Assert.Equal(walked, batched);
    }

    private AuditChainVerifier Verifier(int batchSize) =>
        new(Factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>()) { BatchSize = batchSize };

    /// <summary>Appends entries until the chain holds <paramref name="entries"/> (the demo seed wrote some already).</summary>
    private async Task<long> AppendUntilAsync(int entries)
    {
        var audit = Factory.Services.GetRequiredService<AuditLog>();
        var factory = Factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>();
        await using var db = Db();
        var stored = await db.AuditEntries.CountAsync();
        Assert.True(stored <= entries, $"The seed already wrote {stored} entries.");
        for (var i = stored; i < entries; i++)
        {
            await audit.AppendAloneAsync(factory, Tester, AuditActions.SiteSettingsChanged, "HK", null, new { entry = i }, CancellationToken.None);
        }

        return entries;
    }

    /// <summary>Keeps what is reported, in order, as it is reported (Progress&lt;T&gt; would post it to a context later).</summary>
    private sealed class Recorder(Action<AuditVerificationProgress>? then = null) : IProgress<AuditVerificationProgress>
    {
        private readonly List<AuditVerificationProgress> values = [];

        public IReadOnlyList<AuditVerificationProgress> Values
        {
            get
            {
                lock (values)
                {
                    return [.. values];
                }
            }
        }

        public void Report(AuditVerificationProgress value)
        {
            lock (values)
            {
                values.Add(value);
            }

            then?.Invoke(value);
        }
    }
}
