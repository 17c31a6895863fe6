using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>What an editor typed on a change request's page, when something else happens before it is saved.</summary>
public sealed class UnsavedEditsTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;
    private readonly BunitAuthorizationContext signIn;
    private readonly HeldDatabase database;

    public UnsavedEditsTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        // The page's reads go through a factory that can hold one back, as a slow read is held by its size.
        database = new HeldDatabase(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton<IDbContextFactory<OpsConsoleDbContext>>(database);
        signIn = SignInAsHkEditor();
    }

    private static string WithThreshold(string json, string ruleId, decimal threshold)
    {
        var config = JsonNode.Parse(json)!.AsObject();
        config["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == ruleId)!["threshold"] = threshold;
        return config.ToJsonString();
    }

    /// <summary>A new HK draft of the HK editor's, open on its page with nothing unsaved.</summary>
    private async Task<(ChangeRequest Request, IRenderedComponent<ChangeRequestPage> Page)> OpenNewDraftAsync(string title)
    {
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", title));
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));
        return (request, page);
    }

    private async Task<string> StoredJsonAsync(int id)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        return (await db.ChangeRequests.AsNoTracking().SingleAsync(c => c.Id == id)).ConfigJson;
    }

    /// <summary>
    /// This page's user (the HK editor) lowers the new-buyer threshold; meanwhile <paramref name="other"/> saves a lower cart
    /// threshold, and then this page's Save is pressed.
    /// </summary>
    private async Task<(ChangeRequest Request, IRenderedComponent<ChangeRequestPage> Page)> SaveAfterASaveByAsync(ClaimsPrincipal other)
    {
        var (request, page) = await OpenNewDraftAsync("Two people at once");

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        Succeeded(await service.SaveAsync(other, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));
        page.Button("Save").Click();
        return (request, page);
    }

    /// <summary>The same editor in two tabs: "changed by someone else" sent them looking for a colleague.</summary>
    [Fact]
    public async Task SaveRefusedBecauseTheSameEditorSavedInAnotherTab_SaysItWasThem()
    {
        using var culture = UiCulture.Use("en");
        var (_, page) = await SaveAfterASaveByAsync(Users.HkEditor);

        page.WaitForAssertion(() => Assert.StartsWith("Not saved: you changed this change request in another tab or window at ", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("(HK time), after this page opened it.", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        Assert.Contains("FS-HK-CART-299", page.Find("[data-testid=saved-elsewhere]").TextContent, StringComparison.Ordinal);

        // The message points where what was saved is: it said "below" while the page showed it above.
        Assert.Contains("what was saved meanwhile is shown above.", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=saved-elsewhere]").CompareDocumentPosition(page.Find("[data-testid=outcome]")).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public async Task SaveRefusedBecauseSomeoneSavedFirst_ShowsWhatTheyChanged_AndSavesBothWithoutRetyping()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await SaveAfterASaveByAsync(Users.OtherHkEditor);

        page.WaitForAssertion(() => Assert.StartsWith("Not saved: Second Editor changed this change request at ", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("89", page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"), StringComparison.Ordinal);

        // What the other person saved is shown beside the kept edits, without giving those up.
        var theirs = page.Find("[data-testid=saved-elsewhere]");
        Assert.Contains("FS-HK-CART-299", theirs.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("FS-HK-NEW-99", theirs.TextContent, StringComparison.Ordinal);

        page.Button("Put my edits on revision 2").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision")));
        Assert.Empty(page.FindAll("[data-testid=saved-elsewhere]"));
        page.Button("Save").Click();

        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
    }

    [Fact]
    public async Task SavedElsewhere_WhileTyping_TheSameRule_IsNamed_AndPuttingMineOnTheirsKeepsMine()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await OpenNewDraftAsync("One rule, two people");

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-CART-299", 199m));
        Succeeded(await service.SaveAsync(Users.OtherHkEditor, request.Id, request.Revision, "Renamed elsewhere", WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));

        // Heard live, before any Save: the page shows what was saved beside the edit it keeps.
        page.WaitForAssertion(() => Assert.Contains("FS-HK-CART-299", page.Find("[data-testid=both-changed]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Renamed elsewhere", page.Find("[data-testid=saved-elsewhere]").TextContent, StringComparison.Ordinal);

        page.Button("Put my edits on revision 2").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision")));
        var draft = JsonNode.Parse(page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value")!)!;
        Assert.Equal(199m, (decimal)draft["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal("Renamed elsewhere", page.Find("input[aria-label='Title']").GetAttribute("value"));
        Assert.False(page.Button("Save").IsUnavailable());
    }

    /// <summary>
    /// A page that rejoins the server after its connection dropped is handed its sign-in again, and so is every page when
    /// the same person's sign-in is renewed: the page read its change request afresh and the edits went without a word.
    /// </summary>
    [Fact]
    public async Task TheSignInHandedToThePageAgain_KeepsItsUnsavedEdits()
    {
        var (request, page) = await OpenNewDraftAsync("Handed the sign-in again");
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        page.WaitForAssertion(() => Assert.False(page.Button("Save").IsUnavailable()));
        var edited = page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value");
        Assert.Contains("89", edited, StringComparison.Ordinal);

        // As the circuit does on rejoining: the same person, a principal made anew from the same cookie.
        signIn.SetClaims(new Claim(ClaimTypes.NameIdentifier, "hk-editor"));

        page.WaitForAssertion(() => Assert.Equal(edited, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value")));
        Assert.False(page.Button("Save").IsUnavailable());
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal(2, int.Parse(page.Find("[data-testid=revision]").GetAttribute("data-revision")!, System.Globalization.CultureInfo.InvariantCulture)));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
    }

    /// <summary>
    /// Someone else saves while this page shows the request with nothing unsaved, so the page reads it again; the editor
    /// types while that read is on its way (about a second for 3,000 rules). The read's end put the stored proposal over
    /// what was typed, and Save turned unavailable.
    /// </summary>
    [Fact]
    public async Task AnEditMadeWhileTheRequestIsReadAgain_IsKept_AndWhatWasSavedElsewhereIsShownBesideIt()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await OpenNewDraftAsync("Typed during a refresh");

        var reading = database.HoldNextRead();
        Succeeded(await service.SaveAsync(Users.OtherHkEditor, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));
        await reading.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        var typed = page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value");
        reading.Release();

        page.WaitForAssertion(() => Assert.Contains("FS-HK-CART-299", page.Find("[data-testid=saved-elsewhere]").TextContent, StringComparison.Ordinal));
        Assert.Equal(typed, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"));
        Assert.False(page.Button("Save").IsUnavailable());
        Assert.Equal("1", page.Find("[data-testid=revision]").GetAttribute("data-revision"));

        // Saved as it stands, it would have put revision 1 with this edit over revision 2: it is refused, and both are kept.
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Not saved: Second Editor changed this change request", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
        page.Button("Put my edits on revision 2").Click();
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision")));
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
    }

    /// <summary>
    /// The text areas stay open while Save is on its way (a second or more at marketplace scale): what was typed meanwhile
    /// was replaced by what was saved when the page read the request again.
    /// </summary>
    [Fact]
    public async Task WhatIsTypedWhileSaving_StaysUnsaved_OnTheRevisionSaved()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await OpenNewDraftAsync("Typed during a save");
        var first = WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m);
        page.Find("textarea[aria-label='Configuration JSON']").Change(first);

        var reading = database.HoldNextRead();
        page.Button("Save").Click();
        await reading.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(first, "FS-HK-CART-299", 199m));
        var typed = page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value");
        reading.Release();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision")));
        Assert.Equal(typed, page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"));
        Assert.Equal("Saved, without what you typed while it was saving: that is still to save.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=saved-elsewhere]"));

        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("3", page.Find("[data-testid=revision]").GetAttribute("data-revision"));
        Assert.True(page.Button("Save").IsUnavailable());
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
        Assert.Equal(199m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
    }

    /// <summary>
    /// An action refused while edits are unsaved reads the request again and keeps the edits, but they were then taken to
    /// be made on the revision read: a save put them over what someone else had saved since, undoing it without a word.
    /// </summary>
    [Fact]
    public async Task EditsKeptThroughARefusedAction_StayOnTheRevisionTheyWereMadeOn_SoTheyCannotUndoAnotherSave()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await OpenNewDraftAsync("Refused while editing");
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        Succeeded(await service.SaveAsync(Users.OtherHkEditor, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=saved-elsewhere]")));

        // Withdrawing names the revision the page shows, which is no longer the stored one: refused, and read again.
        page.Button("Withdraw").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(JSInterop.Invocations["opsConsole.focusWhenShown"]));
        Services.GetRequiredService<Radzen.DialogService>().Close(true);
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision")));
        Assert.Contains("89", page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"), StringComparison.Ordinal);

        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Not saved: Second Editor changed this change request", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim(), StringComparison.Ordinal));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Contains("FS-HK-CART-299", page.Find("[data-testid=saved-elsewhere]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Rebasing with edits unsaved kept them on the revision they were made on, so their save was refused as if someone had
    /// saved over them, and the refusal said the editor had "changed this change request in another tab or window": it was
    /// this page's own rebase. They go on the rebased proposal instead, item by item, to check and save.
    /// </summary>
    [Fact]
    public async Task EditsUnsavedWhenRebasing_GoOnTheRebasedProposal_AndSaveWithIt()
    {
        using var culture = UiCulture.Use("en");
        var (request, page) = await OpenNewDraftAsync("Rebased while editing");
        await PublishLowerHkThresholdAsync();
        page.WaitForAssertion(() => Assert.NotNull(page.Button("Rebase onto v2")));

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        page.Find("input[aria-label='Title']").Change("Rebased while editing, new buyers");
        page.Button("Rebase onto v2").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "Rebased onto the current release. Its approvals were cleared; submit it again. Your unsaved edits are on revision 2 now: check them and save.",
            page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("2", page.Find("[data-testid=revision]").GetAttribute("data-revision"));
        Assert.Empty(page.FindAll("[data-testid=saved-elsewhere]"));
        var shown = JsonNode.Parse(page.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value")!)!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)shown.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal(89m, (decimal)shown.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);

        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
        Assert.Equal("Rebased while editing, new buyers", (await ReadTitleAsync(request.Id)));
    }

    private async Task<string> ReadTitleAsync(int id)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        return (await db.ChangeRequests.AsNoTracking().SingleAsync(c => c.Id == id)).Title;
    }

    /// <summary>
    /// A link followed to another change request while a change to the open one is read in: the read of the first, ending
    /// after the second was shown, would show the first under the second's address, its Save acting on the first.
    /// </summary>
    [Fact]
    public async Task ThePagePointedAtAnotherRequest_WhileAChangeToTheFirstIsReadIn_ShowsOnlyTheOther()
    {
        using var culture = UiCulture.Use("en");
        var (first, page) = await OpenNewDraftAsync("The first request");
        var other = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "The other request"));

        await database.ReadInLateAsync(page,
            change: async () => Succeeded(await service.SaveAsync(Users.OtherHkEditor, first.Id, first.Revision, "The first request, renamed", first.ConfigJson)),
            meanwhile: () =>
            {
                page.Render(p => p.Add(c => c.Site, "HK").Add(c => c.Id, other.Id));
                page.WaitForAssertion(() => Assert.Equal("The other request", page.Find("input[aria-label='Title']").GetAttribute("value")));
                return Task.CompletedTask;
            });

        Assert.Equal("The other request", page.Find("input[aria-label='Title']").GetAttribute("value"));
        Assert.Contains($"CR-{other.Id}", page.Find("h1").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The tab's session storage, where the page's script keeps drafts, as an empty one.</summary>
    private void UseSessionStorage()
    {
        // Written at once, as the browser does: a write left pending would hold every later one back.
        JSInterop.Setup<bool?>("opsConsole.keepDraft", _ => true).SetResult(true);
        JSInterop.SetupVoid("opsConsole.dropDraft", _ => true).SetVoidResult();
        JSInterop.Setup<string?>("opsConsole.keptDraftPart", _ => true).SetResult(null);
    }

    private string? LastKeptDraft() =>
        JSInterop.Invocations["opsConsole.keepDraft"].Where(i => !((string)i.Arguments[0]!).EndsWith(".origin", StringComparison.Ordinal))
            .Select(i => (string?)i.Arguments[1]).LastOrDefault();

    /// <summary>A page opened afresh in the same tab (a reload after the server restarted, after signing in again).</summary>
    private IRenderedComponent<ChangeRequestPage> Reopen(int id)
    {
        // What each key holds: the last value the page wrote to it. Handed back in parts, as a circuit takes only small
        // messages from the browser.
        var storage = JSInterop.Invocations["opsConsole.keepDraft"]
            .GroupBy(i => (string)i.Arguments[0]!, i => (string)i.Arguments[1]!)
            .ToDictionary(g => g.Key, g => g.Last());
        foreach (var (key, kept) in storage)
        {
            JSInterop.Setup<string?>("opsConsole.keptDraftPart", i => (string?)i.Arguments[0] == key).SetResult(null);
            for (var offset = 0; offset <= kept.Length; offset += 8_000)
            {
                var at = offset;
                JSInterop.Setup<string?>("opsConsole.keptDraftPart", i => (string?)i.Arguments[0] == key && (int)i.Arguments[1]! == at)
                    .SetResult(kept.Substring(at, Math.Min(8_000, kept.Length - at)));
            }
        }

        return Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, id));
    }

    [Fact]
    public async Task EditsTyped_BeforeThePageIsLost_AreBackWhenItOpensAgainInTheTab_AndSaveAsTyped()
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        var (request, page) = await OpenNewDraftAsync("Kept through a restart");

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        page.WaitForAssertion(() => Assert.Contains("89", LastKeptDraft(), StringComparison.Ordinal));

        // The circuit is gone (the server restarted, the sign-in ran out): the tab opens the page again.
        page.Dispose();
        var again = Reopen(request.Id);

        again.WaitForAssertion(() => Assert.Contains("89", again.Find("textarea[aria-label='Configuration JSON']").GetAttribute("value"), StringComparison.Ordinal));
        Assert.Contains("are back", again.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        again.Button("Save").Click();
        again.WaitForAssertion(() => Assert.Equal("Saved.", again.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal(89m, (decimal)JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
        Assert.NotEmpty(JSInterop.Invocations["opsConsole.dropDraft"]);
    }

    [Fact]
    public async Task EachEdit_SendsTheTabOneConfiguration_AndWhatItsRevisionHeldOnlyOnce()
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        var (request, page) = await OpenNewDraftAsync("Kept cheaply");

        foreach (var threshold in new[] { 89m, 79m, 69m })
        {
            page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", threshold));
            page.WaitForAssertion(() => Assert.Contains(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), LastKeptDraft(), StringComparison.Ordinal));
        }

        var writes = JSInterop.Invocations["opsConsole.keepDraft"].Select(i => (Key: (string)i.Arguments[0]!, Value: (string)i.Arguments[1]!)).ToList();
        var origin = Assert.Single(writes, w => w.Key.EndsWith(".origin", StringComparison.Ordinal));
        Assert.Equal(request.ConfigJson.Length, JsonNode.Parse(origin.Value)!["Config"]!.GetValue<string>().Length);
        // A copy of the edits holds the edited configuration and no second one.
        Assert.All(writes.Where(w => w != origin), w => Assert.Equal(["Revision", "Title", "Config"], JsonNode.Parse(w.Value)!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task EditsKeptFromAnOlderRevision_DoNotOverwriteWhatWasSavedSince()
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        var (request, page) = await OpenNewDraftAsync("Kept while someone saved");
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        page.WaitForAssertion(() => Assert.Contains("89", LastKeptDraft(), StringComparison.Ordinal));
        page.Dispose();

        Succeeded(await service.SaveAsync(Users.OtherHkEditor, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));
        var again = Reopen(request.Id);

        again.WaitForAssertion(() => Assert.Contains("FS-HK-CART-299", again.Find("[data-testid=saved-elsewhere]").TextContent, StringComparison.Ordinal));
        again.Button("Save").Click();
        again.WaitForAssertion(() => Assert.Contains("Second Editor changed this change request", again.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        Assert.Equal(249m, (decimal)JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);

        again.Button("Put my edits on revision 2").Click();
        again.WaitForAssertion(() => Assert.Equal("2", again.Find("[data-testid=revision]").GetAttribute("data-revision")));
        again.Button("Save").Click();
        again.WaitForAssertion(() => Assert.Equal("Saved.", again.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        var stored = JsonNode.Parse(await StoredJsonAsync(request.Id))!["freeShipping"]!.AsArray();
        Assert.Equal(249m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"]!);
        Assert.Equal(89m, (decimal)stored.Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"]!);
    }

    private const string NotKeptNotice = "These edits are too large to keep in this tab if the page reloads; save them to keep them.";

    private static string NotKeptText(IRenderedComponent<ChangeRequestPage> page) => page.Find("[data-testid=edits-not-kept]").TextContent.Trim();

    /// <summary>The tab's session storage answering every write as the browser does over its quota, or as it does again.</summary>
    private void TabKeepsDrafts(bool kept) => JSInterop.Setup<bool?>("opsConsole.keepDraft", _ => true).SetResult(kept);

    [Fact]
    public async Task EditsTheTabCannotKeep_AreSaidToBeLostOnAReload_UntilItKeepsThemAgain()
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        TabKeepsDrafts(false);
        var (request, page) = await OpenNewDraftAsync("Too large for the tab");
        Assert.Equal("", NotKeptText(page));

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));

        page.WaitForAssertion(() => Assert.Equal(NotKeptNotice, NotKeptText(page)));
        Assert.Equal("status", page.Find("[data-testid=edits-not-kept]").GetAttribute("role"));

        // Smaller edits (or room made in the tab): kept again, nothing to say.
        TabKeepsDrafts(true);
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 79m));

        page.WaitForAssertion(() => Assert.Equal("", NotKeptText(page)));
    }

    [Theory]
    [InlineData("Save")]
    [InlineData("Discard")]
    public async Task EditsTheTabCannotKeep_NoLongerSaidToBeAtRisk_OnceSavedOrDiscarded(string button)
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        TabKeepsDrafts(false);
        var (request, page) = await OpenNewDraftAsync("Saved instead");
        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));
        page.WaitForAssertion(() => Assert.Equal(NotKeptNotice, NotKeptText(page)));

        page.Button(button).Click();

        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));
        Assert.Equal("", NotKeptText(page));

        // The next keystroke makes the page unsaved again before any copy is asked for: it is not taken for edits the tab
        // refused.
        await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        page.WaitForAssertion(() => Assert.False(page.Button("Save").IsUnavailable()));
        Assert.Equal("", NotKeptText(page));
    }

    [Fact]
    public async Task EditsTheTabKeeps_AreNotSaidToBeAtRisk()
    {
        using var culture = UiCulture.Use("en");
        UseSessionStorage();
        var (request, page) = await OpenNewDraftAsync("Kept in the tab");

        page.Find("textarea[aria-label='Configuration JSON']").Change(WithThreshold(request.ConfigJson, "FS-HK-NEW-99", 89m));

        page.WaitForAssertion(() => Assert.Contains("89", LastKeptDraft(), StringComparison.Ordinal));
        Assert.Equal("", NotKeptText(page));
    }

    [Fact]
    public async Task AnApproversReasonForRejecting_TypedButNotSent_IsNotDroppedByAClickElsewhere()
    {
        using var culture = UiCulture.Use("en");
        var request = Succeeded(await service.CreateAsync(Users.HkEditor, "HK", "To be rejected"));
        request = Succeeded(await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, WithThreshold(request.ConfigJson, "FS-HK-CART-299", 249m)));
        request = Succeeded(await service.SubmitAsync(Users.HkEditor, request.Id, request.Revision));
        SignInAsHkApprover();
        var dialogs = Render<Radzen.Blazor.RadzenDialog>();
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"sites/HK/change-requests/{request.Id}");
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => page.Find("textarea[aria-label='Reason for rejecting']"));

        page.Find("textarea[aria-label='Reason for rejecting']").Input("The threshold needs the finance team's sign-off first, see the note of 3 December.");
        navigation.NavigateTo("sites/HK/releases");

        dialogs.WaitForAssertion(() => Assert.Contains("Leave without rejecting?", dialogs.Markup, StringComparison.Ordinal));
        Assert.EndsWith($"/change-requests/{request.Id}", navigation.Uri, StringComparison.Ordinal);
    }
}
