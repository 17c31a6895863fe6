using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Pages;

/// <summary>The section editors and the preview on a change request page.</summary>
public sealed class SectionEditorsPage(IPage page)
{
    public IPage Page => page;

    public ILocator SaveBlocked => page.GetByTestId("save-blocked");

    public ILocator SubmitBlocked => page.GetByTestId("submit-blocked");

    public ILocator Field(string name) => page.GetByRole(AriaRole.Textbox, new() { Name = name, Exact = true });

    /// <summary>The messages shown under a field, which the field names with aria-describedby.</summary>
    public ILocator MessagesOf(string fieldId) => page.Locator($"#{fieldId}-messages");

    public async Task OpenTabAsync(string name) => await page.GetByRole(AriaRole.Tab, new() { Name = name }).ClickAsync();

    public async Task SelectItemAsync(string id) => await page.GetByRole(AriaRole.Button, new() { Name = id, Exact = true }).ClickAsync();

    /// <summary>The draft's side of one aspect of a channel in the preview (aspect: fee, availability, discounts, promise, nudges).</summary>
    public ILocator DraftPreview(string aspect, string channel) => page.GetByTestId($"draft-{aspect}-{channel}");
}
