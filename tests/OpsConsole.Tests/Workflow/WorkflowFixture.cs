using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>A fresh app (Development: every site seeded with its demo configuration as v1) per test class.</summary>
public abstract class WorkflowTestBase : IDisposable
{
    protected WorkflowTestBase()
    {
        Factory = new OpsConsoleFactory();
        _ = Factory.Server; // starts the host: migrations and demo seed run
        Service = Factory.Services.GetRequiredService<ChangeRequestService>();
    }

    protected OpsConsoleFactory Factory { get; }

    protected ChangeRequestService Service { get; }

    protected OpsConsoleDbContext Db() => Factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContext();

    /// <summary>The change request as the database holds it now, with its approvals.</summary>
    protected async Task<ChangeRequest> StoredAsync(int id)
    {
        await using var db = Db();
        return await db.ChangeRequests.Include(c => c.Approvals).AsNoTracking().SingleAsync(c => c.Id == id);
    }

    protected async Task<ChangeRequest> CreateAsync(string site = "HK", string title = "Lower the HK free-shipping threshold")
    {
        var created = await Service.CreateAsync(site == "HK" ? Users.HkEditor : Users.TwEditor, site, title);
        Assert.True(created.Succeeded, created.Message);
        return created.Value!;
    }

    /// <summary>Edits the proposal as JSON the way the console's JSON editor does, and saves it.</summary>
    protected async Task<ChangeRequest> EditAsync(ChangeRequest request, Action<JsonObject> change, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        var saved = await Service.SaveAsync(user ?? Users.HkEditor, request.Id, request.Revision, request.Title, Modify(request.ConfigJson, change));
        Assert.True(saved.Succeeded, saved.Message + string.Join("; ", saved.Errors.Select(e => e.Path + " " + e.Message)));
        return saved.Value!;
    }

    protected static string Modify(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    protected static JsonObject Rule(JsonObject config, string section, string id) =>
        config[section]!.AsArray().Select(n => n!.AsObject()).Single(r => (string?)r["id"] == id);

    protected static void SetThreshold(JsonObject config, decimal threshold) => Rule(config, "freeShipping", "FS-HK-CART-299")["threshold"] = threshold;

    /// <summary>Edit → submit → approve (acknowledging the demo's known warning) until Approved.</summary>
    protected async Task<ChangeRequest> ApprovedAsync(Action<JsonObject> change, params System.Security.Claims.ClaimsPrincipal[] approvers)
    {
        var request = await EditAsync(await CreateAsync(), change);
        request = Succeed(await Service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        foreach (var approver in approvers.Length == 0 ? [Users.HkApprover] : approvers)
        {
            request = Succeed(await Service.ApproveAsync(approver, request.Id, request.Revision, acknowledgeWarnings: true));
        }

        Assert.Equal(ChangeRequestState.Approved, request.State);
        return request;
    }

    protected static T Succeed<T>(WorkflowResult<T> result)
    {
        Assert.True(result.Succeeded, $"{result.Failure}: {result.Message}");
        return result.Value!;
    }

    protected static void Refused<T>(WorkflowResult<T> result, WorkflowFailure failure, string? messagePart = null)
    {
        Assert.False(result.Succeeded, "expected a refusal");
        Assert.Equal(failure, result.Failure);
        if (messagePart is not null)
        {
            Assert.Contains(messagePart, result.Message);
        }
    }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
