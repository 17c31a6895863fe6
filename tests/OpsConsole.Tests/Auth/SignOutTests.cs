using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsConsole.Auth;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>
/// Signing out ends the sign-in, not only this browser's copy of it: staff share machines, and a second tab left open
/// (or a copy of the cookie) must not go on acting in the name of someone who signed out.
/// </summary>
public sealed class SignOutTests(OpsConsoleFactory factory) : IClassFixture<OpsConsoleFactory>
{
    [Fact]
    public async Task SignOut_RefusesTheSignInCookie_ItEnded_WhenItComesBack()
    {
        var browser = factory.CreateBrowserLikeClient();
        var signInPage = await browser.GetStringAsync("/account/sign-in");
        var signedIn = await browser.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(signInPage),
            ["userId"] = "hk-editor",
            ["returnUrl"] = "/",
        }));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/sites/HK/change-requests")).StatusCode);

        var page = await browser.GetStringAsync("/sites/HK/config");
        var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var again = await copy.GetAsync("/sites/HK/change-requests");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/sign-in", again.Headers.Location!.AbsolutePath);
    }

    /// <summary>
    /// The key ring outlives a restart, and with it every sign-in cookie: a sign-out kept only in memory was forgotten, and
    /// a copy of the cookie was accepted again until it ran out.
    /// </summary>
    [Fact]
    public async Task SignOut_StillRefusesTheCookie_AfterTheConsoleRestarts_AndOnlyThatOne()
    {
        var directory = Directory.CreateTempSubdirectory("opsconsole-sign-out-").FullName;
        try
        {
            string signedOutCookie, otherCookie;
            await using (var first = new OpsConsoleFactory { Settings = { ["Storage:DataDirectory"] = directory } })
            {
                (signedOutCookie, var browser) = await SignInAsync(first, "hk-editor");
                (otherCookie, _) = await SignInAsync(first, "hk-editor");
                var page = await browser.GetStringAsync("/sites/HK/config");
                var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
                }));
                Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            }

            TestDatabases.CloseConsoleDatabase(directory);
            await using var second = new OpsConsoleFactory { Settings = { ["Storage:DataDirectory"] = directory } };
            var again = await CopyOf(second, signedOutCookie).GetAsync("/sites/HK/change-requests");
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal("/account/sign-in", again.Headers.Location!.AbsolutePath);

            // The same person's other sign-in (another browser) is theirs still: the cookies themselves outlive the restart.
            Assert.Equal(HttpStatusCode.OK, (await CopyOf(second, otherCookie).GetAsync("/sites/HK/change-requests")).StatusCode);
        }
        finally
        {
            TestDatabases.CloseConsoleDatabase(directory);
            Directory.Delete(directory, recursive: true);
        }

        static HttpClient CopyOf(OpsConsoleFactory app, string cookie)
        {
            var copy = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            copy.DefaultRequestHeaders.Add("Cookie", cookie);
            return copy;
        }
    }

    [Fact]
    public async Task ASignOut_IsKeptAsTheHashOfItsId_UntilItWouldHaveRunOut()
    {
        var user = Stamped("Hana Ho");
        var id = EndedSignIns.IdOf(user)!;

        await factory.Services.GetRequiredService<EndedSignInStore>().EndAsync(user, CancellationToken.None);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        var kept = await db.Set<EndedSignIn>().AsNoTracking().SingleAsync(e => e.IdHash == Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))));
        Assert.Equal(DateTimeOffset.Parse(user.FindFirst(SessionExpiry.ClaimType)!.Value, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), kept.RunsOutAt.ToUnixTimeSeconds());
        Assert.DoesNotContain(await db.Set<EndedSignIn>().AsNoTracking().ToListAsync(), e => e.IdHash.Contains(id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signing out is what someone leaving a shared machine does: a database that does not answer must not stop it.</summary>
    [Fact]
    public async Task SignOut_WithTheDatabaseDown_StillEndsTheSignInInThisConsole()
    {
        await using var app = new OpsConsoleFactory();
        var (cookie, browser) = await SignInAsync(app, "hk-editor");
        var page = await browser.GetStringAsync("/sites/HK/config");
        app.MakeDatabaseUnreadable();

        var signedOut = await browser.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(AccountEndpoints.SignedOutPath, signedOut.Headers.Location!.OriginalString);
        var copy = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        var again = await copy.GetAsync("/sites/HK/change-requests");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/sign-in", again.Headers.Location!.AbsolutePath);
    }

    private static async Task<(string Cookie, HttpClient Browser)> SignInAsync(OpsConsoleFactory app, string userId)
    {
        var browser = app.CreateBrowserLikeClient();
        var signInPage = await browser.GetStringAsync("/account/sign-in");
        var signedIn = await browser.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(signInPage),
            ["userId"] = userId,
            ["returnUrl"] = "/",
        }));
        return (signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal)).Split(';')[0], browser);
    }

    [Fact]
    public async Task SignOut_SignsOutTheOpenPagesOfThatSignIn_AtOnce_AndNoOther()
    {
        var ended = new EndedSignIns(TimeProvider.System);
        var (signedOut, other) = (Stamped("Hana Ho"), Stamped("Hana Ho"));
        using var page = PageOf(signedOut, ended);
        using var otherPage = PageOf(other, ended);
        var changes = 0;
        page.AuthenticationStateChanged += _ => changes++;

        ended.End(signedOut);

        Assert.Equal(1, changes);
        Assert.False((await page.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Equal("Hana Ho", (await otherPage.GetAuthenticationStateAsync()).User.Identity?.Name);
        Assert.True(ended.HasEnded(signedOut));
        Assert.False(ended.HasEnded(other));
    }

    [Fact]
    public void EndedSignIns_ForgetASignIn_OnceItWouldHaveRunOutAnyway()
    {
        var clock = new MovingTime { Now = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero) };
        var ended = new EndedSignIns(clock);
        var first = Stamped("Hana Ho", runsOut: clock.GetUtcNow().AddHours(1));
        ended.End(first);

        clock.Now = clock.Now.AddHours(1);
        ended.End(Stamped("Kelvin Chan", runsOut: clock.GetUtcNow().AddHours(8)));

        Assert.False(ended.HasEnded(first));
    }

    /// <summary>
    /// Inside a circuit the router checks a page's own attributes, not the fallback policy: a page without one rendered on
    /// after its sign-in ended instead of asking to sign in again.
    /// </summary>
    [Fact]
    public void EveryPage_NeedsASignInOrSaysItIsOpen_SoThatALivePageSignedOutAsksToSignIn()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false).Length > 0)
            .ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(
            page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute), inherit: true).Length > 0
            || page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true).Length > 0,
            $"{page.Name} needs staff only at its HTTP request, not in its circuit."));
    }

    private static SessionExpiry PageOf(ClaimsPrincipal user, EndedSignIns ended)
    {
        var page = new SessionExpiry(NullLoggerFactory.Instance, TimeProvider.System, ended);
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        return page;
    }

    private static ClaimsPrincipal Stamped(string name, DateTimeOffset? runsOut = null)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test");
        identity.AddClaim(new Claim(SessionExpiry.ClaimType, (runsOut ?? DateTimeOffset.UtcNow.Add(SessionExpiry.Lifetime)).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        EndedSignIns.Stamp(identity);
        return new ClaimsPrincipal(identity);
    }

    private sealed class MovingTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
