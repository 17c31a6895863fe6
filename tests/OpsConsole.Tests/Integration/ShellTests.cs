using System.Net;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

public sealed class ShellTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public ShellTests(OpsConsoleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/sites/HK/config")]
    [InlineData("/audit")]
    public async Task Page_WhenAnonymous_RedirectsToSignInWithReturnUrl(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Fact]
    public async Task Overview_ForSignedInDemoUser_RendersShellWithEverySite()
    {
        var client = await factory.SignedInClientAsync("hk-editor");

        var html = await client.GetStringAsync("/");

        Assert.Contains("Hana Ho", html);
        foreach (var site in new[] { "HK", "TW", "SG", "MY" })
        {
            Assert.Contains($"href=\"sites/{site}/config\"", html);
        }

        Assert.Contains("Asia/Kuala_Lumpur", html);
        Assert.Contains(">v1</a>", html);
    }

    [Theory]
    [InlineData("hk-approver", true, false)]
    [InlineData("hk-editor", false, true)]
    [InlineData("viewer", false, false)]
    [InlineData("admin", false, false)]
    public async Task Overview_ShowsTheWorkListsThatBelongToTheUsersRoles(string user, bool approvals, bool own)
    {
        var client = await factory.SignedInClientAsync(user);

        var html = await client.GetStringAsync("/");

        Assert.Equal(approvals, html.Contains("Waiting for your approval", StringComparison.Ordinal));
        Assert.Equal(own, html.Contains("Your open change requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SitePage_ForUnknownSite_SaysSo()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/sites/JP/config");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Unknown site</h1>", html);
        Assert.Contains("There is no site &quot;JP&quot;", html);
    }

    [Fact]
    public async Task Administration_ForNonAdmin_IsRefused()
    {
        var client = await factory.SignedInClientAsync("hk-approver");

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/no-access", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Administration_ForNonAdmin_LeadsBackToTheConsole_NotOnlyToSigningOut()
    {
        var client = await factory.SignedInClientAsync("viewer");
        var refused = await client.GetAsync("/admin");

        var html = await client.GetStringAsync(refused.Headers.Location);

        Assert.Contains("<a href=\"./\">Go to the overview</a>", html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hk-editor")]
    [InlineData("viewer")]
    public async Task Administration_ForStaffWithoutTheAdministratorRole_SaysThePageNeedsIt_NotThatTheyHaveNoRole(string user)
    {
        var client = await factory.SignedInClientAsync(user);
        var refused = await client.GetAsync("/admin");

        var html = await client.GetStringAsync(refused.Headers.Location);

        Assert.Contains("You are signed in, but this page needs the administrator role, which your account does not have.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no role", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAccessPage_ForStaffNotToldWhichRoleWasNeeded_SaysAPageNeedsARoleTheyDoNotHave()
    {
        var client = await factory.SignedInClientAsync("hk-editor");

        var html = await client.GetStringAsync("/account/no-access");

        Assert.Contains("You are signed in, but this page needs a role your account does not have.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("no role", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAccessPage_OpenedByNoOneSignedIn_DoesNotSayTheyAreSignedIn()
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync("/account/no-access");

        Assert.Contains("You are not signed in.", html);
        Assert.DoesNotContain("You are signed in", html);
        Assert.Contains("href=\"account/sign-in\"", html);
    }

    [Fact]
    public async Task Administration_ForAdmin_Renders()
    {
        var client = await factory.SignedInClientAsync("admin");

        var response = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Administration</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DevSignIn_WithoutAntiforgeryToken_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["userId"] = "admin" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".OpsConsole.Auth", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")] // browsers drop the tab: "//evil.example/"
    [InlineData("/\n/evil.example/", "/")]
    [InlineData("/sites/TW/releases", "/sites/TW/releases")]
    public async Task DevSignIn_RedirectsOnlyToLocalPaths(string returnUrl, string expected)
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/account/sign-in");

        var response = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
            ["userId"] = "viewer",
            ["returnUrl"] = returnUrl,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
