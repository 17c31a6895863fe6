using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Pages;

public sealed class ChangeRequestListPage(IPage page)
{
    public async Task OpenAsync(string site) => await ShellPage.GotoAsync(page, $"/sites/{site}/change-requests");

    /// <summary>Opens the site's change requests and starts a new one with <paramref name="title"/>.</summary>
    public async Task<ChangeRequestPage> CreateAsync(string site, string title)
    {
        await OpenAsync(site);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Title of a new change request" }).FillAsync(title);
        return await ChangeRequestPage.OpenByAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "New change request" }));
    }
}

public sealed class ChangeRequestPage(IPage page)
{
    public IPage Page => page;

    /// <summary>
    /// Waits until the browser is at an address matching <paramref name="address"/>, reading the address again and again. A
    /// change request opens by the console's own navigation (history.pushState), some 20 ms after the click: waiting for
    /// that navigation's event (WaitForURLAsync) missed it now and then in CI, the address changed and the wait still
    /// running 15 seconds later; waiting for the load event as well had timed out before that.
    /// </summary>
    public static Task AtAddressAsync(IPage page, Regex address) => Assertions.Expect(page).ToHaveURLAsync(address);

    private static readonly Regex ChangeRequestAddress = new(@"/change-requests/\d+$");

    /// <summary>Clicks <paramref name="button"/>, which creates a change request, and waits for its page.</summary>
    public static async Task<ChangeRequestPage> OpenByAsync(IPage page, ILocator button)
    {
        await button.ClickAsync();
        try
        {
            await AtAddressAsync(page, ChangeRequestAddress);
        }
        catch (PlaywrightException timeout)
        {
            // Say what the page showed instead, so that a failure in CI explains itself (with the browser's log, which
            // test.sh shows: what the click reached, where the page went).
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 });
            throw new TimeoutException($"No change request page opened after clicking {button} (still at {page.Url}). The page shows:\n{shown[..Math.Min(shown.Length, 2_000)]}", timeout);
        }

        await page.GetByTestId("revision").WaitForAsync();
        return new ChangeRequestPage(page);
    }

    public int Id => int.Parse(Regex.Match(page.Url, @"/change-requests/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public ILocator State => page.GetByTestId("state");

    public ILocator Outcome => page.GetByTestId("outcome");

    /// <summary>Where the outcome stands; it takes focus when the button pressed has gone.</summary>
    public ILocator OutcomeRegion => page.GetByTestId("outcome-region");

    public ILocator Json => page.GetByRole(AriaRole.Textbox, new() { Name = "Configuration JSON" });

    public ILocator Diff => page.GetByTestId("diff");

    /// <summary>Shows a large proposal's JSON as text, which waits for a click (the browser takes seconds to lay it out).</summary>
    public async Task ShowJsonAsync()
    {
        await page.GetByTestId("json-folded").GetByRole(AriaRole.Button).ClickAsync();
        await Json.WaitForAsync(new() { Timeout = 60_000 });
    }

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task OpenAsync(string site, int id) => await ShellPage.GotoAsync(page, $"/sites/{site}/change-requests/{id}");

    /// <summary>Submits it for review and waits until it is in review.</summary>
    public async Task SubmitAsync()
    {
        await Button("Submit for review").ClickAsync();
        await Assertions.Expect(State).ToHaveTextAsync("In review");
    }

    /// <summary>Publishes it as <paramref name="version"/> (the button names the version) and waits until the console says so.</summary>
    public async Task PublishAsync(int version)
    {
        await Button($"Publish as v{version}").ClickAsync();
        await Assertions.Expect(Outcome).ToContainTextAsync($"Published as v{version}");
    }

    /// <summary>Approves as the signed-in approver, acknowledging the warnings when there are any, and waits until it is approved.</summary>
    public async Task ApproveAsync()
    {
        var warnings = page.GetByText(new Regex(@"I have read the \d+ warning"));
        if (await warnings.CountAsync() > 0)
        {
            await warnings.ClickAsync();
        }

        await Button("Approve").ClickAsync();
        await Assertions.Expect(State).ToHaveTextAsync("Approved");
    }

    /// <summary>Edits the JSON in the text area as a person would, then leaves the field so the console checks it.</summary>
    public async Task EditJsonAsync(Func<string, string> change)
    {
        var text = await Json.InputValueAsync();
        await Json.FillAsync(change(text));
        await Json.DispatchEventAsync("change");
    }

    /// <summary>Edits the JSON, saves it, and waits until the console says it is saved.</summary>
    public async Task SaveJsonAsync(Func<string, string> change)
    {
        await EditJsonAsync(change);
        await Button("Save").ClickAsync();
        await Assertions.Expect(Outcome).ToContainTextAsync("Saved.");
    }

    /// <summary>Puts the caret in the JSON on the threshold of the free-shipping rule <paramref name="ruleId"/>, its digits selected, for typing over.</summary>
    public Task SelectThresholdAsync(string ruleId) =>
        Json.EvaluateAsync("""
            (json, ruleId) => {
                const at = json.value.indexOf('"threshold": ', json.value.indexOf('"id": "' + ruleId + '"')) + '"threshold": '.length;
                let end = at;
                while (/[0-9.]/.test(json.value[end])) end++;
                json.focus();
                json.setSelectionRange(at, end);
            }
            """, ruleId);

    /// <summary>The JSON with the threshold of the free-shipping rule <paramref name="ruleId"/> set to <paramref name="threshold"/>.</summary>
    public static Func<string, string> WithThreshold(string ruleId, string threshold) =>
        json => Regex.Replace(json, $@"(""id"": ""{Regex.Escape(ruleId)}"",[\s\S]*?""threshold"": )[0-9.]+", "${1}" + threshold, RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Matches a proposal's JSON whose free-shipping rule <paramref name="ruleId"/> has the threshold <paramref name="threshold"/>.</summary>
    public static Regex HasThreshold(string ruleId, string threshold) =>
        new($@"""id"": ""{Regex.Escape(ruleId)}"",[\s\S]*?""threshold"": {Regex.Escape(threshold)},");

    public async Task<int> RevisionAsync() =>
        int.Parse((await page.GetByTestId("revision").GetAttributeAsync("data-revision"))!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Posts a workflow action straight to the server from this browser session, as a forged request would, naming the
    /// proposal's hash and title as the page shows them (an approval must).
    /// </summary>
    public async Task<int> ForgeActionAsync(string action, int revision) =>
        await page.EvaluateAsync<int>(
            @"async ([id, action, revision]) => {
                const token = document.querySelector('input[name=__RequestVerificationToken]').value;
                const body = new URLSearchParams({
                    __RequestVerificationToken: token, revision: String(revision), acknowledgeWarnings: 'true',
                    hash: document.querySelector('[data-testid=proposal-hash]').dataset.hash, title: document.querySelector('h1[data-title]').dataset.title });
                const response = await fetch(`/actions/change-requests/${id}/${action}`, { method: 'POST', body });
                return response.status;
            }",
            new object[] { Id, action, revision });
}

public sealed class ReleasesPage(IPage page)
{
    public ILocator History => page.GetByRole(AriaRole.Grid, new() { Name = "Release history" });

    public ILocator Diff => page.GetByTestId("diff");

    public ILocator DiffSummaries => page.GetByTestId("diff-summary");

    public async Task OpenAsync(string site) => await ShellPage.GotoAsync(page, $"/sites/{site}/releases");
}
