using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features;
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
            var refused = await Service.ApproveAsync(Users.HkApprover, read.Id, revision, acknowledgeWarnings: true, reviewedHash: readHash, reviewedTitle: read.Title);
            Refused(refused, WorkflowFailure.Conflict, $"The configuration proposed in CR-{read.Id} was changed by Hana Ho at");
            Assert.Contains("it is not the one you read, and your approval was not recorded", refused.Message, StringComparison.Ordinal);
        }

        var stored = await StoredAsync(read.Id);
        Assert.Empty(stored.Approvals);
        Assert.Equal(ChangeRequestState.InReview, stored.State);
        await using var db = Db();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Subject == ChangeRequestService.Subject(read.Id) && e.Action == AuditActions.Approve));
    }

    [Fact]
    public async Task Approve_NamingATitleChangedAndResubmittedSince_IsRefusedSayingTheOldAndNewTitleAndByWhom()
    {
        var edited = await EditAsync(await CreateAsync(title: "Free direct mail from HK$199"), c => SetThreshold(c, 199m));
        var read = Succeed(await Service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        var hash = ConfigurationJson.Sha256(ChangeRequestService.Parse(read.ConfigJson));
        // Only the title changes: the configuration's hash is still the one read.
        var retitled = Succeed(await Service.SaveAsync(Users.OtherHkEditor, read.Id, read.Revision, "Free direct mail from HK$199 for the winter sale", read.ConfigJson));
        var resubmitted = Succeed(await Service.SubmitAsync(Users.HkEditor, retitled.Id, retitled.Revision));

        // The revision read, as the page sends it; then the revision there now, as a page that reloaded unannounced would.
        foreach (var revision in new[] { read.Revision, resubmitted.Revision })
        {
            var refused = await Service.ApproveAsync(Users.HkApprover, read.Id, revision, acknowledgeWarnings: true, reviewedHash: hash, reviewedTitle: read.Title);

            Refused(refused, WorkflowFailure.Conflict,
                $"The title of CR-{read.Id} was changed from “Free direct mail from HK$199” to “Free direct mail from HK$199 for the winter sale” by Second Editor at");
            Assert.Contains("your approval was not recorded", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("someone else", refused.Message, StringComparison.Ordinal);
        }

        Assert.Empty((await StoredAsync(read.Id)).Approvals);
        var approved = Succeed(await Service.ApproveAsync(Users.HkApprover, read.Id, resubmitted.Revision, acknowledgeWarnings: true, reviewedHash: hash, reviewedTitle: resubmitted.Title));
        Assert.Equal(ChangeRequestState.Approved, approved.State);
    }

    [Fact]
    public async Task Approve_NamingAConfigurationAndTitleBothChangedSince_IsRefusedNamingBoth()
    {
        var edited = await EditAsync(await CreateAsync(title: "From HK$199"), c => SetThreshold(c, 199m));
        var read = Succeed(await Service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        var hash = ConfigurationJson.Sha256(ChangeRequestService.Parse(read.ConfigJson));
        var changed = Succeed(await Service.SaveAsync(Users.HkEditor, read.Id, read.Revision, "From HK$149", Modify(read.ConfigJson, c => SetThreshold(c, 149m))));
        Succeed(await Service.SubmitAsync(Users.HkEditor, changed.Id, changed.Revision));

        var refused = await Service.ApproveAsync(Users.HkApprover, read.Id, read.Revision, acknowledgeWarnings: true, reviewedHash: hash, reviewedTitle: read.Title);

        Refused(refused, WorkflowFailure.Conflict, $"The configuration proposed in CR-{read.Id} and its title (from “From HK$199” to “From HK$149”) were changed by Hana Ho at");
    }

    /// <summary>Refusals give the time as the pages do, on the site's clock (HK is UTC+8), not in UTC.</summary>
    [Fact]
    public async Task Refusals_SayWhenOnTheSitesClock_AsThePagesDo()
    {
        var edited = await EditAsync(await CreateAsync(), c => SetThreshold(c, 199m));
        var read = Succeed(await Service.SubmitAsync(Users.HkEditor, edited.Id, edited.Revision));
        var hash = ConfigurationJson.Sha256(ChangeRequestService.Parse(read.ConfigJson));
        var changed = await EditAsync(read, c => SetThreshold(c, 149m));

        var notRead = await Service.ApproveAsync(Users.HkApprover, read.Id, read.Revision, acknowledgeWarnings: true, reviewedHash: hash);
        var general = await Service.RejectAsync(Users.HkApprover, read.Id, read.Revision, "Not below HK$199");

        var stored = await StoredAsync(read.Id);
        Assert.Equal(changed.Revision, stored.Revision);
        Refused(notRead, WorkflowFailure.Conflict, $"was changed by Hana Ho at {SiteClock.Show(SiteCatalog.HK, stored.ProposalChangedAt!.Value)} (HK time), after you opened it");
        Refused(general, WorkflowFailure.Conflict, $"CR-{read.Id} was changed by Hana Ho at {SiteClock.Show(SiteCatalog.HK, stored.UpdatedAt)} (HK time), after you opened it");
        Assert.All(new[] { notRead.Message!, general.Message! }, message => Assert.DoesNotContain("UTC", message, StringComparison.Ordinal));
        // Eight hours apart: the UTC time of day is not in the message.
        Assert.DoesNotContain(stored.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), general.Message!, StringComparison.Ordinal);
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
