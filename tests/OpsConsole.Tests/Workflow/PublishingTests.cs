using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Tests.Workflow;

public sealed class PublishingTests : WorkflowTestBase
{
    [Fact]
    public async Task Publish_TwoChangesRacingOnOneSite_GiveOneReleaseAndOneRefusal()
    {
        var a = await ApprovedAsync(c => SetThreshold(c, 249m));
        var b = await ApprovedAsync(c => SetThreshold(c, 279m));

        // Real concurrent attempts against the same SQLite file, each on its own connection.
        var start = new TaskCompletionSource();
        var attempts = new[] { a.Id, b.Id }.Select(id => Task.Run(async () =>
        {
            await start.Task;
            return await Service.PublishAsync(Users.HkApprover, id);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Failure is WorkflowFailure.Outdated or WorkflowFailure.Conflict);
        await using var db = Db();
        Assert.Equal([1, 2], await db.Releases.Where(r => r.Site == "HK").OrderBy(r => r.Version).Select(r => r.Version).ToListAsync());
    }

    [Fact]
    public async Task Publish_SameChangeRequestManyTimesAtOnce_CreatesExactlyOneRelease()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Service.PublishAsync(Users.HkApprover, request.Id))));

        Assert.All(results, r => Assert.True(r.Succeeded || r.Failure == WorkflowFailure.Conflict, r.Message));
        Assert.All(results.Where(r => r.Succeeded), r => Assert.Equal(2, r.Value!.Version));
        await using var db = Db();
        Assert.Equal(2, await db.Releases.CountAsync(r => r.Site == "HK"));
    }

    [Fact]
    public async Task Publish_WhenBaseIsOutdated_RefusesAndKeepsCurrentRelease_ThenRebasePublishes()
    {
        var first = await ApprovedAsync(c => SetThreshold(c, 249m));
        var second = await ApprovedAsync(c => Rule(c, "consolidationPromos", "CP-HK-BAG")["dailyBudget"] = 40000m);
        Succeed(await Service.PublishAsync(Users.HkApprover, first.Id));

        Refused(await Service.PublishAsync(Users.HkApprover, second.Id), WorkflowFailure.Outdated, "Rebase it onto v2");
        await using (var db = Db())
        {
            Assert.Equal(2, await db.Releases.CountAsync(r => r.Site == "HK"));
        }

        // The two changes touched different sections, so the rebase merges them by itself.
        var rebased = Succeed(await Service.RebaseAsync(Users.HkEditor, second.Id, second.Revision));
        Assert.Equal(2, rebased.BaseVersion);
        Assert.Equal(ChangeRequestState.Draft, rebased.State);
        Assert.Empty(rebased.Approvals);
        rebased = Succeed(await Service.SubmitAsync(Users.HkEditor, rebased.Id, rebased.Revision));
        rebased = Succeed(await Service.ApproveAsync(Users.HkApprover, rebased.Id, rebased.Revision, true));
        var v3 = Succeed(await Service.PublishAsync(Users.HkApprover, rebased.Id));

        var config = ChangeRequestService.Parse(v3.ConfigJson);
        Assert.Equal(3, v3.Version);
        Assert.Equal(249m, config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
        Assert.Equal(40000m, config.ConsolidationPromos.Single(r => r.Id == "CP-HK-BAG").DailyBudget);
    }

    [Fact]
    public async Task SubmitAndApprove_WhenBaseIsOutdated_AreRefusedUntilRebased_NoReviewIsWasted()
    {
        var draft = await EditAsync(await CreateAsync(), c => Rule(c, "consolidationPromos", "CP-HK-BAG")["dailyBudget"] = 40000m);
        var inReview = await EditAsync(await CreateAsync(), c => Rule(c, "consolidationPromos", "CP-HK-BAG")["dailyBudget"] = 45000m);
        inReview = Succeed(await Service.SubmitAsync(Users.HkEditor, inReview.Id, inReview.Revision));
        Succeed(await Service.PublishAsync(Users.HkApprover, (await ApprovedAsync(c => SetThreshold(c, 249m))).Id));

        Refused(await Service.SubmitAsync(Users.HkEditor, draft.Id, draft.Revision), WorkflowFailure.Outdated, "Rebase it onto v2");
        Refused(await Service.ApproveAsync(Users.HkApprover, inReview.Id, inReview.Revision, acknowledgeWarnings: true), WorkflowFailure.Outdated, "Rebase it onto v2");
        await using (var db = Db())
        {
            Assert.Equal(ChangeRequestState.Draft, (await db.ChangeRequests.SingleAsync(c => c.Id == draft.Id)).State);
            Assert.Empty((await db.ChangeRequests.Include(c => c.Approvals).SingleAsync(c => c.Id == inReview.Id)).Approvals);
        }

        var rebased = Succeed(await Service.RebaseAsync(Users.HkEditor, draft.Id, draft.Revision));
        Assert.Equal(ChangeRequestState.InReview, Succeed(await Service.SubmitAsync(Users.HkEditor, rebased.Id, rebased.Revision)).State);
    }

    [Fact]
    public async Task Rebase_WhenBothSidesChangedASection_AsksForAChoice_ThenAppliesIt()
    {
        var published = await ApprovedAsync(c => SetThreshold(c, 249m));
        var mine = await EditAsync(await CreateAsync(), c =>
        {
            SetThreshold(c, 279m);
            Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4;
        });
        Succeed(await Service.PublishAsync(Users.HkApprover, published.Id));

        var asked = await Service.RebaseAsync(Users.HkEditor, mine.Id, mine.Revision);
        Refused(asked, WorkflowFailure.Invalid, "freeShipping");

        var rebased = Succeed(await Service.RebaseAsync(Users.HkEditor, mine.Id, mine.Revision,
            new Dictionary<ConfigurationSection, RebaseChoice> { [ConfigurationSection.FreeShipping] = RebaseChoice.TakeCurrent }));

        var config = ChangeRequestService.Parse(rebased.ConfigJson);
        Assert.Equal(249m, config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
        Assert.Equal(4, config.RestrictedGoods.Single(r => r.Id == "RG-HK-MED-LIMIT").MaxQuantity);
        Assert.Equal(2, rebased.BaseVersion);
    }

    [Fact]
    public async Task Rollback_IsAChangeRequestProposingTheOldConfiguration()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));

        var rollback = Succeed(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 1));

        Assert.Equal(ChangeRequestKind.Rollback, rollback.Kind);
        Assert.Equal(2, rollback.BaseVersion);
        await using var db = Db();
        Assert.Equal((await db.Releases.SingleAsync(r => r.Site == "HK" && r.Version == 1)).ConfigJson, rollback.ConfigJson);
        Refused(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 2), WorkflowFailure.InvalidState, "current release");
        Refused(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 9), WorkflowFailure.NotFound);
    }

    [Fact]
    public async Task Rollback_ItsProposalCannotBeEdited_ItsTitleCan()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));
        var rollback = Succeed(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        var edited = System.Text.Json.Nodes.JsonNode.Parse(rollback.ConfigJson)!.AsObject();
        SetThreshold(edited, 9m);

        // Published, it would have been audited and shown as a rollback to v1 while being something else.
        Refused(await Service.SaveAsync(Users.HkEditor, rollback.Id, rollback.Revision, rollback.Title, edited.ToJsonString()), WorkflowFailure.Invalid, "cannot be edited");
        var renamed = Succeed(await Service.SaveAsync(Users.HkEditor, rollback.Id, rollback.Revision, "Back to v1: 249 was too low", rollback.ConfigJson));

        Assert.Equal(rollback.ConfigJson, renamed.ConfigJson);
        Assert.Equal(ChangeRequestKind.Rollback, renamed.Kind);
    }

    [Fact]
    public async Task Rollback_Rebased_StaysTheConfigurationItRollsBackTo()
    {
        var first = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, first.Id)); // v2
        var rollback = Succeed(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        var other = await ApprovedAsync(c => SetThreshold(c, 199m)); // the same field: a merge would conflict
        Succeed(await Service.PublishAsync(Users.HkApprover, other.Id)); // v3

        var rebased = Succeed(await Service.RebaseAsync(Users.HkEditor, rollback.Id, rollback.Revision));

        Assert.Equal(3, rebased.BaseVersion);
        await using var db = Db();
        Assert.Equal((await db.Releases.SingleAsync(r => r.Site == "HK" && r.Version == 1)).ConfigJson, rebased.ConfigJson);
    }

    [Fact]
    public async Task EmergencyRollback_OnlyByAnAdministrator_WithAReason()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));

        Refused(await Service.EmergencyRollbackAsync(Users.HkApprover, "HK", 1, "checkout broken"), WorkflowFailure.Forbidden);
        Refused(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, " "), WorkflowFailure.Invalid, "reason");
        Refused(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "\u200B\u200B"), WorkflowFailure.Invalid, "reason"); // zero-width: nothing to read
        Refused(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, new string('x', 1001)), WorkflowFailure.Invalid, "is 1,001 characters long; at most 1,000 are kept");
        var release = Succeed(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "checkout broken"));

        Assert.Equal(3, release.Version);
        await using var db = Db();
        Assert.Equal((await db.Releases.SingleAsync(r => r.Site == "HK" && r.Version == 1)).Hash, release.Hash);
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == AuditActions.EmergencyRollback && e.Details.Contains("checkout broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollback_ToAReleaseWhoseConfigurationIsCurrent_IsRefused_BothWays()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));
        Succeed(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "checkout broken")); // v3 is v1's configuration

        Refused(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 1), WorkflowFailure.InvalidState, "v1 has the configuration of the current release, v3");
        Refused(await Service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "again"), WorkflowFailure.InvalidState, "nothing to roll back");
        await using var db = Db();
        Assert.Equal(3, await db.Releases.CountAsync(r => r.Site == "HK"));
        Assert.Empty(await db.ChangeRequests.Where(c => c.Kind == ChangeRequestKind.Rollback).ToListAsync());

        // v2 differs from v3: going forward again is a rollback like any other.
        Succeed(await Service.CreateRollbackAsync(Users.HkEditor, "HK", 2));
    }

    [Fact]
    public async Task Releases_CannotBeUpdatedOrDeleted_EvenWithSql()
    {
        await using var db = Db();

        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE Releases SET Title = 'rewritten' WHERE Site = 'HK'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM Releases"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(4, await db.Releases.CountAsync());
    }

    [Fact]
    public async Task Audit_EveryStepIsRecorded_AndTheChainVerifies()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));

        await using var db = Db();
        var actions = await db.AuditEntries.Where(e => e.Subject == $"CR-{change.Id}" || e.Subject == "v2").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditActions.Create, AuditActions.Edit, AuditActions.Submit, AuditActions.Approve, AuditActions.Publish], actions);
        Assert.True((await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Audit_SubmissionAndApproval_NameTheHashOfWhatTheyReviewed_WhichThePublishedReleaseCarries()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, change.Id));

        await using var db = Db();
        var release = await db.Releases.SingleAsync(r => r.Site == "HK" && r.Version == 2);
        foreach (var action in new[] { AuditActions.Submit, AuditActions.Approve })
        {
            var details = await db.AuditEntries.Where(e => e.Subject == $"CR-{change.Id}" && e.Action == action).Select(e => e.Details).SingleAsync();
            using var json = System.Text.Json.JsonDocument.Parse(details!);
            Assert.Equal(release.Hash, json.RootElement.GetProperty("hash").GetString());
        }
    }

    [Fact]
    public async Task Audit_ATamperedRow_IsFoundByVerificationNamingTheEntry()
    {
        var change = await ApprovedAsync(c => SetThreshold(c, 249m));
        await using var db = Db();
        var approval = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Approve);

        // Someone with direct database access removes the guard and rewrites who approved.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET ActorName = 'Hana Ho' WHERE Sequence = {0}", approval.Sequence);

        var verification = await AuditLog.VerifyAsync(db, CancellationToken.None);

        Assert.False(verification.IsIntact);
        Assert.Equal(approval.Sequence, verification.BrokenAt);
        Assert.Contains($"broken at entry {approval.Sequence}", verification.ToString());
        _ = change;
    }
}
