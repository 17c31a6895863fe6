using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// A change from sign-in to publication with the keyboard alone: the editor signs in, starts a change request, opens
/// the restricted-goods section, picks a rule in its grid, renames it, saves and submits; two approvers each sign in,
/// acknowledge and approve (restricted goods need two), and the second publishes. Every control Tab passes on the way
/// must show that it has focus. (MY: the rule renamed is one no other journey reads.)
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyboardJourney(ConsoleFixture console)
{
    private const string Rule = "RG-MY-LIQUID-AIR";

    [Fact]
    public async Task AChangeFromSignInToPublication_TakesNoMouse_AndFocusIsAlwaysVisible()
    {
        var editor = await StartChangeRequestAsync("MY", "Liquids rule renamed by keyboard");
        var page = editor.Page;
        var request = new ChangeRequestPage(page);

        // The section tabs are one stop for Tab; the arrows move between them and open each.
        await OpenSectionAsync(editor, "Restricted goods");

        // In the rules' grid the arrows move from row to row and Enter opens the rule.
        var form = page.GetByRole(AriaRole.Form, new() { Name = $"Restricted-goods rule {Rule}" });
        await editor.TabToAsync(page.GetByRole(AriaRole.Grid, new() { Name = "Restricted-goods rules" }));
        await editor.ArrowToAsync("ArrowDown", page.GetByRole(AriaRole.Row).Filter(new() { HasText = Rule }));
        await editor.PressAsync("Enter");

        await Expect(form).ToBeVisibleAsync();
        var name = form.GetByRole(AriaRole.Textbox, new() { Name = "Rule name" });
        await editor.TabToAsync(name);
        await editor.PressAsync("End");
        await editor.TypeAsync(" (checked by keyboard)");
        await editor.PressAsync("Tab");
        await Expect(request.Diff).ToContainTextAsync(Rule);

        await editor.TabToAsync(request.Button("Save"), limit: 120);
        await editor.PressAsync("Enter");
        await Expect(request.Outcome).ToContainTextAsync("Saved.");
        await editor.TabToAsync(request.Button("Submit for review"), limit: 120);
        await editor.PressAsync("Enter");
        await Expect(request.State).ToHaveTextAsync("In review");
        // Submit is gone now; focus is on what came of it, not back at the top of the page.
        await Expect(request.Outcome).ToContainTextAsync("Submitted for review.");
        await editor.ExpectFocusOnAsync(request.OutcomeRegion);

        // Each approver: the warnings' acknowledgement is a checkbox Space ticks; Approve takes Enter.
        foreach (var (approver, approvals) in new[] { ("Wei Jie Tan", "1 of 2"), ("Nur Aisyah", "2 of 2") })
        {
            var reviewer = await SignInAsync(approver, $"/sites/MY/change-requests/{request.Id}");
            var review = new ChangeRequestPage(reviewer.Page);
            var acknowledge = reviewer.Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex(@"I have read the \d+ warning") });
            if (await acknowledge.CountAsync() > 0)
            {
                await reviewer.TabToAsync(acknowledge, limit: 120);
                await reviewer.PressAsync("Space");
                await Expect(acknowledge).ToBeCheckedAsync();
            }

            await reviewer.TabToAsync(review.Button("Approve"), limit: 120);
            await reviewer.PressAsync("Enter");
            await Expect(reviewer.Page.GetByText($"approvals {approvals}")).ToBeVisibleAsync();
            await reviewer.ExpectFocusOnAsync(review.OutcomeRegion);
            if (approvals == "2 of 2")
            {
                await Expect(review.State).ToHaveTextAsync("Approved");
                await reviewer.TabToAsync(review.Button("Publish as v2"), limit: 120);
                await reviewer.PressAsync("Enter");
                await Expect(review.Outcome).ToContainTextAsync("Published as v2");
                await reviewer.ExpectFocusOnAsync(review.OutcomeRegion);
            }
        }

        await Expect(request.State).ToHaveTextAsync("Published");
    }

    [Fact]
    public async Task AnAdministratorCreatesAndRevokesAKey_ByKeyboard_AndEveryQuestionStartsOnTheSafeChoice()
    {
        var admin = await SignInAsync("Ada Admin", "/admin");
        var page = admin.Page;
        const string Name = "MY stock service (keyboard)";

        var create = page.GetByRole(AriaRole.Button, new() { Name = "Create API key" });
        await admin.TabToAsync(create, limit: 120);
        await admin.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API key" });
        await admin.ExpectFocusOnAsync(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Name" }));

        // Closed with Escape, focus goes back to the button that opened it, not to the top of the page.
        await admin.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await admin.ExpectFocusOnAsync(create);
        await admin.PressAsync("Enter");
        await admin.ExpectFocusOnAsync(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Name" }));
        await admin.TypeAsync(Name);
        await admin.TabToAsync(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "MY · Malaysia" }), limit: 20);
        await admin.PressAsync("Space");
        await admin.TabToAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }), limit: 20);
        await admin.PressAsync("Enter");

        // The form has gone with the button pressed in it; focus is on the key, shown this once.
        var secret = dialog.GetByRole(AriaRole.Textbox, new() { Name = "The new API key" });
        await admin.ExpectFocusOnAsync(secret);
        await Expect(secret).ToHaveValueAsync(new Regex("^ops_"));
        await admin.TabToAsync(dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }), limit: 10);
        await admin.PressAsync("Enter");
        await admin.ExpectFocusOnAsync(create);

        // Revoking cannot be undone: the question opens on "Keep it", so one Enter too many keeps the key.
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {Name}" });
        var question = page.GetByRole(AriaRole.Alertdialog);
        await admin.TabToAsync(revoke, limit: 60);
        await admin.PressAsync("Enter");
        await admin.ExpectFocusOnAsync(question.GetByRole(AriaRole.Button, new() { Name = "Keep it" }));
        await admin.PressAsync("Enter");
        await Expect(question).ToHaveCountAsync(0);
        await Expect(revoke).ToHaveCountAsync(1);
        await admin.ExpectFocusOnAsync(revoke);

        // Escape keeps the key too, and focus goes back to the button that asked, not to the top of the page (where the
        // next Tab would start the whole page over).
        await admin.PressAsync("Enter");
        await admin.ExpectFocusOnAsync(question.GetByRole(AriaRole.Button, new() { Name = "Keep it" }));
        await admin.PressAsync("Escape");
        await Expect(question).ToHaveCountAsync(0);
        await admin.ExpectFocusOnAsync(revoke);

        await admin.PressAsync("Enter");
        await admin.ExpectFocusOnAsync(question.GetByRole(AriaRole.Button, new() { Name = "Keep it" }));
        await admin.TabToAsync(question.GetByRole(AriaRole.Button, new() { Name = "Revoke" }), limit: 5);
        await admin.PressAsync("Enter");
        await Expect(revoke).ToHaveCountAsync(0);

        // Its button, which had focus, has gone: focus is on what took its place in the key's row, not the page's top.
        await admin.ExpectFocusOnAsync(page.GetByRole(AriaRole.Row).Filter(new() { HasText = Name }).GetByTestId("revoked"));
    }

    [Fact]
    public async Task InATabThatDrawsNoFrames_FocusStillMovesToWhatIsShown_AndBackFromWhatHasGone_GivingUpInTime()
    {
        // A tab in the background gets no animation frames; here none ever come. Waiting for a dialog to be shown went
        // from frame to frame, so it never ended, and the console's action waited on it until its call to the browser
        // timed out.
        var page = await console.NewPageAsync();
        await page.Context.AddInitScriptAsync("window.requestAnimationFrame = () => 0;");
        await new SignInPage(page).SignInAsync("Ada Admin", "/admin");

        var waits = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            async () => {
                const within = (promise, ms) => Promise.race([promise.then(() => 'ended'), new Promise(resolve => setTimeout(() => resolve('still waiting'), ms))]);

                // Shown a moment after the wait starts (as Blazor renders a dialog after the call that focuses it).
                const late = document.createElement('button');
                late.id = 'shown-late';
                setTimeout(() => document.body.append(late), 100);
                const shown = await within(opsConsole.focusWhenShown('#shown-late'), 5000);
                const lateFocused = document.activeElement === late;

                let started = performance.now();
                const never = await within(opsConsole.focusWhenShown('#never-shown'), 15000);
                const neverWaited = performance.now() - started;

                // A question over the page, gone a moment later with focus inside it: focus goes back to what asked.
                late.focus();
                opsConsole.rememberFocus();
                const question = document.createElement('div');
                question.className = 'question-going';
                question.append(document.createElement('button'));
                document.body.append(question);
                question.firstChild.focus();
                setTimeout(() => question.remove(), 100);
                const gone = await within(opsConsole.returnFocusWhenGone('.question-going'), 5000);
                const focusBack = document.activeElement === late;

                const staying = document.createElement('div');
                staying.className = 'question-staying';
                document.body.append(staying);
                started = performance.now();
                const stays = await within(opsConsole.returnFocusWhenGone('.question-staying'), 5000);
                const staysWaited = performance.now() - started;
                late.remove();
                staying.remove();
                return { shown, lateFocused, never, neverWaited, gone, focusBack, stays, staysWaited };
            }
            """);

        Assert.Equal("ended", waits.GetProperty("shown").GetString());
        Assert.True(waits.GetProperty("lateFocused").GetBoolean(), "What was shown late did not get the focus.");
        Assert.Equal("ended", waits.GetProperty("never").GetString());
        Assert.InRange(waits.GetProperty("neverWaited").GetDouble(), 9_900, 11_000);
        Assert.Equal("ended", waits.GetProperty("gone").GetString());
        Assert.True(waits.GetProperty("focusBack").GetBoolean(), "Focus did not go back to what asked the question.");
        Assert.Equal("ended", waits.GetProperty("stays").GetString());
        Assert.InRange(waits.GetProperty("staysWaited").GetDouble(), 1_900, 3_000);

        // And the console's own question, asked without frames, opens on the choice that keeps the key.
        const string Name = "HK stock service (no frames)";
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create API key" });
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync(Name);
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "HK · Hong Kong" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        // Closed, as the keyboard journey above waits for too: focus goes back to the dialog's invoker once the dialog has
        // gone, and a question opened before then had its focus taken by that (now and then in CI). This fast, the dialog
        // closed within Radzen's half second before it focuses a dialog's first field, and that focus, landing in the
        // dialog as it went, left the page with none (now and then in CI); the dialog now focuses its own field.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create API key" })).ToBeFocusedAsync(new() { Timeout = 5_000 });
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {Name}" });
        var question = page.GetByRole(AriaRole.Alertdialog);
        // Where focus went, and when the question came, told if focus does not land on "Keep it" (seen now and then in CI).
        await page.EvaluateAsync("""
            () => {
                const log = window.opsFocusLog = [];
                const at = () => performance.now().toFixed(0);
                document.addEventListener('focusin', e => log.push(`${at()} focus ${e.target.outerHTML.slice(0, 100)}`), true);
                new MutationObserver(() => {
                    if (document.querySelector('.ops-confirm') && !window.opsQuestionSeen) {
                        window.opsQuestionSeen = true;
                        log.push(`${at()} question shown`);
                    }
                }).observe(document.body, { childList: true, subtree: true });
                log.push(`${at()} watching`);
            }
            """);
        await revoke.ClickAsync();
        try
        {
            await Expect(question.GetByRole(AriaRole.Button, new() { Name = "Keep it" })).ToBeFocusedAsync(new() { Timeout = 12_000 });
        }
        catch (PlaywrightException failure)
        {
            var log = await page.EvaluateAsync<string[]>("() => [...window.opsFocusLog, `${performance.now().toFixed(0)} now; focus on ${document.activeElement?.outerHTML.slice(0, 100)}`]");
            throw new Xunit.Sdk.XunitException($"{failure.Message}\nFocus log:\n{string.Join("\n", log)}");
        }

        await question.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(revoke).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = Name }).GetByTestId("revoked")).ToBeFocusedAsync(new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task AHolidayTypedIntoThePicker_IsAddedWithTabAndEnter()
    {
        var editor = await StartChangeRequestAsync("SG", "A holiday added by keyboard");
        var page = editor.Page;
        await OpenSectionAsync(editor, "Channels");

        // The date reaches the server as the picker loses focus, which Tab does before it reaches "Add holiday": the
        // button must be there to stop on (it was disabled until then, and Tab passed it).
        await editor.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Pick a holiday to add" }), limit: 120);
        await editor.TypeAsync("2026-12-25");
        await editor.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Add holiday" }), limit: 5);
        await editor.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Holidays", Exact = true })).ToHaveValueAsync(new Regex("2026-12-25"));
    }

    /// <summary>Siti Rahman (SG and MY) starts a change request of <paramref name="site"/> from its list, by keyboard.</summary>
    private async Task<KeyboardUser> StartChangeRequestAsync(string site, string title)
    {
        var editor = await SignInAsync("Siti Rahman", $"/sites/{site}/change-requests");
        var page = editor.Page;
        await editor.TabToAsync(page.GetByRole(AriaRole.Textbox, new() { Name = "Title of a new change request" }));
        await editor.TypeAsync(title);
        await editor.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "New change request" }));
        await editor.PressAsync("Enter");
        await ChangeRequestPage.AtAddressAsync(page, new Regex(@"/change-requests/\d+$"));
        await page.GetByTestId("revision").WaitForAsync();
        return editor;
    }

    private static async Task OpenSectionAsync(KeyboardUser editor, string section)
    {
        var tab = editor.Page.GetByRole(AriaRole.Tab, new() { Name = section });
        await editor.TabToAsync(editor.Page.GetByRole(AriaRole.Tablist));
        await editor.ArrowToAsync("ArrowRight", tab);
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Opens <paramref name="path"/> in a fresh browser session and signs in as <paramref name="displayName"/> from the sign-in page it is sent to.</summary>
    private async Task<KeyboardUser> SignInAsync(string displayName, string path)
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync(path);
        var user = new KeyboardUser(page);
        await user.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = displayName }));
        await user.PressAsync("Enter");
        await ChangeRequestPage.AtAddressAsync(page, new Regex(Regex.Escape(path) + "$"));
        await ShellPage.WaitUntilInteractiveAsync(page);
        return user;
    }
}
