using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Localization;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// bUnit over the console's real services and a real SQLite database (migrated and seeded with the demo releases):
/// each test class registers the services its component injects, from <see cref="App"/> or its own.
/// </summary>
public abstract class ConsoleBunitContext : BunitContext
{
    protected ConsoleBunitContext()
    {
        _ = App.Server; // migrations and demo seed
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    protected OpsConsoleFactory App { get; } = new();

    /// <summary>Publishes HK v2 through the whole workflow: its cart free-shipping threshold lowered to HK$249.</summary>
    protected async Task PublishLowerHkThresholdAsync()
    {
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var change = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Lower the threshold"));
        var json = JsonNode.Parse(change.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        change = Succeeded(await service.SaveAsync(Users.HkEditor, change.Id, change.Revision, change.Title, json.ToJsonString()));
        change = Succeeded(await service.SubmitAsync(Users.HkEditor, change.Id, change.Revision));
        change = Succeeded(await service.ApproveAsync(Users.HkApprover, change.Id, change.Revision, acknowledgeWarnings: true));
        Succeeded(await service.PublishAsync(Users.HkApprover, change.Id));
    }

    protected static T Succeeded<T>(WorkflowResult<T> result)
    {
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            App.Dispose();
        }
    }
}
