using Microsoft.EntityFrameworkCore;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>The per-site number of approvals for restricted-goods changes, set by administrators, on a real SQLite database.</summary>
public sealed class SiteSettingsTests : WorkflowTestBase
{
    [Fact]
    public async Task SetApprovals_ByANonAdministrator_IsRefusedAndNothingChanges()
    {
        Refused(await Service.SetRestrictedGoodsApprovalsAsync(Users.HkApprover, "HK", expected: 2, approvals: 1), WorkflowFailure.Forbidden, "administrators");
        Refused(await Service.SetRestrictedGoodsApprovalsAsync(Users.HkEditor, "HK", expected: 2, approvals: 1), WorkflowFailure.Forbidden);

        Assert.Equal(2, await ApprovalsSettingAsync("HK"));
        Assert.Equal(0, await AuditCountAsync(AuditActions.SiteSettingsChanged));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task SetApprovals_OutOfRange_IsRefusedWithTheRange(int approvals)
    {
        Refused(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals), WorkflowFailure.Invalid, "from 1 to 3");

        Assert.Equal(2, await ApprovalsSettingAsync("HK"));
    }

    [Fact]
    public async Task SetApprovals_UnknownSite_IsNotFound()
    {
        Refused(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "JP", expected: 2, approvals: 1), WorkflowFailure.NotFound);
    }

    [Fact]
    public async Task SetApprovals_FromAValueNoLongerStored_IsAConflictAndKeepsTheOtherAdministratorsValue()
    {
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 3));

        // A second administrator, whose page still shows 2, asks for 1.
        Refused(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1), WorkflowFailure.Conflict, "to 3 since you opened the page");

        Assert.Equal(3, await ApprovalsSettingAsync("HK"));
        Assert.Equal(1, await AuditCountAsync(AuditActions.SiteSettingsChanged));
    }

    [Fact]
    public async Task SetApprovals_IsAuditedAndOnlyForItsSite()
    {
        var change = Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "TW", expected: 2, approvals: 1));

        Assert.Equal(("TW", 2, 1), (change.Site, change.From, change.To));
        Assert.Equal(1, await ApprovalsSettingAsync("TW"));
        Assert.Equal(2, await ApprovalsSettingAsync("HK"));
        await using var db = Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SiteSettingsChanged);
        Assert.Equal(("TW", "admin"), (entry.Site, entry.ActorId));
        Assert.Contains("\"from\":2", entry.Details, StringComparison.Ordinal);
        Assert.Contains("\"to\":1", entry.Details, StringComparison.Ordinal);
        Assert.True((await AuditLog.VerifyAsync(db, CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task LoweringApprovals_ApprovesARestrictedGoodsChangeInReviewThatNowHasEnough()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        request = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true));
        Assert.Equal(ChangeRequestState.InReview, request.State);

        var change = Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));

        Assert.Equal([request.Id], change.Approved);
        Assert.Empty(change.BackInReview);
        var stored = await StoredAsync(request.Id);
        Assert.Equal(ChangeRequestState.Approved, stored.State);
        Assert.Equal(request.Revision + 1, stored.Revision);
        await using var db = Db();
        var applied = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ApprovalsRequirementApplied);
        Assert.Equal(ChangeRequestService.Subject(request), applied.Subject);
    }

    [Fact]
    public async Task LoweringApprovals_LeavesAnOutOfDateChangeInReview()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        request = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true));
        var other = await ApprovedAsync(c => SetThreshold(c, 249m));
        Succeed(await Service.PublishAsync(Users.HkApprover, other.Id)); // the first is now out of date

        var change = Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));

        // Out of date, it can be neither approved nor published until it is rebased.
        Assert.Empty(change.Approved);
        Assert.Equal(ChangeRequestState.InReview, (await StoredAsync(request.Id)).State);
    }

    [Fact]
    public async Task RaisingApprovals_SendsAnApprovedRestrictedGoodsChangeBackToReview_AndLeavesOtherChangesApproved()
    {
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        var restricted = await ApprovedAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4, Users.HkApprover);
        var threshold = await ApprovedAsync(c => SetThreshold(c, 249m), Users.HkApprover);

        var change = Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 2));

        Assert.Equal([restricted.Id], change.BackInReview);
        Assert.Empty(change.Approved);
        var backInReview = await StoredAsync(restricted.Id);
        Assert.Equal(ChangeRequestState.InReview, backInReview.State);
        Assert.Single(backInReview.Approvals); // the approval given stands; one more is needed
        Assert.Equal(ChangeRequestState.Approved, (await StoredAsync(threshold.Id)).State);

        // It cannot be published until a second approver says yes, and then it can.
        Refused(await Service.PublishAsync(Users.HkEditor, restricted.Id), WorkflowFailure.InvalidState);
        var approved = Succeed(await Service.ApproveAsync(Users.HkApprover2, backInReview.Id, backInReview.Revision, true));
        Assert.Equal(ChangeRequestState.Approved, approved.State);
    }

    [Fact]
    public async Task RaisingApprovals_WithAStaleChangeRequestPage_IsDetectedByItsRevision()
    {
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        var request = await ApprovedAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4, Users.HkApprover);

        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 2));

        // A page opened before the setting changed acts on the old revision: refused, not applied to a state it never saw.
        Refused(await Service.RejectAsync(Users.HkApprover2, request.Id, request.Revision, "Not like this"), WorkflowFailure.Conflict);
    }

    [Fact]
    public async Task LoweringApprovals_UnderAnApproversOpenPage_TheirApprovalIsRefusedSayingWhoChangedWhatAndWhatItNeedsNow()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        // The second approver opens it here: one approval of two.
        var read = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true));
        var hash = OpsConsole.Domain.Configuration.ConfigurationJson.Sha256(ChangeRequestService.Parse(read.ConfigJson));

        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));

        var approval = await Service.ApproveAsync(Users.HkApprover2, read.Id, read.Revision, true, hash, read.Title);
        var rejection = await Service.RejectAsync(Users.HkApprover2, read.Id, read.Revision, "Four is too many");

        var applied = await AppliedAsync(read.Id);
        foreach (var refused in new[] { approval, rejection })
        {
            Refused(refused, WorkflowFailure.Conflict,
                $"At {OpsConsole.Features.SiteClock.Show(OpsConsole.Domain.Sites.SiteCatalog.HK, applied.At)} (HK time), after you opened CR-{read.Id}, Ada Admin changed how many approvals a restricted-goods change of HK needs: CR-{read.Id} now needs 1 approval, has 1 and is approved.");
            Assert.Contains("Nothing was recorded, and your input is kept", refused.Message, StringComparison.Ordinal);
        }

        var stored = await StoredAsync(read.Id);
        Assert.Equal(ChangeRequestState.Approved, stored.State);
        Assert.Single(stored.Approvals);
    }

    [Fact]
    public async Task RaisingApprovals_UnderAnApproversOpenPage_TheirRejectionIsRefusedSayingItIsBackInReview()
    {
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        var request = await ApprovedAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4, Users.HkApprover);

        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 3));

        Refused(await Service.RejectAsync(Users.HkApprover2, request.Id, request.Revision, "Not like this"), WorkflowFailure.Conflict,
            $"Ada Admin changed how many approvals a restricted-goods change of HK needs: CR-{request.Id} now needs 3 approvals, has 1 and is in review.");
    }

    [Fact]
    public async Task AnApprovalAfterTheSettingMovedIt_DoesNotHideTheMoveFromAnApproverWhoOpenedItBefore()
    {
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 2, approvals: 1));
        var read = await ApprovedAsync(c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4, Users.HkApprover);
        Succeed(await Service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", expected: 1, approvals: 3));
        var moved = await StoredAsync(read.Id);
        Succeed(await Service.ApproveAsync(Users.HkApprover2, moved.Id, moved.Revision, true));

        // A third approver, whose page still shows it approved with one approval: the move is what they did not see.
        var refused = await Service.ApproveAsync(Users.OtherHkEditor, read.Id, read.Revision, true);

        Refused(refused, WorkflowFailure.Conflict, $"CR-{read.Id} now needs 3 approvals, has 2 and is in review.");
    }

    private async Task<AuditEntry> AppliedAsync(int id)
    {
        await using var db = Db();
        return await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ApprovalsRequirementApplied && e.Subject == ChangeRequestService.Subject(id));
    }

    private async Task<int> ApprovalsSettingAsync(string site)
    {
        await using var db = Db();
        return (await db.Sites.SingleAsync(s => s.Code == site)).ApprovalsForRestrictedGoods;
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var db = Db();
        return await db.AuditEntries.CountAsync(e => e.Action == action);
    }
}
