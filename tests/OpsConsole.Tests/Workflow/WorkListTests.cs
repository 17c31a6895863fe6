using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

public sealed class WorkListTests : WorkflowTestBase
{
    [Fact]
    public async Task SubmittedRequest_WaitsForTheSitesApprovers_AndIsTheAuthorsOwn()
    {
        var request = await EditAsync(await CreateAsync(title: "Free direct mail from HK$249"), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        var approver = await Service.WorkListAsync(Users.HkApprover);
        var item = Assert.Single(approver.ToApprove);
        Assert.Equal(new WorkItem(request.Id, "HK", "Free direct mail from HK$249", ChangeRequestState.InReview, "Hana Ho", default, 0, 1), item with { UpdatedAt = default });
        Assert.Equal(request.UpdatedAt, item.UpdatedAt, TimeSpan.FromMilliseconds(1)); // stored to the millisecond
        Assert.Empty(approver.Mine);

        var author = await Service.WorkListAsync(Users.HkEditor);
        Assert.Empty(author.ToApprove);
        Assert.Equal(request.Id, Assert.Single(author.Mine).Id);

        // Another site's approver, a viewer and an administrator have nothing to do with it.
        foreach (var other in new[] { Users.TwApprover, Users.Viewer, Users.Admin })
        {
            var list = await Service.WorkListAsync(other);
            Assert.Empty(list.ToApprove);
            Assert.Empty(list.Mine);
        }
    }

    [Fact]
    public async Task Drafts_WaitForNobodysApproval_ButAreTheirEditorsOwn()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        // A second editor (an HK approver too) edits it: it is theirs as well, and four eyes keep it off their approvals.
        request = await EditAsync(request, c => SetThreshold(c, 239m), Users.OtherHkEditor);

        Assert.Empty((await Service.WorkListAsync(Users.HkApprover)).ToApprove);
        var otherEditor = await Service.WorkListAsync(Users.OtherHkEditor);
        Assert.Equal(ChangeRequestState.Draft, Assert.Single(otherEditor.Mine).State);

        Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        Assert.Empty((await Service.WorkListAsync(Users.OtherHkEditor)).ToApprove);
        Assert.Single((await Service.WorkListAsync(Users.HkApprover)).ToApprove);
    }

    [Fact]
    public async Task RestrictedGoodsChange_LeavesTheFirstApproversList_AndWaitsForTheSecond()
    {
        var request = await EditAsync(await CreateAsync(), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        Assert.Equal((0, 2), Approvals(Assert.Single((await Service.WorkListAsync(Users.HkApprover)).ToApprove)));

        request = Succeed(await Service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, true));

        Assert.Empty((await Service.WorkListAsync(Users.HkApprover)).ToApprove);
        Assert.Equal((1, 2), Approvals(Assert.Single((await Service.WorkListAsync(Users.HkApprover2)).ToApprove)));
    }

    [Fact]
    public async Task ApprovedRequest_IsTheAuthorsToPublish_AndLeavesTheListsOncePublished()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));
        Assert.Empty((await Service.WorkListAsync(Users.HkApprover2)).ToApprove);
        var mine = Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine);
        Assert.Equal(ChangeRequestState.Approved, mine.State);
        Assert.Equal((1, 1), Approvals(mine));

        Succeed(await Service.PublishAsync(Users.HkEditor, request.Id));

        Assert.Empty((await Service.WorkListAsync(Users.HkEditor)).Mine);
    }

    [Fact]
    public async Task OutOfDateRequest_WaitsForItsRebase_NotForTheApprover_AndTellsItsAuthorOntoWhat()
    {
        var outdated = await EditAsync(await CreateAsync(), c => Rule(c, "consolidationPromos", "CP-HK-BAG")["dailyBudget"] = 45000m);
        outdated = Succeed(await Service.SubmitAsync(Users.HkEditor, outdated.Id, outdated.Revision));
        Assert.Null(Assert.Single((await Service.WorkListAsync(Users.HkApprover2)).ToApprove).RebaseOnto);

        Succeed(await Service.PublishAsync(Users.HkEditor, (await ApprovedAsync(c => SetThreshold(c, 249m))).Id));

        Assert.Empty((await Service.WorkListAsync(Users.HkApprover2)).ToApprove);
        Assert.Equal(2, Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine).RebaseOnto);
    }

    [Fact]
    public async Task WithdrawnRequest_LeavesTheLists()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 249m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));

        Succeed(await Service.WithdrawAsync(Users.HkEditor, request.Id, request.Revision));

        Assert.Empty((await Service.WorkListAsync(Users.HkApprover)).ToApprove);
        Assert.Empty((await Service.WorkListAsync(Users.HkEditor)).Mine);
    }

    [Fact]
    public async Task RejectedRequest_TellsItsAuthorWhoSentItBackAndWhy_UntilItIsSubmittedAgain()
    {
        var request = await EditAsync(await CreateAsync(), c => SetThreshold(c, 99m));
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        Assert.Null(Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine).Rejected);

        request = Succeed(await Service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "  HK$99 is too low.  "));

        var rejected = Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine).Rejected;
        Assert.NotNull(rejected);
        Assert.Equal(("Kelvin Chan", "HK$99 is too low."), (rejected.By, rejected.Comment));
        Assert.Empty((await Service.WorkListAsync(Users.HkApprover)).ToApprove);

        request = await EditAsync(request, c => SetThreshold(c, 249m));
        Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        var resubmitted = Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine);
        Assert.Equal(ChangeRequestState.InReview, resubmitted.State);
        Assert.Null(resubmitted.Rejected);
    }

    [Fact]
    public async Task Approvals_WaitLongestFirst_OwnRequestsNewestFirst()
    {
        var first = await EditAsync(await CreateAsync(title: "First"), c => SetThreshold(c, 249m));
        first = Succeed(await Service.SubmitAsync(Users.HkEditor, first.Id, first.Revision));
        var second = await EditAsync(await CreateAsync(title: "Second"), c => SetThreshold(c, 199m));
        second = Succeed(await Service.SubmitAsync(Users.HkEditor, second.Id, second.Revision));

        Assert.Equal([first.Id, second.Id], (await Service.WorkListAsync(Users.HkApprover)).ToApprove.Select(i => i.Id));
        Assert.Equal([second.Id, first.Id], (await Service.WorkListAsync(Users.HkEditor)).Mine.Select(i => i.Id));
    }

    [Fact]
    public async Task TheWorkList_ReadsNoProposalAndNoRelease_HoweverLargeTheyAre()
    {
        // Each proposal is a whole configuration (megabytes with 5,000 restricted-goods rules), and every open overview
        // reads the list again after each workflow event: it used to read and parse every open proposal and its base.
        var restricted = await EditAsync(await CreateAsync(title: "Restricted"), c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        restricted = Succeed(await Service.SubmitAsync(Users.HkEditor, restricted.Id, restricted.Revision));
        var threshold = await EditAsync(await CreateAsync(title: "Threshold"), c => SetThreshold(c, 249m));
        threshold = Succeed(await Service.SubmitAsync(Users.HkEditor, threshold.Id, threshold.Revision));
        var counter = new ReadCounter();
        var service = ActivatorUtilities.CreateInstance<ChangeRequestService>(Factory.Services, counter.FactoryFor(Factory));

        var list = await service.WorkListAsync(Users.HkApprover);

        Assert.Equal([(restricted.Id, 0, 2), (threshold.Id, 0, 1)], list.ToApprove.Select(i => (i.Id, i.Approvals, i.RequiredApprovals)));
        Assert.True(counter.Characters < restricted.ConfigJson.Length, $"read {counter.Characters:N0} characters; one proposal has {restricted.ConfigJson.Length:N0}");
    }

    [Fact]
    public async Task ApprovalsNeeded_FollowEachEdit_AsTheRequestPageCountsThem()
    {
        // The list decides "changes restricted goods" in SQLite and remembers it per revision; the request page decides
        // it on the parsed configurations. Both must say the same after each edit, an edit that puts a rule back included.
        var created = await CreateAsync();
        var released = Rule(JsonNode.Parse(created.ConfigJson)!.AsObject(), "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"]!.DeepClone();
        var request = await EditAsync(created, c => SetThreshold(c, 249m));
        Assert.Equal(1, await NeededAsync(request));

        request = await EditAsync(request, c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = 4);
        Assert.Equal(2, await NeededAsync(request));

        request = await EditAsync(request, c => Rule(c, "restrictedGoods", "RG-HK-MED-LIMIT")["maxQuantity"] = released.DeepClone());
        Assert.Equal(1, await NeededAsync(request));

        request = await EditAsync(request, c => c["restrictedGoods"]!.AsArray().RemoveAt(0));
        Assert.Equal(2, await NeededAsync(request));

        async Task<int> NeededAsync(ChangeRequest current)
        {
            var item = Assert.Single((await Service.WorkListAsync(Users.HkEditor)).Mine);
            await using var db = Db();
            Assert.Equal(await Service.RequiredApprovalsAsync(db, await StoredAsync(current.Id), CancellationToken.None), item.RequiredApprovals);
            return item.RequiredApprovals;
        }
    }

    private static (int Given, int Needed) Approvals(WorkItem item) => (item.Approvals, item.RequiredApprovals);
}
