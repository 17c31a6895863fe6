using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A change request's page, rendered by bUnit over the real services and a real SQLite database.</summary>
public sealed class ChangeRequestPageTests : ConsoleBunitContext
{
    private readonly ChangeRequestService service;

    public ChangeRequestPageTests()
    {
        service = App.Services.GetRequiredService<ChangeRequestService>();
        UseAppServices();
        SignInAsHkEditor();
    }

    [Fact]
    public async Task Keystrokes_RenderThePageOnce_ForTheFirst()
    {
        // Each keystroke in the title or the JSON rendered the whole page again and sent it down (77 KB for the demo
        // configuration, more for a large one): a fill of a 700-line JSON, which the browser tells as one input event per
        // line, kept the server rendering for longer than a journey waits for its save.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Typed into")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[aria-label='Configuration JSON']")));
        await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        page.WaitForAssertion(() => Assert.Contains("Unsaved changes.", page.Markup, StringComparison.Ordinal));
        var afterTheFirst = page.RenderCount;

        for (var keystroke = 0; keystroke < 5; keystroke++)
        {
            await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        }

        Assert.Equal(afterTheFirst, page.RenderCount);
    }

    /// <summary>
    /// "Saved." stayed beside edits made after the save, as if they were saved too, and a second save's "Saved." could not
    /// be told from the first.
    /// </summary>
    [Theory]
    [InlineData("typed")]
    [InlineData("edited in a section")]
    public async Task Saved_GoesOnceTheProposalIsEditedAgain_ARefusalStays(string how)
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Saved, then edited")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"] = 89m;
        page.Find("textarea[aria-label='Configuration JSON']").Change(json.ToJsonString());
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));

        if (how == "typed")
        {
            await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        }
        else
        {
            page.Find("input[name=fs-threshold]").Input("279.00");
        }

        page.WaitForAssertion(() => Assert.Contains("Unsaved changes.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=outcome]"));

        // A refusal is about what is being edited: it stays while it is corrected.
        page.Find("textarea[aria-label='Configuration JSON']").Change("{ not json");
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=outcome] .rz-alert-content")));
        var refusal = page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim();
        await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        Assert.Equal(refusal, page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim());
    }

    [Fact]
    public async Task NewRequest_CannotBeSubmittedUntilItChangesSomething_AndSaysSo()
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Nothing yet")).Value!;

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Equal("Change something before submitting: the proposal is the same as v1.", page.Find("[data-testid=submit-blocked]").TextContent));
        Assert.True(page.Button("Submit for review").HasAttribute("disabled"));

        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Succeeded);

        var changed = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        changed.WaitForAssertion(() => Assert.False(changed.Button("Submit for review").HasAttribute("disabled")));
        Assert.Empty(changed.FindAll("[data-testid=submit-blocked]"));
    }

    [Fact]
    public async Task OpeningAChangeRequest_ReadsItsProposalAndItsBase_AndNoOtherConfiguration()
    {
        // A configuration is megabytes at marketplace scale. The page read the current release whole to learn its
        // version, and the base release a second time to count the approvals needed.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Read once")).Value!;
        var counter = new ReadCounter();
        Services.AddSingleton(counter.FactoryFor(App));

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=validation-summary]")));
        Assert.Contains("approvals 0 of 1 needed", page.Markup, StringComparison.Ordinal);
        Assert.True(counter.Characters < 3 * request.ConfigJson.Length, $"read {counter.Characters:N0} characters; a configuration has {request.ConfigJson.Length:N0}");
    }

    [Fact]
    public async Task ThousandsOfErrors_ListTheFirstHundred_AndSayHowManyMore()
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "A bad import")).Value!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        var rules = json["restrictedGoods"]!.AsArray();
        var model = rules.Single(r => (string?)r!["id"] == "RG-HK-BATTERY-AIR")!;
        for (var i = 0; i < 1_000; i++)
        {
            var broken = model.DeepClone().AsObject();
            broken["id"] = $"RG-HK-BROKEN-{i}";
            broken["channels"] = new JsonArray("NO_SUCH_CHANNEL");
            rules.Add(broken);
        }

        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Succeeded);

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.Equal(100, page.FindAll("[data-testid=validation-errors] li").Count), TimeSpan.FromSeconds(10));
        Assert.StartsWith("1000 errors, ", page.Find("[data-testid=validation-summary]").TextContent, StringComparison.Ordinal);
        Assert.Equal("900 more not listed; the editors mark each item's own.", page.Find("[data-testid=more-issues]").TextContent);
    }

    [Fact]
    public async Task AProposalTooLargeToSendBackOverTheCircuit_IsNotOfferedAsAJsonTextArea()
    {
        // With 20,000 restricted-goods rules the JSON is 10 million characters: a text area holding it sent it whole at
        // the first keystroke (23 MB), over the circuit's 16 MB, and the server closed the circuit with the edits on it.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Twenty thousand rules")).Value!;
        var proposal = OpsConsole.Domain.Demo.SyntheticConfiguration.Create(restrictedGoodsRules: 20_000, channels: 8);
        var json = OpsConsole.Domain.Configuration.ConfigurationJson.Serialize(proposal, indented: true);
        // The input event carries the text as a JSON string twice over (as Chromium sent it).
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var typed = 2L * System.Text.Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(new { value = json }, relaxed));
        Assert.True(typed > OpsConsoleApp.MaximumCircuitMessageBytes, $"{typed:N0} bytes");
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json)).Succeeded);

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=json-too-large]")), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("textarea[aria-label='Configuration JSON']"));
        Assert.Contains("too large to edit here", page.Find("[data-testid=json-too-large]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Markup.Length < 2_000_000, $"the page's markup is {page.Markup.Length:N0} characters");
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("approver")]
    public async Task ALargeProposalsJson_IsShownAsTextWhenAskedFor(string reader)
    {
        // Chromium took 2.2 s to lay out the text of 3,000 restricted-goods rules when the page opened, and again after
        // every edit in the sections; the text was two thirds of what the page sent.
        using var culture = UiCulture.Use("en");
        if (reader == "approver")
        {
            SignInAsHkApprover();
        }

        var request = (await service.CreateAsync(Users.HkEditor, "HK", "A thousand rules")).Value!;
        var proposal = OpsConsole.Domain.Demo.SyntheticConfiguration.Create(restrictedGoodsRules: 1_000, channels: 8);
        var json = OpsConsole.Domain.Configuration.ConfigurationJson.Serialize(proposal, indented: true);
        Assert.True(json.Length > ChangeRequestPage.JsonShownAtOnceCharacters, $"{json.Length:N0} characters");
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json)).Succeeded);

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=json-folded]")), TimeSpan.FromSeconds(30));
        var megabytes = (System.Text.Encoding.UTF8.GetByteCount(json) / 1024d / 1024d).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"The JSON of this proposal is {megabytes} MB, shown as text when you ask", page.Find("[data-testid=json-folded]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[aria-label='Configuration JSON']"));

        page.Button($"Show the JSON ({megabytes} MB)").Click();

        var shown = page.Find("[aria-label='Configuration JSON']");
        Assert.Equal(reader == "editor" ? "TEXTAREA" : "PRE", shown.TagName);
        Assert.Contains("\"restrictedGoods\"", reader == "editor" ? shown.GetAttribute("value") : shown.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=json-folded]"));
    }

    [Fact]
    public async Task Rollback_ShowsItsProposal_ButOffersNoWayToEditIt()
    {
        using var culture = UiCulture.Use("en");
        await PublishLowerHkThresholdAsync();
        var rollback = (await service.CreateRollbackAsync(Users.HkEditor, "HK", 1)).Value!;

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, rollback.Id));

        page.WaitForAssertion(() => Assert.Contains("v1's configuration as it was", page.Find("[data-testid=rollback-fixed]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("textarea[aria-label='Configuration JSON']"));
        Assert.NotEmpty(page.FindAll("pre[aria-label='Configuration JSON']"));
        Assert.False(page.Button("Submit for review").HasAttribute("disabled"));
    }

    /// <summary>A published change request is a release: its preview and impact called it "Draft" beside the release it replaced.</summary>
    [Fact]
    public async Task Published_ItsPreviewAndImpactNameTheReleaseItBecame_NotADraft()
    {
        using var culture = UiCulture.Use("en");
        var published = await PublishLowerHkThresholdAsync(); // v2

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, published.Id));
        page.WaitForAssertion(() => page.Find("[data-testid=preview]"));

        var preview = page.Find("[data-testid=preview]");
        Assert.Contains("v2 quotes 1 channel differently from v1.", preview.TextContent, StringComparison.Ordinal);
        Assert.Equal(["", "v1", "v2"], page.FindAll("[data-testid=preview-DIRECT_STD] thead th").Select(th => th.TextContent.Trim()));
        Assert.EndsWith("(DIRECT_STD): v1 and v2", page.Find("[data-testid=preview-DIRECT_STD]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Contains("against v1 and against v2 with the same engine", page.Find("[data-testid=impact]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("draft", preview.TextContent + page.Find("[data-testid=impact]").TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task JsonTypedInAnotherOrder_ItsErrorsNameTheItemWhereTheTextHasIt()
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Pasted from elsewhere")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => page.Find("textarea[aria-label='Configuration JSON']"));
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["channels"] = new JsonArray([.. json["channels"]!.AsArray().Select(n => n!.DeepClone()).Reverse()]);
        var last = json["channels"]!.AsArray().Count - 1;
        Assert.Equal("DIRECT_STD", (string?)json["channels"]![last]!["code"]);
        json["channels"]![last]!["rate"]!["stepPrice"] = 8.005m;

        page.Find("textarea[aria-label='Configuration JSON']").Change(json.ToJsonString());

        // Validation counts DIRECT_STD as channels[0]; the pasted text has it last.
        page.WaitForAssertion(() => Assert.Contains($"channels[{last}].rate.stepPrice", page.Find("[data-testid=validation-errors]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("channels[0]", page.Find("[data-testid=validation-errors]").TextContent, StringComparison.Ordinal);

        // Its button goes to the channel the error is about, not to the one the typed position would name.
        page.Find("[data-testid=validation-errors] button.ops-go-to").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("form[aria-label='Channel DIRECT_STD']")));
    }

    [Fact]
    public async Task AFindingOfTheReport_GoesToItsItem_InItsSection_WithTheFocusOnIt()
    {
        // With thousands of restricted-goods rules, "restrictedGoods[3127].channels[0]" alone left staff to find the rule.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "A channel that is gone")).Value!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["restrictedGoods"]!.AsArray().Single(r => (string?)r!["id"] == "RG-HK-BATTERY-AIR")!["channels"] = new JsonArray("NO_SUCH_CHANNEL");
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Succeeded);
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=validation-errors]")));
        Assert.Empty(page.FindAll("form[aria-label^='Restricted-goods rule']"));

        var error = Assert.Single(page.FindAll("[data-testid=validation-errors] li"));
        Assert.Equal("Go to RG-HK-BATTERY-AIR", error.QuerySelector("button.ops-go-to")!.TextContent);
        error.QuerySelector("button.ops-go-to")!.Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#section-tab-3").GetAttribute("aria-selected")));
        Assert.Equal("Restricted goods", page.Find("#section-tab-3").TextContent);
        Assert.NotNull(page.Find("form[aria-label='Restricted-goods rule RG-HK-BATTERY-AIR']"));
        Assert.Equal("section-panel-3", Assert.Single(JSInterop.Invocations["opsConsole.focusOpenedItem"]).Arguments[0]);

        // A warning's item too, from another section; the same item asked for again (after moving away) opens again.
        var warning = page.Find("[data-testid=validation-warnings] button.ops-go-to");
        Assert.Equal("Go to FS-HK-NEW-99", warning.TextContent);
        warning.Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#section-tab-0").GetAttribute("aria-selected")));
        Assert.Equal("true", page.Find("[data-testid=free-shipping-editor] button[aria-pressed=true]").GetAttribute("aria-pressed"));
        Assert.StartsWith("FS-HK-NEW-99", page.Find("[data-testid=free-shipping-editor] button[aria-pressed=true]").TextContent, StringComparison.Ordinal);

        page.Find("#section-tab-1").Click();
        page.Find("[data-testid=validation-errors] button.ops-go-to").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#section-tab-3").GetAttribute("aria-selected")));
        Assert.Equal(3, JSInterop.Invocations["opsConsole.focusOpenedItem"].Count);
    }

    [Fact]
    public async Task Submitting_AnnouncesTheResult_AndGivesItFocusIfTheButtonTookFocusAway()
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Lower the cart threshold")).Value!;
        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-CART-299")!["threshold"] = 249m;
        Assert.True((await service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, json.ToJsonString())).Succeeded);

        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.False(page.Button("Submit for review").HasAttribute("disabled")));

        Assert.Equal("", page.Find("[data-testid=outcome-region]").TextContent.Trim());
        Assert.Empty(JSInterop.Invocations["opsConsole.showOutcome"]);

        page.Button("Submit for review").Click();

        page.WaitForAssertion(() => Assert.Equal("Submitted for review.", page.Find("[data-testid=outcome-region] [data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal("alert", page.Find("[data-testid=outcome]").GetAttribute("role"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Submit for review", StringComparison.Ordinal));
        Assert.Single(JSInterop.Invocations["opsConsole.showOutcome"]);

        // Rendering again for other reasons (a workflow event, typing) does not take focus again.
        page.Render();
        Assert.Single(JSInterop.Invocations["opsConsole.showOutcome"]);
    }

    [Theory]
    [InlineData("textarea[aria-label='Configuration JSON']")]
    [InlineData("input[aria-label='Title']")]
    public async Task TheFirstKeystroke_EnablesSave_BeforeTabLeavesTheField(string field)
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Typed by keyboard")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));

        // Tab would leave the field at once; the page hears of the text itself only then (change), too late for Save. A
        // keystroke in the field is told, without the text, to the element around it (app.js raises opstyped there).
        var typing = page.Find(field).Closest("[data-typing]");
        Assert.NotNull(typing);
        await typing.TriggerEventAsync("onopstyped", EventArgs.Empty);

        Assert.False(page.Button("Save").IsUnavailable());
    }

    [Fact]
    public async Task Keystrokes_ReachThePageWithoutTheText_AndKeepTheirHandlerOnceDirty()
    {
        // An event raised on the text area carries its whole text (an input event twice over), megabytes at each keystroke:
        // the field itself has no handler a keystroke raises. Taking the handler off once the page was dirty lost, in
        // Chromium, about one edit in four of two open tabs: the element around the fields keeps its handler.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Typed at length")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));

        Assert.Throws<MissingEventHandlerException>(() => page.Find("textarea[aria-label='Configuration JSON']").Input("x"));
        Assert.Throws<MissingEventHandlerException>(() => page.Find("input[aria-label='Title']").Input("x"));

        await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        Assert.False(page.Button("Save").IsUnavailable());

        await page.Find("[data-typing]").TriggerEventAsync("onopstyped", EventArgs.Empty);
        Assert.False(page.Button("Save").IsUnavailable());
    }

    [Fact]
    public async Task LeavingTheJson_AndSaving_KeepTheSectionFormsOfItemsLeftAsTheyWere()
    {
        // A form made anew is sent to the browser whole, date pickers and dropdowns included: leaving the JSON of a draft
        // with 3,000 restricted-goods rules sent 0.6 MB, most of it open forms showing what they showed before.
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Edited in the JSON")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.True(page.Button("Save").IsUnavailable()));
        var forms = Forms(page);
        Assert.Equal("FS-HK-CART-299", page.Find("input[name=fs-id]").GetAttribute("value"));

        var json = JsonNode.Parse(request.ConfigJson)!.AsObject();
        json["freeShipping"]!.AsArray().Single(r => (string?)r!["id"] == "FS-HK-NEW-99")!["threshold"] = 89m;
        page.Find("textarea[aria-label='Configuration JSON']").Change(json.ToJsonString());

        Assert.Equal(forms, Forms(page));
        page.Button("Save").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved.", page.Find("[data-testid=outcome] .rz-alert-content").TextContent.Trim()));
        Assert.Equal(forms, Forms(page));
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContextAsync();
        var saved = OpsConsole.Domain.Configuration.ConfigurationJson.Parse((await db.ChangeRequests.FindAsync(request.Id))!.ConfigJson).Value!;
        Assert.Equal(89m, saved.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99").Threshold);
    }

    private static List<object> Forms(IRenderedComponent<ChangeRequestPage> page) =>
    [
        page.FindComponent<Radzen.Blazor.RadzenTemplateForm<Features.Editing.FreeShippingRuleModel>>().Instance,
        page.FindComponent<Radzen.Blazor.RadzenTemplateForm<Features.Editing.ChannelModel>>().Instance,
        page.FindComponent<Radzen.Blazor.RadzenTemplateForm<Features.Editing.ConsolidationPromoModel>>().Instance,
    ];

    [Fact]
    public async Task Save_WithNothingToSave_StaysInTheTabOrder_AndPressingItDoesNothing()
    {
        using var culture = UiCulture.Use("en");
        var request = (await service.CreateAsync(Users.HkEditor, "HK", "Nothing typed yet")).Value!;
        var page = Render<ChangeRequestPage>(p => p.Add(c => c.Site, "HK").Add(c => c.Id, request.Id));
        page.WaitForAssertion(() => Assert.Equal("true", page.Button("Save").GetAttribute("aria-disabled")));

        // Marked, not disabled: Tab stops on it, so a keystroke the server has not yet heard of cannot make Tab pass it.
        Assert.False(page.Button("Save").HasAttribute("disabled"));
        var revision = page.Find("[data-testid=revision]").TextContent;
        page.Button("Save").Click();

        Assert.Empty(page.FindAll("[data-testid=outcome]"));
        Assert.Equal(revision, page.Find("[data-testid=revision]").TextContent);
        await using var db = await App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(request.Revision, (await db.ChangeRequests.FindAsync(request.Id))!.Revision);
    }
}
