using Microsoft.EntityFrameworkCore;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

public sealed class ChangeRequestTransitionTests : WorkflowTestBase
{
    [Fact]
    public async Task Create_ByHkEditor_StartsDraftFromCurrentRelease()
    {
        var request = await CreateAsync();

        Assert.Equal(ChangeRequestState.Draft, request.State);
        Assert.Equal(1, request.BaseVersion);
        await using var db = Db();
        var v1 = await db.Releases.SingleAsync(r => r.Site == "HK" && r.Version == 1);
        Assert.Equal(v1.ConfigJson, request.ConfigJson);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("hk-approver")]
    [InlineData("tw-editor")]
    [InlineData("admin")]
    public async Task Create_ByAnyoneButAnHkEditor_IsForbidden(string user)
    {
        Refused(await Service.CreateAsync(Users.Get(user), "HK", "Sneaky change"), WorkflowFailure.Forbidden);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")] // zero-width spaces: a link nobody can see or read out in the list
    [InlineData("\u2060\t\uFEFF")]
    public async Task Create_WithATitleWithNothingToRead_IsRefused(string title)
    {
        await using var db = Db();
        var before = await db.ChangeRequests.CountAsync();

        Refused(await Service.CreateAsync(Users.HkEditor, "HK", title), WorkflowFailure.Invalid, "title");
        Assert.Equal(before, await db.ChangeRequests.CountAsync());
    }

    [Fact]
    public async Task Save_WithATitleWithNothingToRead_IsRefusedAndKeepsTheTitle()
    {
        var request = await CreateAsync();

        Refused(await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, "\u200B", request.ConfigJson), WorkflowFailure.Invalid, "title");
        Assert.Equal(request.Title, (await StoredAsync(request.Id)).Title);
    }

    [Fact]
    public async Task Create_TitleIsMeasuredAsStored_WithoutTheSpacesAround()
    {
        var padded = " " + new string('t', 200) + " ";

        var request = Succeed(await Service.CreateAsync(Users.HkEditor, "HK", padded));

        Assert.Equal(new string('t', 200), request.Title);
        Refused(await Service.CreateAsync(Users.HkEditor, "HK", new string('t', 201)), WorkflowFailure.Invalid, "title");
    }

    [Fact]
    public async Task Save_WithMalformedConfiguration_NamesThePathAndKeepsTheStoredProposal()
    {
        var request = await CreateAsync();

        var result = await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title,
            Modify(request.ConfigJson, c => Rule(c, "freeShipping", "FS-HK-CART-299")["threshold"] = "a lot"));

        Refused(result, WorkflowFailure.Invalid);
        Assert.Contains(result.Errors, e => e.Path.Contains("threshold", StringComparison.Ordinal));
        await using var db = Db();
        var stored = await db.ChangeRequests.SingleAsync(c => c.Id == request.Id);
        Assert.Equal(request.ConfigJson, stored.ConfigJson);
        Assert.Equal(request.Revision, stored.Revision);
    }

    [Fact]
    public async Task Save_WhenSomeoneSavedSince_IsRefusedAndTheirVersionStays()
    {
        var request = await CreateAsync();
        var theirs = await EditAsync(request, c => SetThreshold(c, 249m), Users.OtherHkEditor);

        var mine = await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, Modify(request.ConfigJson, c => SetThreshold(c, 199m)));

        Refused(mine, WorkflowFailure.Conflict, $"CR-{request.Id} was changed by Second Editor at ");
        await using var db = Db();
        Assert.Equal(theirs.ConfigJson, (await db.ChangeRequests.SingleAsync(c => c.Id == request.Id)).ConfigJson);
    }

    /// <summary>The same person in two tabs: "changed by someone else" sent them looking for a colleague.</summary>
    [Fact]
    public async Task Save_WhenTheSamePersonSavedSinceInAnotherTab_SaysItWasThem()
    {
        var request = await CreateAsync();
        await EditAsync(request, c => SetThreshold(c, 249m));

        var mine = await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, Modify(request.ConfigJson, c => SetThreshold(c, 199m)));

        Refused(mine, WorkflowFailure.Conflict, $"CR-{request.Id} was changed by you, in another tab or window, at ");
        Assert.DoesNotContain("someone else", mine.Message, StringComparison.Ordinal);
    }

    /// <summary>A request published since: the newest write is its publication, audited under the release it made.</summary>
    [Fact]
    public async Task Withdraw_OfARequestPublishedSince_NamesWhoPublishedIt()
    {
        var read = await ApprovedAsync(c => SetThreshold(c, 249m), Users.HkApprover);
        Succeed(await Service.PublishAsync(Users.HkApprover2, read.Id));

        Refused(await Service.WithdrawAsync(Users.HkEditor, read.Id, read.Revision), WorkflowFailure.Conflict, "was changed by Mei Leung at ");
    }

    [Fact]
    public async Task Submit_WithValidationErrors_IsRefusedWithTheErrors()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "freeShipping", "FS-HK-CART-299")["threshold"] = 249.001m);

        var result = await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision);

        Refused(result, WorkflowFailure.Invalid, "The proposal has 1 error; fix it before submitting.");
        Assert.Contains(result.Errors, e => e.Path.StartsWith("freeShipping[", StringComparison.Ordinal) && e.Path.EndsWith(".threshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_OfAProposalThatIsItsBase_IsRefused_EvenAfterEditsThatCameBackToIt()
    {
        var request = await CreateAsync();
        Refused(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision), WorkflowFailure.Invalid, "the same as v1; there is nothing to review");

        request = await EditAsync(request, c => SetThreshold(c, 249m));
        request = await EditAsync(request, c => SetThreshold(c, 299m)); // the demo's own threshold again
        Refused(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision), WorkflowFailure.Invalid, "the same as v1");
        await using (var db = Db())
        {
            Assert.Equal(ChangeRequestState.Draft, (await db.ChangeRequests.SingleAsync(c => c.Id == request.Id)).State);
        }

        request = await EditAsync(request, c => SetThreshold(c, 249m));
        Assert.Equal(ChangeRequestState.InReview, Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision)).State);
    }

    [Fact]
    public async Task Approve_ByTheAuthor_IsRefusedEvenWhenTheyAreAnApprover()
    {
        var author = Users.OtherHkEditor; // an editor who is also an approver of HK
        var request = Succeed(await Service.CreateAsync(author, "HK", "Self-approved?"));
        request = await EditAsync(request, c => SetThreshold(c, 249m), author);
        request = Succeed(await Service.SubmitAsync(author, request.Id, request.Revision));

        Refused(await Service.ApproveAsync(author, request.Id, request.Revision, true), WorkflowFailure.Forbidden, "You wrote this change request");
    }

    [Fact]
    public async Task Approve_BySomeoneWhoEditedIt_IsRefused()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m), Users.OtherHkEditor);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.ApproveAsync(Users.OtherHkEditor, request.Id, request.Revision, true), WorkflowFailure.Forbidden, "You edited this change request");
    }

    [Theory]
    [InlineData("tw-approver")]
    [InlineData("viewer")]
    [InlineData("admin")]
    [InlineData("hk-editor")]
    public async Task Approve_ByAnyoneWithoutTheHkApproverRole_IsForbidden(string user)
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.ApproveAsync(Users.Get(user), request.Id, request.Revision, true), WorkflowFailure.Forbidden);
    }

    [Fact]
    public async Task Approve_WithUnacknowledgedWarnings_IsRefused()
    {
        // The HK demo has two free-shipping rules on DIRECT_STD with different thresholds: a warning.
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: false), WorkflowFailure.Invalid,
            "The proposal has 1 warning; acknowledge it to approve.");
    }

    [Fact]
    public async Task Approve_OneApproval_ApprovesAChangeOutsideRestrictedGoods()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m), Users.HkApprover);

        Assert.Single(request.Approvals);
    }

    [Fact]
    public async Task Approve_ChangeToRestrictedGoods_NeedsTwoApprovers()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        request = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true));
        Assert.Equal(ChangeRequestState.InReview, request.State);
        Refused(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true), WorkflowFailure.InvalidState, "approved it already");

        request = Succeed(await Service.ApproveAsync(Users.HkApprover2, request.Id, request.Revision, true));
        Assert.Equal(ChangeRequestState.Approved, request.State);
    }

    [Fact]
    public async Task Approve_OfARevisionOnlyAnotherApprovalFollowed_Counts()
    {
        var read = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        read = Succeed(await Service.SubmitAsync(Users.HkEditor, read.Id, read.Revision));
        Succeed(await Service.ApproveAsync(Users.HkApprover, read.Id, read.Revision, true));

        // The second approver read the same proposal before the first approved it.
        var approved = Succeed(await Service.ApproveAsync(Users.HkApprover2, read.Id, read.Revision, true));

        Assert.Equal(ChangeRequestState.Approved, approved.State);
        Assert.Equal(2, approved.Approvals.Count);
    }

    [Fact]
    public async Task Approve_OfARevisionThatWasRejectedAndResubmittedSince_IsAConflict()
    {
        var read = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        read = Succeed(await Service.SubmitAsync(Users.HkEditor, read.Id, read.Revision));
        var rejected = Succeed(await Service.RejectAsync(Users.HkApprover2, read.Id, read.Revision, "Not below 250"));
        var changed = await EditAsync(rejected, c => SetThreshold(c, 229m));
        Succeed(await Service.SubmitAsync(Users.HkEditor, changed.Id, changed.Revision));

        // In review again, but not with what the approver read.
        Refused(await Service.ApproveAsync(Users.HkApprover, read.Id, read.Revision, true), WorkflowFailure.Conflict, $"CR-{read.Id} was changed by Hana Ho at ");
        Assert.Empty((await StoredAsync(read.Id)).Approvals);
    }

    [Fact]
    public async Task Edit_AfterApproval_ReturnsToDraftAndClearsApprovals()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        request = await EditAsync(request, c => SetThreshold(c, 239m));

        Assert.Equal(ChangeRequestState.Draft, request.State);
        await using var db = Db();
        Assert.Empty(await db.Set<Approval>().Where(a => a.ChangeRequestId == request.Id).ToListAsync());
    }

    [Fact]
    public async Task Reject_WithoutComment_IsRefused_WithComment_ReturnsToDraft()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "  "), WorkflowFailure.Invalid);
        Refused(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "\u200B\u2060"), WorkflowFailure.Invalid); // nothing the author can read
        request = Succeed(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "249 is below our margin floor"));

        Assert.Equal(ChangeRequestState.Draft, request.State);
        Assert.Contains(request.Comments, c => c.Kind == CommentKind.Rejection && c.Text == "249 is below our margin floor");
    }

    [Fact]
    public async Task Reject_WithAReasonLongerThanTheConsoleKeeps_IsRefusedSayingTheLimit_AndLeavesItInReview()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        // A form post is not held to the page's box: the service is where the limit holds.
        Refused(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, new string('x', ChangeRequestService.ReasonMaxLength + 1)), WorkflowFailure.Invalid,
            $"{ChangeRequestService.ReasonMaxLength:N0}");

        // Measured as kept: trimmed.
        request = Succeed(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "  " + new string('y', ChangeRequestService.ReasonMaxLength) + "\n"));
        Assert.Equal(ChangeRequestService.ReasonMaxLength, request.Comments.Single().Text.Length);
    }

    [Fact]
    public async Task Withdraw_ByAnotherEditor_IsRefused_ByTheAuthor_EndsIt()
    {
        var request = await CreateAsync();

        Refused(await Service.WithdrawAsync(Users.OtherHkEditor, request.Id, request.Revision), WorkflowFailure.Forbidden);
        request = Succeed(await Service.WithdrawAsync(Users.HkEditor, request.Id, request.Revision));

        Assert.Equal(ChangeRequestState.Withdrawn, request.State);
        Refused(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision), WorkflowFailure.InvalidState);
        Refused(await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, request.ConfigJson), WorkflowFailure.InvalidState);
    }

    [Fact]
    public async Task Withdraw_ByTheAuthorNoLongerAnEditor_IsRefused()
    {
        var request = await CreateAsync();
        // The author's id with only the viewer's role: moved off the site's editors since.
        var former = OpsConsole.Auth.DevelopmentSignIn.Principal(new OpsConsole.Auth.DemoUser("hk-editor", "Hana Ho", "Viewer", [OpsConsole.Auth.OpsRoles.Viewer]));

        Refused(await Service.WithdrawAsync(former, request.Id, request.Revision), WorkflowFailure.Forbidden);
        Assert.Equal(ChangeRequestState.Draft, (await StoredAsync(request.Id)).State);
    }

    [Fact]
    public async Task Submit_WhenAlreadyInReview_IsRefused()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision), WorkflowFailure.InvalidState, "Only a draft");
    }

    [Fact]
    public async Task Publish_BeforeApproval_IsRefused()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Refused(await Service.PublishAsync(Users.HkApprover, request.Id), WorkflowFailure.InvalidState, "Only an approved");
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("tw-editor")]
    [InlineData("tw-approver")]
    public async Task Publish_ByAnyoneOutsideHk_IsForbidden(string user)
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        Refused(await Service.PublishAsync(Users.Get(user), request.Id), WorkflowFailure.Forbidden);
    }

    [Fact]
    public async Task Publish_Approved_CreatesV2WithAuthorApproversHashAndAudit()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        var release = Succeed(await Service.PublishAsync(Users.HkApprover, request.Id));

        Assert.Equal(2, release.Version);
        Assert.Equal("Hana Ho", release.AuthorName);
        Assert.Equal("Kelvin Chan", release.Approvers);
        Assert.Equal(OpsConsole.Domain.Configuration.ConfigurationJson.Sha256(ChangeRequestService.Parse(release.ConfigJson)), release.Hash);
        await using var db = Db();
        Assert.Equal(ChangeRequestState.Published, (await db.ChangeRequests.SingleAsync(c => c.Id == request.Id)).State);
        Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == "ReleasePublished" && e.Subject == "v2" && e.Site == "HK");
    }

    [Fact]
    public async Task Publish_Twice_YieldsOneRelease()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));

        var first = Succeed(await Service.PublishAsync(Users.HkApprover, request.Id));
        var second = Succeed(await Service.PublishAsync(Users.HkEditor, request.Id));

        Assert.Equal(first.Version, second.Version);
        await using var db = Db();
        Assert.Equal(2, await db.Releases.CountAsync(r => r.Site == "HK"));
    }
}
