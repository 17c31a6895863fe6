using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Overview;
using OpsConsole.Features.Releases;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// Titles the console writes itself (an import's release, a rollback's change request, an emergency rollback's release) are
/// stored in English, which the API and the verbs show; a Chinese console showed them in English too, beside the Chinese around them.
/// </summary>
public sealed class ConsoleWrittenTitlesTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ConsoleWrittenTitlesTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkEditor();
    }

    [Fact]
    public async Task InTraditionalChinese_TheConsolesOwnTitlesReadInChinese_AndTypedTitlesAsTyped()
    {
        await PublishLowerHkThresholdAsync(); // v2, titled by its editor
        Succeeded(await service.EmergencyRollbackAsync(Users.Admin, "HK", 1, "checkout broken")); // v3
        var rollback = Succeeded(await service.CreateRollbackAsync(Users.HkEditor, "HK", 2));
        using var culture = UiCulture.Use("zh-Hant");

        var releases = Render<ReleasesPage>(p => p.Add(c => c.Site, "HK"));
        releases.WaitForAssertion(() => Assert.Contains("緊急回復至 v1", releases.Markup, StringComparison.Ordinal));
        Assert.Contains("匯入自 HK.json", releases.Markup, StringComparison.Ordinal);
        Assert.Contains("Lower the threshold", releases.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Emergency rollback to", releases.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Imported from", releases.Markup, StringComparison.Ordinal);

        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));
        list.WaitForAssertion(() => Assert.Contains("回復至 v2", list.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Roll back to", list.Markup, StringComparison.Ordinal);

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, rollback.Id));
        page.WaitForAssertion(() => Assert.Equal($"CR-{rollback.Id}: 回復至 v2", page.Find("h1").TextContent.Trim()));

        var mine = (await service.WorkListAsync(Users.HkEditor)).Mine;
        var work = Render<WorkTable>(p => p.Add(c => c.Items, mine).Add(c => c.LabelledBy, "mine").Add(c => c.Empty, ""));
        Assert.Contains($"CR-{rollback.Id}: 回復至 v2", work.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglish_TheyReadAsStored()
    {
        await PublishLowerHkThresholdAsync();
        Succeeded(await service.CreateRollbackAsync(Users.HkEditor, "HK", 1));
        using var culture = UiCulture.Use("en");

        var list = Render<ChangeRequestsPage>(p => p.Add(c => c.Site, "HK"));

        list.WaitForAssertion(() => Assert.Contains("Roll back to v1", list.Markup, StringComparison.Ordinal));
    }
}
