using Microsoft.EntityFrameworkCore;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>A save the workflow refuses leaves the change request as it was and no audit entry saying it was edited.</summary>
public sealed class RefusedWritesTests : WorkflowTestBase
{
    [Fact]
    public async Task Save_RefusedForAnyReason_ChangesNothing_AndLeavesNoAuditEntry()
    {
        var request = await CreateAsync();
        var edited = await EditAsync(request, json => json["freeShipping"]![0]!["threshold"] = 249m);

        var otherSite = (await Service.CreateAsync(Users.TwEditor, "TW", "TW's")).Value!.ConfigJson;
        var before = await SnapshotAsync(edited.Id);
        var changed = Modify(edited.ConfigJson, json => json["freeShipping"]![0]!["threshold"] = 199m);
        var refusals = new (string Why, WorkflowResult<ChangeRequest> Result)[]
        {
            ("stale revision", await Service.SaveAsync(Users.HkEditor, edited.Id, request.Revision, "Stale", changed)),
            ("not JSON", await Service.SaveAsync(Users.HkEditor, edited.Id, edited.Revision, edited.Title, "{ \"site\": \"HK\", ")),
            ("no title", await Service.SaveAsync(Users.HkEditor, edited.Id, edited.Revision, "  ", changed)),
            ("another site's configuration", await Service.SaveAsync(Users.HkEditor, edited.Id, edited.Revision, edited.Title, otherSite)),
            ("a viewer", await Service.SaveAsync(Users.Viewer, edited.Id, edited.Revision, edited.Title, changed)),
            ("another site's editor", await Service.SaveAsync(Users.TwEditor, edited.Id, edited.Revision, edited.Title, changed)),
        };

        Assert.All(refusals, r => Assert.False(r.Result.Succeeded, r.Why));
        Assert.Equal(before, await SnapshotAsync(edited.Id));

    }

    private async Task<(int Revision, string Title, string Config, long AuditEntries, long LastSequence)> SnapshotAsync(int id)
    {
        await using var db = Db();
        var stored = await db.ChangeRequests.AsNoTracking().SingleAsync(c => c.Id == id);
        return (stored.Revision, stored.Title, stored.ConfigJson, await db.AuditEntries.LongCountAsync(), await db.AuditEntries.MaxAsync(e => e.Sequence));
    }
}
