using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsConsole.Auth;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>
/// A sign-in ends 8 hours after it was made, in the browser and in an open page: the roles are read from the provider at
/// sign-in only, so an approver taken out of the group must not keep approving in a tab left open for days.
/// </summary>
public sealed class SessionExpiryTests(OpsConsoleFactory factory) : IClassFixture<OpsConsoleFactory>
{
    private static readonly DateTimeOffset Expires = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void IsCurrent_UntilTheStampedEnd_ThenNot()
    {
        var user = SignedIn(new Claim(SessionExpiry.ClaimType, Expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(SessionExpiry.IsCurrent(user, Expires.AddSeconds(-1)));
        Assert.False(SessionExpiry.IsCurrent(user, Expires));
        Assert.False(SessionExpiry.IsCurrent(user, Expires.AddDays(3)));
    }

    [Fact]
    public void IsCurrent_ForNoSignInOrASessionFromBeforeTheStamp_IsLeftToTheCookie()
    {
        Assert.True(SessionExpiry.IsCurrent(new ClaimsPrincipal(new ClaimsIdentity()), Expires));
        Assert.True(SessionExpiry.IsCurrent(SignedIn(new Claim(ClaimTypes.Name, "Hana Ho")), Expires));
    }

    [Fact]
    public async Task SigningIn_StampsTheSessionsEnd_InTheCookieThatDoesNotSlide()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetStringAsync("/account/sign-in");
        var before = DateTimeOffset.UtcNow;

        var response = await client.PostAsync("/account/dev-sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
            ["userId"] = "hk-approver",
            ["returnUrl"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal));
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.False(options.SlidingExpiration);
        var ticket = options.TicketDataFormat.Unprotect(Uri.UnescapeDataString(cookie.Split(';')[0][".OpsConsole.Auth=".Length..]))!;
        var stamped = DateTimeOffset.Parse(ticket.Principal.FindFirst(SessionExpiry.ClaimType)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamped, before.Add(SessionExpiry.Lifetime).AddSeconds(-5), DateTimeOffset.UtcNow.Add(SessionExpiry.Lifetime).AddSeconds(5));
        Assert.Equal(stamped, ticket.Properties.ExpiresUtc);
    }

    /// <summary>
    /// The circuit hands the provider the user of every connection it is given, and a page that rejoins after its
    /// connection dropped brings the same sign-in back. Told as a change, it made the change request page read its data
    /// again and lose the edits typed on it; another sign-in, or none, is a change.
    /// </summary>
    [Fact]
    public async Task TheSameSignInHandedOverAgain_IsNotToldAsAChange_AnotherOneOrNoneIs()
    {
        using var expiry = new SessionExpiry(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, new EndedSignIns(TimeProvider.System));
        var told = new List<ClaimsPrincipal>();
        expiry.AuthenticationStateChanged += state => told.Add(state.Result.User);
        IHostEnvironmentAuthenticationStateProvider host = expiry;
        static Task<AuthenticationState> Handed(ClaimsPrincipal user) => Task.FromResult(new AuthenticationState(user));
        static ClaimsPrincipal SignIn(string id) => SignedIn(new Claim(ClaimTypes.NameIdentifier, "hk-editor"), new Claim(EndedSignIns.ClaimType, id));

        var first = SignIn("one");
        host.SetAuthenticationState(Handed(first));
        host.SetAuthenticationState(Handed(SignIn("one")));
        Assert.Equal([first], told);
        Assert.Same(first, (await expiry.GetAuthenticationStateAsync()).User);

        var renewed = SignIn("two");
        host.SetAuthenticationState(Handed(renewed));
        var none = new ClaimsPrincipal(new ClaimsIdentity());
        host.SetAuthenticationState(Handed(none));
        host.SetAuthenticationState(Handed(first));
        Assert.Equal([first, renewed, none, first], told);
    }

    [Fact]
    public void OpenPages_CheckTheirSignIn_WithSessionExpiry()
    {
        using var scope = factory.Services.CreateScope();

        Assert.IsType<SessionExpiry>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }
}
