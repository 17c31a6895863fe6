using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The audit page's filters, over the real audit log in SQLite.</summary>
public sealed class AuditPageFilterTests : ConsoleBunitContext
{
    public AuditPageFilterTests()
    {
        UseAppServices();
        SignInAsHkEditor();
    }

    [Theory]
    [InlineData("hana")]
    [InlineData("HANA HO")]
    public async Task WhoFilter_FindsTheActorWhateverTheCase(string typed)
    {
        using var culture = UiCulture.Use("en");
        Assert.True((await App.Services.GetRequiredService<ChangeRequestService>().CreateAsync(Users.HkEditor, "HK", "Someone to find")).Succeeded);
        var page = Render<OpsConsole.Features.Audit.AuditPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr.rz-data-row")));

        page.Find("input[aria-label='Filter by actor']").Change(typed);

        // SQLite's instr, which Contains became, minds case: "hana" found nobody.
        page.WaitForAssertion(() =>
        {
            var who = page.FindAll("tbody tr.rz-data-row").Select(r => r.Children[2].TextContent.Trim()).ToList();
            Assert.NotEmpty(who);
            Assert.All(who, w => Assert.Equal("Hana Ho", w));
        });
    }
}
