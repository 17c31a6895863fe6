using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

[Collection(OidcConsoleCollection.Name)]
public sealed class OidcSignInJourney(OidcConsoleFixture console)
{
    private readonly List<string> policyViolations = [];

    [Fact]
    public async Task HkEditor_SignsInAtProvider_EditsHkReadsTw_AndSignOutEndsProviderSession()
    {
        var page = await console.NewPageAsync(policyViolations);
        await page.GotoAsync("/sites/HK/config");

        var provider = await new SignInPage(page).StartCompanySignInAsync();
        Assert.StartsWith(console.Provider.Authority.ToString().TrimEnd('/'), page.Url, StringComparison.Ordinal);
        await provider.SignInAsync("hana");

        var shell = new ShellPage(page);
        await Expect(page).ToHaveURLAsync(new Regex("/sites/HK/config$"));
        await shell.WaitUntilInteractiveAsync();
        await Expect(shell.SignedInUser).ToHaveTextAsync("Hana Ho");
        await Expect(shell.SiteAccess).ToHaveTextAsync("You can edit HK");

        // Radzen's navigation menu is driven by its script and the circuit: it works under the content security policy.
        await shell.OpenSiteSectionAsync("TW · Taiwan", "Configuration");
        await Expect(shell.Heading).ToHaveTextAsync("Taiwan (TW): configuration");
        await Expect(shell.SiteAccess).ToHaveTextAsync("Read-only for TW");
        await ConsoleFixture.ScreenshotAsync(page, "oidc-tw-read-only");

        await shell.SignOutButton.ClickAsync();
        await new IdentityProviderPage(page).ConfirmSignOutAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signed-out$"));
        await Expect(shell.Heading).ToHaveTextAsync("Signed out");

        // Both sessions are gone: the console asks again, and so does the provider (no silent sign-in as Hana).
        await page.GotoAsync("/sites/HK/config");
        var again = await new SignInPage(page).StartCompanySignInAsync();
        await Expect(again.LoginField).ToBeVisibleAsync();

        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task UserWithoutMappedGroup_SignsIn_AndSeesNoAccessPage()
    {
        var page = await console.NewPageAsync(policyViolations);
        await page.GotoAsync("/");

        var provider = await new SignInPage(page).StartCompanySignInAsync();
        await provider.SignInAsync("nobody");

        await Expect(page).ToHaveURLAsync(new Regex("/account/no-access"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No access");
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task SignInPage_WithAnAuthority_OffersNoDemoUsers()
    {
        var page = await console.NewPageAsync(policyViolations);
        await page.GotoAsync("/account/sign-in");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with company account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hana Ho" })).ToHaveCountAsync(0);
    }
}
