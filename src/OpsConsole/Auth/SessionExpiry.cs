using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace OpsConsole.Auth;

/// <summary>
/// A sign-in lasts <see cref="Lifetime"/> from the moment it was made, in the browser and in an open console alike. The
/// roles come from the identity provider at sign-in and nothing else re-reads them, so a session must end for a change
/// there (an approver taken out of the group) to take effect: the cookie does not slide, and an open page, whose circuit
/// keeps the principal it started with, checks every minute that its sign-in has not run out, and signs out when it has.
/// A sign-in ended by signing out (in another tab, say) signs the page out at once (<see cref="EndedSignIns"/>).
/// </summary>
public sealed class SessionExpiry : RevalidatingServerAuthenticationStateProvider, IHostEnvironmentAuthenticationStateProvider
{
    private readonly TimeProvider clock;
    private readonly EndedSignIns endedSignIns;

    // The state the page has now, followed through every change (the host's, a sign-out's, the revalidation's): the base
    // class keeps its own, but asking it before it is first set throws.
    private Task<AuthenticationState>? current;

    public SessionExpiry(ILoggerFactory loggerFactory, TimeProvider clock, EndedSignIns endedSignIns)
        : base(loggerFactory)
    {
        this.clock = clock;
        this.endedSignIns = endedSignIns;
        endedSignIns.Ended += SignOutIfMine;
        AuthenticationStateChanged += state => current = state;
    }

    public const string ClaimType = "opsconsole:session-expires";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(IsCurrent(authenticationState.User, clock.GetUtcNow()) && !endedSignIns.HasEnded(authenticationState.User));

    /// <summary>
    /// Takes the user of each connection the page's circuit is given: the first, and each one it rejoins the server on
    /// after its connection dropped. The framework's provider tells every component of the page that the sign-in changed
    /// each time, though a rejoin brings the same sign-in back, and a component that reads its data again when told
    /// replaced what had been typed (a change request's unsaved edits went, without a word). The same sign-in is not
    /// news, and is not told; another one, or none (the cookie was refused after a sign-out), is.
    /// </summary>
    void IHostEnvironmentAuthenticationStateProvider.SetAuthenticationState(Task<AuthenticationState> authenticationStateTask)
    {
        if (authenticationStateTask.IsCompletedSuccessfully && current is { IsCompletedSuccessfully: true } now
            && EndedSignIns.IdOf(now.Result.User) is { } signIn && EndedSignIns.IdOf(authenticationStateTask.Result.User) == signIn)
        {
            return;
        }

        SetAuthenticationState(authenticationStateTask);
    }

    private void SignOutIfMine(string signIn)
    {
        var state = GetAuthenticationStateAsync();
        if (state.IsCompletedSuccessfully && EndedSignIns.IdOf(state.Result.User) == signIn)
        {
            // As the revalidation signs a page out when its sign-in runs out: the page shows the sign-in, and its unsaved
            // edits wait in the tab (KeptEdits) for the next one.
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    protected override void Dispose(bool disposing)
    {
        endedSignIns.Ended -= SignOutIfMine;
        base.Dispose(disposing);
    }

    /// <summary>Whether the sign-in behind <paramref name="user"/> still holds at <paramref name="now"/> (no sign-in has nothing to run out).</summary>
    public static bool IsCurrent(ClaimsPrincipal user, DateTimeOffset now) =>
        user.Identity?.IsAuthenticated != true
        || user.FindFirst(ClaimType) is not { } claim
        || !DateTimeOffset.TryParse(claim.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
        || now < expires;

    /// <summary>Stamps a new sign-in (development or OpenID Connect, both end in the cookie) with when it ends.</summary>
    public static Task StampAsync(CookieSigningInContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        // Whole seconds: the cookie keeps its expiry to the second, and the two must name the same moment.
        var end = clock.GetUtcNow().Add(Lifetime);
        var expires = new DateTimeOffset(end.Ticks - (end.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        context.Properties.ExpiresUtc = expires;
        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            if (identity.FindFirst(ClaimType) is { } stale)
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(ClaimType, expires.ToString("O", CultureInfo.InvariantCulture)));
            EndedSignIns.Stamp(identity);
        }

        return Task.CompletedTask;
    }
}
