using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Pages;

/// <summary>The test identity provider's own pages (oidc-provider's development login and logout confirmation).</summary>
public sealed class IdentityProviderPage(IPage page)
{
    public ILocator LoginField => page.Locator("input[name=login]");

    public async Task SignInAsync(string login)
    {
        await LoginField.FillAsync(login);
        // The development login accepts any password; the account is what matters.
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
    }

    public Task ConfirmSignOutAsync() =>
        page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
}
