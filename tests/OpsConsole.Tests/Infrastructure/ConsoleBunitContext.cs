using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Localization;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// bUnit over the console's real services and a real SQLite database (migrated and seeded with the demo releases):
/// each test class registers the services its component injects, from <see cref="App"/> or its own.
/// </summary>
public abstract class ConsoleBunitContext : BunitContext
{
    /// <param name="interactive">Whether pages render as in a circuit (true) or as prerendered into the first response.</param>
    protected ConsoleBunitContext(bool interactive = true)
    {
        _ = App.Server; // migrations and demo seed
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        rendererInfo = interactive ? new RendererInfo("Server", isInteractive: true) : new RendererInfo("Static", isInteractive: false);
    }

    protected OpsConsoleFactory App { get; } = new();

    private RendererInfo? rendererInfo;

    /// <summary>
    /// Renders as bUnit does, the pages told whether they render in a circuit or into the first response
    /// (<c>RendererInfo</c>). Telling bUnit's renderer makes it, which closes the services to registration, so it is told
    /// at the first render, once the test has registered its own.
    /// </summary>
    protected new IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameterBuilder = null)
        where TComponent : IComponent
    {
        if (rendererInfo is { } info)
        {
            rendererInfo = null;
            SetRendererInfo(info);
        }

        return base.Render(parameterBuilder);
    }

    /// <summary>The app's own database, workflow, release history, events, clock and audit chain verifier, as the pages inject them.</summary>
    protected void UseAppServices()
    {
        Services.AddSingleton(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton(App.Services.GetRequiredService<ChangeRequestService>());
        Services.AddSingleton(App.Services.GetRequiredService<ReleaseHistory>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        Services.AddSingleton(App.Services.GetRequiredService<TimeProvider>());
        Services.AddSingleton(App.Services.GetRequiredService<OpsConsole.Features.Audit.AuditChainVerifier>());
    }

    /// <summary>Signs in Hana Ho, the demo editor of HK (the id <see cref="Users.HkEditor"/> has); the sign-in is given to change it later.</summary>
    protected BunitAuthorizationContext SignInAsHkEditor() =>
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK")).SetClaims(new Claim(ClaimTypes.NameIdentifier, "hk-editor"));

    /// <summary>Signs in Kelvin Chan, a demo approver of HK (the id <see cref="Users.HkApprover"/> has).</summary>
    protected void SignInAsHkApprover() =>
        AddAuthorization().SetAuthorized("Kelvin Chan").SetRoles(OpsRoles.Approver("HK")).SetClaims(new Claim(ClaimTypes.NameIdentifier, "hk-approver"));

    /// <summary>Signs in Ada Admin, the demo administrator (the id "admin").</summary>
    protected void SignInAsAdmin() =>
        AddAuthorization().SetAuthorized("Ada Admin").SetRoles(OpsRoles.Admin).SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));

    /// <summary>Publishes HK v2 through the whole workflow: its cart free-shipping threshold lowered to HK$249.</summary>
    /// <returns>The change request published.</returns>
    protected Task<ChangeRequest> PublishLowerHkThresholdAsync() =>
        PublishHkAsync("Lower the threshold", json => json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m);

    /// <summary>Publishes HK's current configuration with a change, as its editor and an approver would.</summary>
    /// <returns>The change request published.</returns>
    protected async Task<ChangeRequest> PublishHkAsync(string title, Action<JsonObject> change)
    {
        var service = App.Services.GetRequiredService<ChangeRequestService>();
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", title));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        change(json);
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString()));
        request = Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        request = Succeeded(await service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true));
        Succeeded(await service.PublishAsync(Users.HkApprover, request.Id));
        return request;
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
