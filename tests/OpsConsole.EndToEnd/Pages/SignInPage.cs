using Microsoft.Playwright;

namespace OpsConsole.EndToEnd.Pages;

public sealed class SignInPage(IPage page)
{
    public async Task<ShellPage> SignInAsync(string displayName, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = displayName }).ClickAsync();
        var shell = new ShellPage(page);
        await shell.WaitUntilInteractiveAsync();
        return shell;
    }

    /// <summary>From the console's sign-in page to the company provider's login page.</summary>
    public async Task<IdentityProviderPage> StartCompanySignInAsync()
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with company account" }).ClickAsync();
        var provider = new IdentityProviderPage(page);
        await provider.LoginField.WaitForAsync();
        return provider;
    }
}
