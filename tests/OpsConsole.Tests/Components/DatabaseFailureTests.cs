using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Components.Layout;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// The database fails under a user (its file gone, as in the API's resilience tests): every action is refused in words,
/// nothing is lost from the page, and a page that cannot load says so in its place instead of ending the session.
/// </summary>
public sealed class DatabaseFailureTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public DatabaseFailureTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkEditor();
    }

    [Fact]
    public async Task EveryWorkflowAction_IsRefusedAsUnavailable_NotThrown()
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Before the outage"));

        App.MakeDatabaseUnreadable();

        var results = new (string Action, WorkflowFailure? Failure, string? Message)[]
        {
            Of("create", await service.CreateAsync(Users.HkEditor, "HK", "During the outage")),
            Of("save", await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, "Renamed", request.ConfigJson)),
            Of("submit", await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision)),
            Of("approve", await service.ApproveAsync(Users.HkApprover, request.Id, request.Revision, acknowledgeWarnings: true)),
            Of("reject", await service.RejectAsync(Users.HkApprover, request.Id, request.Revision, "No")),
            Of("withdraw", await service.WithdrawAsync(Users.HkEditor, request.Id, request.Revision)),
            Of("rebase", await service.RebaseAsync(Users.HkEditor, request.Id, request.Revision, null)),
            Of("publish", await service.PublishAsync(Users.HkApprover, request.Id)),
            Of("propose rollback", await service.CreateRollbackAsync(Users.HkEditor, "HK", 1)),
            Of("emergency rollback", await service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "Checkout is down")),
            Of("approvals setting", await service.SetRestrictedGoodsApprovalsAsync(Users.Admin, "HK", 2, 3)),
        };

        Assert.All(results, r =>
        {
            Assert.True(r.Failure == WorkflowFailure.Unavailable, $"{r.Action}: {r.Failure} {r.Message}");
            Assert.Equal(DatabaseFailures.Message, r.Message);
        });
    }

    /// <summary>A new HK draft open on its page, its cart threshold lowered in the JSON and not saved.</summary>
    private async Task<(ChangeRequest Request, IRenderedComponent<ChangeRequestPage> Page, string Typed)> OpenWithAnUnsavedEditAsync()
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Lower the cart threshold"));
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        var edited = JsonNode.Parse(request.ConfigJson)!.AsObject();
        edited["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        var typed = edited.ToJsonString();
        page.WaitForElement("textarea[aria-label='Configuration JSON']").Change(typed);
        return (request, page, typed);
    }

    [Fact]
    public async Task SavingWhileTheDatabaseIsDown_KeepsTheEditsOnThePage_AndSaysWhy()
    {
        using var culture = UiCulture.Use("en");
        var (_, page, typed) = await OpenWithAnUnsavedEditAsync();

        App.MakeDatabaseUnreadable();
        page.Button("Save").Click();

        page.WaitForAssertion(() => Assert.Equal(DatabaseFailures.Message, page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Contains("rz-danger", page.Find("[data-testid=outcome]").ClassList);
        Assert.Equal(typed, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"));
        Assert.False(page.Button("Save").IsUnavailable());
    }

    [Fact]
    public async Task SavingWhenTheDatabaseHasBecomeReadOnly_KeepsTheEditsOnThePage_AndSaysWhatToDo()
    {
        // SQLite's own words ("attempt to write a readonly database") told the user nothing, and "try again in a moment" is
        // no help: nothing changes until someone makes the files writable again.
        using var culture = UiCulture.Use("en");
        var (request, page, typed) = await OpenWithAnUnsavedEditAsync();

        App.MakeDatabaseReadOnly();
        page.Button("Save").Click();

        page.WaitForAssertion(() => Assert.Equal(DatabaseFailures.ReadOnlyMessage, page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Contains("rz-danger", page.Find("[data-testid=outcome]").ClassList);
        Assert.Equal(typed, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"));
        Assert.False(page.Button("Save").IsUnavailable());
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(request.Revision, (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChangeRequests, c => c.Id == request.Id)).Revision);
    }

    [Fact]
    public async Task SavingAfterTheDatabaseFileWasRenamed_KeepsTheEditsOnThePage_AndSaysThatTheConsoleMustBeRestarted()
    {
        using var culture = UiCulture.Use("en");
        var (request, page, typed) = await OpenWithAnUnsavedEditAsync();

        using (App.RenameDatabase())
        {
            page.Button("Save").Click();

            page.WaitForAssertion(() => Assert.Equal(DatabaseFailures.MovedMessage, page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
            Assert.Contains("rz-danger", page.Find("[data-testid=outcome]").ClassList);
            Assert.Equal(typed, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"));
        }

        TestDatabases.CloseConsoleDatabase(App.DataDirectory);
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(request.Revision, (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChangeRequests, c => c.Id == request.Id)).Revision);
    }

    [Fact]
    public async Task SubmittingWhileTheDatabaseIsDown_LeavesThePageAsItWas_AndSaysWhy()
    {
        using var culture = UiCulture.Use("en");
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "Lower the cart threshold"));
        var edited = JsonNode.Parse(request.ConfigJson)!.AsObject();
        edited["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, edited.ToJsonString()));
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.False(page.Button("Submit for review").HasAttribute("disabled")));

        App.MakeDatabaseUnreadable();
        page.Button("Submit for review").Click();

        // Reading the request back would fail too: the page stays as it was, with the refusal, and can be tried again.
        page.WaitForAssertion(() => Assert.Equal(DatabaseFailures.Message, page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("Draft", page.Find("[data-testid=state]").TextContent.Trim());
        Assert.False(page.Button("Submit for review").HasAttribute("disabled"));
    }

    [Fact]
    public void APageThatCannotLoad_SaysWhyInItsPlace_AndCanBeTriedAgain()
    {
        using var culture = UiCulture.Use("en");
        FailingPage.FailuresLeft = 1;

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, builder =>
        {
            builder.OpenComponent<FailingPage>(0);
            builder.CloseComponent();
        }));

        var failure = layout.Find("[data-testid=page-failure]");
        Assert.Contains("This page could not be shown", failure.TextContent, StringComparison.Ordinal);
        Assert.Contains("The database did not answer. Nothing was changed; try again in a moment.", failure.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(layout.FindAll("nav, [aria-label='Main navigation']"));

        layout.FindAll("button").Single(b => b.TextContent.Contains("Try again", StringComparison.Ordinal)).Click();

        Assert.Empty(layout.FindAll("[data-testid=page-failure]"));
        Assert.Equal("Loaded.", layout.Find("[data-testid=failing-page]").TextContent);
    }

    private static (string, WorkflowFailure?, string?) Of<T>(string action, WorkflowResult<T> result) => (action, result.Failure, result.Message);

    /// <summary>A page whose database read fails the first <see cref="FailuresLeft"/> times it loads.</summary>
    private sealed class FailingPage : ComponentBase
    {
        public static int FailuresLeft { get; set; }

        protected override void OnInitialized()
        {
            if (FailuresLeft-- > 0)
            {
                throw new SqliteException("unable to open database file", 14);
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "failing-page");
            builder.AddContent(2, "Loaded.");
            builder.CloseElement();
        }
    }
}
