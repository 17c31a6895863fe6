using System.Security.Claims;
using Bunit;
using OpsConsole.Auth;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A change request's page as prerendered into the first response, before its circuit starts.</summary>
public sealed class PrerenderedPageTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public PrerenderedPageTests()
        : base(interactive: false)
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("approver")]
    public async Task TheJsonIsLeftToTheCircuit(string reader)
    {
        // The interactive render replaces the prerendered page whole: a large proposal's text was most of that page
        // (3.5 MB for 3,000 restricted-goods rules), parsed by the browser before it fetched the scripts that start the
        // circuit. The editor has it in a text area, the approver in a read-only block.
        using var culture = UiCulture.Use("en");
        if (reader == "editor")
        {
            SignInAsHkEditor();
        }
        else
        {
            SignInAsHkApprover();
        }

        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Prerendered")).Value!;

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=validation-summary]")));
        Assert.Equal("Loading the JSON…", page.Find("[data-testid=json-loading]").TextContent);
        Assert.Empty(page.FindAll("[aria-label='Configuration JSON']"));
        Assert.DoesNotContain("\"maxWeightGrams\"", page.Markup, StringComparison.Ordinal);
    }
}
