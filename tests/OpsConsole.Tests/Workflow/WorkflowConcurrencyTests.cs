using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Api;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>
/// Workflow actions run truly at once (each on its own connection to the same SQLite file), several rounds each: whatever
/// order the database lets them in, nothing is lost, nothing is half-written, and every refusal says why in words.
/// </summary>
public sealed class WorkflowConcurrencyTests : WorkflowTestBase
{
    private const int Rounds = 5;

    [Fact]
    public async Task Approve_TwoApproversAtOnce_WhenTwoAreRequired_BothCountAndItIsApprovedOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 40 + round);

            var results = await AtOnceAsync(
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true),
                () => Service.ApproveAsync(Users.HkApprover2, request.Id, request.Revision, acknowledgeWarnings: true));

            AllSucceed(results);
            var stored = await StoredAsync(request.Id);
            Assert.Equal(ChangeRequestState.Approved, stored.State);
            Assert.Equal(["hk-approver", "hk-approver-2"], stored.Approvals.Select(a => a.ApproverId).Order());
            Assert.Equal(1, await ApprovalStatesReachedAsync(request.Id));
        }

        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Approve_TwoApproversAtOnce_WhenOneIsRequired_ApprovesOnceAndTellsTheOtherWhy()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => SetThreshold(c, 200m + round));

            var results = await AtOnceAsync(
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true),
                () => Service.ApproveAsync(Users.HkApprover2, request.Id, request.Revision, acknowledgeWarnings: true));

            Assert.Single(results, r => r.Succeeded);
            ClearRefusal(Assert.Single(results, r => !r.Succeeded), WorkflowFailure.InvalidState, WorkflowFailure.Conflict);
            var stored = await StoredAsync(request.Id);
            Assert.Equal(ChangeRequestState.Approved, stored.State);
            Assert.Single(stored.Approvals);
            Assert.Equal(1, await ApprovalStatesReachedAsync(request.Id));
        }

        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Approve_SameApproverTwiceAtOnce_CountsOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 40 + round);

            var results = await AtOnceAsync(
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true),
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));

            Assert.Single(results, r => r.Succeeded);
            ClearRefusal(Assert.Single(results, r => !r.Succeeded), WorkflowFailure.InvalidState, WorkflowFailure.Conflict);
            var stored = await StoredAsync(request.Id);
            Assert.Equal(ChangeRequestState.InReview, stored.State);
            Assert.Equal(["hk-approver"], stored.Approvals.Select(a => a.ApproverId));
        }
    }

    [Fact]
    public async Task Publish_SameRequestTwiceAtOnce_GivesOneReleaseAndBothSeeIt()
    {
        var cache = await LoadedCacheAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var request = await ApprovedAsync(c => SetThreshold(c, 200m + round));

            var results = await AtOnceAsync(
                () => Service.PublishAsync(Users.HkApprover, request.Id),
                () => Service.PublishAsync(Users.HkEditor, request.Id));

            AllSucceed(results);
            Assert.Equal(round + 2, results[0].Value!.Version);
            Assert.Equal(results[0].Value!.Version, results[1].Value!.Version);
            await AssertReleasesGaplessAsync("HK", round + 2);
        }

        await AssertAuditIntactAsync();
        await AssertCacheServesCurrentAsync(cache, "HK");
    }

    [Fact]
    public async Task Publish_TwoRequestsOnTheSameBaseAtOnce_OneWinsTheOtherIsOutOfDateAndUntouched()
    {
        var cache = await LoadedCacheAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var a = await ApprovedAsync(c => SetThreshold(c, 200m + round));
            var b = await ApprovedAsync(c => Rule(c, "consolidationPromos", "CP-HK-BAG")["dailyBudget"] = 40000m + round);

            var results = await AtOnceAsync(
                () => Service.PublishAsync(Users.HkApprover, a.Id),
                () => Service.PublishAsync(Users.HkApprover, b.Id));

            var won = Assert.Single(results, r => r.Succeeded).Value!;
            ClearRefusal(Assert.Single(results, r => !r.Succeeded), WorkflowFailure.Outdated);
            await AssertReleasesGaplessAsync("HK", round + 2);
            var loser = await StoredAsync(won.ChangeRequestId == a.Id ? b.Id : a.Id);
            Assert.Equal(ChangeRequestState.Approved, loser.State);
            Assert.Null(loser.PublishedVersion);
            Assert.Equal((won.ChangeRequestId == a.Id ? b : a).Revision, loser.Revision);
            await using var db = Db();
            Assert.False(await db.Releases.AnyAsync(r => r.ChangeRequestId == loser.Id));

            // Out of the race: rebase the loser so the next round starts from both sides' current base.
            var rebased = Succeed(await Service.RebaseAsync(Users.HkEditor, loser.Id, loser.Revision));
            Succeed(await Service.WithdrawAsync(Users.HkEditor, rebased.Id, rebased.Revision));
        }

        await AssertAuditIntactAsync();
        await AssertCacheServesCurrentAsync(cache, "HK");
    }

    [Fact]
    public async Task Save_WhileAnApproverApprovesThePreviousRevision_TheApprovalNeverAttachesToTheNewProposal()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => SetThreshold(c, 200m + round));
            var edited = Modify(request.ConfigJson, c => SetThreshold(c, 150m + round));

            var results = await AtOnceAsync(
                () => Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, edited),
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));
            var (save, approve) = (results[0], results[1]);

            var stored = await StoredAsync(request.Id);
            Assert.Single(results, r => r.Succeeded);
            if (save.Succeeded)
            {
                ClearRefusal(approve, WorkflowFailure.Conflict);
                Assert.Equal(ChangeRequestState.Draft, stored.State);
                Assert.Empty(stored.Approvals);
                Assert.Equal(150m + round, ChangeRequestService.Parse(stored.ConfigJson).FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
            }
            else
            {
                // The approval was of the proposal the approver saw; the author, told so, saves again and clears it.
                ClearRefusal(save, WorkflowFailure.Conflict);
                Assert.Equal(ChangeRequestState.Approved, stored.State);
                Assert.Equal(200m + round, ChangeRequestService.Parse(stored.ConfigJson).FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
                var again = Succeed(await Service.SaveAsync(Users.HkEditor, stored.Id, stored.Revision, stored.Title, edited));
                Assert.Equal(ChangeRequestState.Draft, again.State);
                Assert.Empty((await StoredAsync(request.Id)).Approvals);
            }
        }

        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task EmergencyRollback_RacingAPublish_KeepsVersionsGaplessAndTheAuditChainWhole()
    {
        var cache = await LoadedCacheAsync();
        Succeed(await Service.PublishAsync(Users.HkApprover, (await ApprovedAsync(c => SetThreshold(c, 100m))).Id));
        var current = 2;
        for (var round = 0; round < Rounds; round++)
        {
            var request = await ApprovedOnAsync(current, c => SetThreshold(c, 200m + round));
            // The release before the current one always differs from it: a rollback to the current configuration is refused.
            var target = current - 1;

            var results = await AtOnceAsync(
                () => Service.PublishAsync(Users.HkApprover, request.Id),
                () => Service.EmergencyRollbackAsync(Users.Admin, "HK", target, "Checkout broke after the last release"));
            var (publish, rollback) = (results[0], results[1]);

            Assert.True(rollback.Succeeded, $"{rollback.Failure}: {rollback.Message}");
            if (!publish.Succeeded)
            {
                ClearRefusal(publish, WorkflowFailure.Outdated);
                Assert.Equal(ChangeRequestState.Approved, (await StoredAsync(request.Id)).State);
            }

            current += publish.Succeeded ? 2 : 1;
            Assert.Equal(current, rollback.Value!.Version);
            await AssertReleasesGaplessAsync("HK", current);
        }

        await AssertAuditIntactAsync();
        await AssertCacheServesCurrentAsync(cache, "HK");
    }

    [Fact]
    public async Task ApprovalsSetting_ChangedWhileARequestIsApproved_EndsConsistentWithTheNumberThatHolds()
    {
        var setting = 2;
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 40 + round);
            request = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));
            var to = setting == 2 ? 1 : 2;

            var results = await AtOnceAsync(
                async () => (await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", setting, to)) is { Succeeded: false } failed
                    ? WorkflowResult<ChangeRequest>.Fail(failed.Failure!.Value, failed.Message!)
                    : WorkflowResult<ChangeRequest>.Ok(request),
                () => Service.ApproveAsync(Users.HkApprover2, request.Id, request.Revision, acknowledgeWarnings: true));

            Assert.True(results[0].Succeeded, results[0].Message);
            setting = to;
            if (!results[1].Succeeded)
            {
                ClearRefusal(results[1], WorkflowFailure.Conflict, WorkflowFailure.InvalidState);
            }

            var stored = await StoredAsync(request.Id);
            // Approved exactly when its approvals reach the number now in force; never approved twice.
            Assert.Equal(stored.Approvals.Count >= setting ? ChangeRequestState.Approved : ChangeRequestState.InReview, stored.State);
            Assert.True(await ApprovalStatesReachedAsync(request.Id) <= 1);
            Assert.Equal(stored.Approvals.Count, stored.Approvals.Select(a => a.ApproverId).Distinct().Count());
            Succeed(await Service.WithdrawAsync(Users.HkEditor, stored.Id, stored.Revision));
        }

        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task Withdraw_RacingApprove_EndsWithdrawnOrApprovedNeverBoth()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var request = await InReviewAsync(c => SetThreshold(c, 200m + round));

            var results = await AtOnceAsync(
                () => Service.WithdrawAsync(Users.HkEditor, request.Id, request.Revision),
                () => Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));

            Assert.Single(results, r => r.Succeeded);
            ClearRefusal(Assert.Single(results, r => !r.Succeeded), WorkflowFailure.Conflict, WorkflowFailure.InvalidState);
            var stored = await StoredAsync(request.Id);
            if (results[0].Succeeded)
            {
                Assert.Equal(ChangeRequestState.Withdrawn, stored.State);
                Assert.Empty(stored.Approvals);
                Refused(await Service.PublishAsync(Users.HkApprover, request.Id), WorkflowFailure.InvalidState);
            }
            else
            {
                Assert.Equal(ChangeRequestState.Approved, stored.State);
                Assert.Single(stored.Approvals);
            }
        }

        await AssertAuditIntactAsync();
    }

    [Fact]
    public async Task AuditChain_ManyWritersAppendingAtOnce_DoesNotForkAndNoneFails()
    {
        var requests = new List<ChangeRequest>();
        for (var i = 0; i < 4; i++)
        {
            requests.Add(await InReviewAsync(c => SetThreshold(c, 200m + i)));
        }

        var gate = new TaskCompletionSource();
        var work = requests.Select(r => Task.Run(async () =>
        {
            await gate.Task;
            Succeed(await Service.ApproveAsync(Users.HkApprover, r.Id, r.Revision, acknowledgeWarnings: true));
        })).Concat(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            await Factory.RecordSignInAsync(Users.HkEditor);
        }))).ToList();
        gate.SetResult();
        await Task.WhenAll(work);

        await AssertAuditIntactAsync();
    }

    private async Task<ChangeRequest> InReviewAsync(Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var request = await EditAsync(await CreateAsync(), change);
        return Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
    }

    private async Task<ChangeRequest> ApprovedOnAsync(int baseVersion, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        var request = await ApprovedAsync(change);
        Assert.Equal(baseVersion, request.BaseVersion);
        return request;
    }

    /// <summary>Starts both actions on the thread pool behind one gate, so neither has a head start of a whole call.</summary>
    private static async Task<WorkflowResult<T>[]> AtOnceAsync<T>(params Func<Task<WorkflowResult<T>>>[] actions)
    {
        var gate = new TaskCompletionSource();
        var running = actions.Select(action => Task.Run(async () =>
        {
            await gate.Task;
            return await action();
        })).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }

    private static void AllSucceed<T>(IEnumerable<WorkflowResult<T>> results) =>
        Assert.All(results, r => Assert.True(r.Succeeded, $"{r.Failure}: {r.Message}"));

    /// <summary>A refusal a person can act on: one of the expected kinds, with a message in English and Traditional Chinese, never "the database did not answer".</summary>
    private static void ClearRefusal<T>(WorkflowResult<T> result, params WorkflowFailure[] expected)
    {
        Assert.False(result.Succeeded, "expected a refusal");
        Assert.True(expected.Contains(result.Failure!.Value), $"{result.Failure}: {result.Message}");
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        using (UiCulture.Use("zh-Hant-TW"))
        {
            var translated = MessageTexts.Translate(result.Message);
            // A refusal may name who acted (the administrator who changed a setting): a name is a value, not English left over.
            var words = OpsConsole.Auth.DevelopmentSignIn.Users.Aggregate(translated, (text, user) => text.Replace(user.DisplayName, "", StringComparison.Ordinal));
            Assert.True(translated != result.Message && !System.Text.RegularExpressions.Regex.IsMatch(words, "[a-z]{3,}"), $"not translated: {result.Message} -> {translated}");
        }
    }

    /// <summary>How many times the request became approved by an approval (the audit says, entry by entry).</summary>
    private async Task<int> ApprovalStatesReachedAsync(int id)
    {
        await using var db = Db();
        var subject = ChangeRequestService.Subject(id);
        var approvals = await db.AuditEntries.Where(e => e.Subject == subject && e.Action == AuditActions.Approve).Select(e => e.Details).ToListAsync();
        return approvals.Count(d => System.Text.Json.JsonDocument.Parse(d).RootElement is var root
            && root.GetProperty("approvals").GetInt32() >= root.GetProperty("required").GetInt32());
    }

    private async Task AssertReleasesGaplessAsync(string site, int expectedCount)
    {
        await using var db = Db();
        var versions = await db.Releases.Where(r => r.Site == site).OrderBy(r => r.Version).Select(r => r.Version).ToListAsync();
        Assert.Equal(Enumerable.Range(1, expectedCount), versions);
        var published = await db.ChangeRequests.Where(c => c.Site == site && c.State == ChangeRequestState.Published).CountAsync();
        Assert.Equal(await db.Releases.CountAsync(r => r.Site == site && r.ChangeRequestId != null), published);
    }

    private async Task AssertAuditIntactAsync()
    {
        await using var db = Db();
        var verification = await AuditLog.VerifyAsync(db, CancellationToken.None);
        Assert.True(verification.IsIntact, verification.ToString());
    }

    private async Task<ReleaseCache> LoadedCacheAsync()
    {
        var cache = Factory.Services.GetRequiredService<ReleaseCache>();
        await cache.LoadAsync(CancellationToken.None);
        return cache;
    }

    /// <summary>The consumer API ends up serving what the database says is current (the cache applies a publish off the publisher's thread).</summary>
    private async Task AssertCacheServesCurrentAsync(ReleaseCache cache, string site)
    {
        await using var db = Db();
        var current = await db.Releases.Where(r => r.Site == site).OrderByDescending(r => r.Version).FirstAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.Current(site)?.Version != current.Version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(current.Version, cache.Current(site)?.Version);
        Assert.Equal(current.Hash, cache.Current(site)?.Summary.Hash);
        Assert.Equal(current.Version, cache.History(site)[0].Version);
        Assert.Equal(Enumerable.Range(1, current.Version).Reverse(), cache.History(site).Select(r => r.Version));
    }
}
