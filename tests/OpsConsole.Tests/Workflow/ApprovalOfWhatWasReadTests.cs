using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Configuration;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>
/// An approval names the proposal its approver read (its revision, and the hash its audit entry records): one changed
/// since is refused, saying by whom, and records nothing.
/// </summary>
public sealed class ApprovalOfWhatWasReadTests : WorkflowTestBase
{
    [Fact]
    public async Task Approve_NamingAProposalChangedAndResubmittedSince_IsRefusedSayingByWhom()
    {
        var edited = await EditAsync(await CreateAsync(), c => SetThreshold(c, 199m));
        var read = Succeed(await Service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        var readHash = ConfigurationJson.Sha256(ChangeRequestService.Parse(read.ConfigJson));
        var resubmitted = Succeed(await Service.SubmitAsync(Users.HkEditor, read.Id, (await EditAsync(read, c => SetThreshold(c, 149m))).Revision));

        // The revision read and its hash, as the page sends them; then the revision shown now with the hash read, as a
        // page that reloaded the new proposal unannounced would.
        foreach (var revision in new[] { read.Revision, resubmitted.Revision })
        {
            var refused = await Service.ApproveAsync(Users.HkApprover, read.Id, revision, acknowledgeWarnings: true, reviewedHash: readHash);
            Refused(refused, WorkflowFailure.Conflict, "was changed by Hana Ho at");
            Assert.Contains("it is not the one you read, and your approval was not recorded", refused.Message, StringComparison.Ordinal);
        }

        var stored = await StoredAsync(read.Id);
        Assert.Empty(stored.Approvals);
        Assert.Equal(ChangeRequestState.InReview, stored.State);
        await using var db = Db();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Subject == ChangeRequestService.Subject(read.Id) && e.Action == AuditActions.Approve));
    }

    [Fact]
    public async Task Approve_NamingTheProposalThereNow_Counts_AndItsAuditEntryNamesThatHash()
    {
        var edited = await EditAsync(await CreateAsync(), c => SetThreshold(c, 199m));
        var request = Succeed(await Service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        var hash = ConfigurationJson.Sha256(ChangeRequestService.Parse(request.ConfigJson));

        var approved = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true, reviewedHash: hash));

        Assert.Equal(ChangeRequestState.Approved, approved.State);
        await using var db = Db();
        var entry = await db.AuditEntries.SingleAsync(e => e.Subject == ChangeRequestService.Subject(request.Id) && e.Action == AuditActions.Approve);
        Assert.Contains(hash, entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_RecordsWhenAndEditRecordsWhoChangedTheProposal()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 199m), Users.OtherHkEditor);
        Assert.Equal("Second Editor", request.ProposalChangedBy);
        Assert.Null(request.SubmittedAt);

        var submitted = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Assert.NotNull(submitted.SubmittedAt);
        Assert.Equal("Second Editor", (await StoredAsync(request.Id)).ProposalChangedBy);
    }
}
