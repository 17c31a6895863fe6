using Bunit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Overview;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>A work list as its reader sees it: a row per change request, or a line saying there is nothing.</summary>
public sealed class WorkTableTests : BunitContext
{
    // Late evening UTC: already the next day on the sites' clocks (UTC+8), which the table shows.
    private static readonly DateTimeOffset Updated = new(2026, 12, 3, 18, 30, 0, TimeSpan.Zero);

    public WorkTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void Empty_SaysSoInsteadOfAnEmptyTable()
    {
        var table = Render<WorkTable>(p => p.Add(t => t.Items, []).Add(t => t.LabelledBy, "mine").Add(t => t.Empty, "You have no open change requests."));

        Assert.Empty(table.FindAll("table"));
        Assert.Equal("You have no open change requests.", table.Find("[data-testid=mine-empty]").TextContent);
    }

    [Fact]
    public void ALongList_ShowsItsFirstRows_AndSaysHowManyMoreThereAre()
    {
        // An approver of a busy site, or an editor who imports in bulk, had hundreds of rows on the overview, rendered
        // whole and rendered again after every workflow event anywhere.
        using var culture = UiCulture.Use("en");
        var items = Enumerable.Range(1, 300).Select(i => new WorkItem(i, "HK", $"Change {i}", ChangeRequestState.InReview, "Hana Ho", Updated, 0, 1)).ToList();

        var table = Render<WorkTable>(p => p.Add(t => t.Items, items).Add(t => t.LabelledBy, "to-approve").Add(t => t.Empty, "Nothing waits."));

        Assert.Equal(WorkTable.Limit, table.FindAll("tbody tr").Count);
        Assert.Contains("CR-1:", table.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Equal($"{300 - WorkTable.Limit} more are not shown here; each site's change request list has them all.", table.Find("[data-testid=to-approve-more]").TextContent.Trim());
    }

    [Fact]
    public void Item_LinksToItsPage_WithItsStateApprovalsAuthorAndTime()
    {
        using var culture = UiCulture.Use("en");
        var table = Render<WorkTable>(p => p
            .Add(t => t.Items, [new WorkItem(7, "TW", "Lower TW thresholds", ChangeRequestState.InReview, "Yu-Ting Lin", Updated, 1, 2)])
            .Add(t => t.LabelledBy, "to-approve").Add(t => t.Empty, "Nothing waits."));

        var row = table.Find("tbody tr");
        Assert.Equal("sites/TW/change-requests/7", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("CR-7: Lower TW thresholds", row.QuerySelector("a")!.TextContent);
        Assert.Contains("1 of 2 needed", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Yu-Ting Lin", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-12-04 02:30", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Updated (site's time)", table.Find("thead").TextContent, StringComparison.Ordinal);
        Assert.Equal("to-approve", table.Find("table").GetAttribute("aria-labelledby"));
        Assert.Empty(table.FindAll("[data-testid=rejected]"));
    }

    [Fact]
    public void OutOfDateItem_SaysOntoWhatToRebase()
    {
        using var culture = UiCulture.Use("en");
        var item = new WorkItem(4, "HK", "Budget", ChangeRequestState.InReview, "Hana Ho", Updated, 0, 1) { RebaseOnto = 3 };

        var table = Render<WorkTable>(p => p.Add(t => t.Items, [item]).Add(t => t.LabelledBy, "mine").Add(t => t.Empty, ""));

        Assert.Equal("Out of date: rebase it onto v3.", table.Find("[data-testid=work-outdated]").TextContent);
    }

    [Fact]
    public void SentBackItem_SaysByWhomAndWhy_OnOneShortLine()
    {
        using var culture = UiCulture.Use("en");
        var reason = "HK$99 moves fees far beyond the ±3% we keep to.\nAsk logistics first. " + new string('x', 200);
        var item = new WorkItem(3, "HK", "Free direct mail from HK$99", ChangeRequestState.Draft, "Hana Ho", Updated, 0, 1)
        {
            Rejected = new Rejection("Kelvin Chan", Updated, reason),
        };

        var table = Render<WorkTable>(p => p.Add(t => t.Items, [item]).Add(t => t.LabelledBy, "mine").Add(t => t.Empty, ""));

        var note = table.Find("[data-testid=rejected]").TextContent;
        Assert.StartsWith("Sent back by Kelvin Chan on 2026-12-04: HK$99 moves fees far beyond the ±3% we keep to. Ask logistics first. x", note, StringComparison.Ordinal);
        Assert.EndsWith("…", note, StringComparison.Ordinal);
        Assert.True(note.Length < 220, note);
    }
}
