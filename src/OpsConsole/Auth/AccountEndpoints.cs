using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace OpsConsole.Auth;

public static class AccountEndpoints
{
    public const string SignedOutPath = "/account/signed-out";
    public const string OidcSignInPath = "/account/sign-in/oidc";

    public static IEndpointRouteBuilder MapAccountEndpoints(this WebApplication app)
    {
        if (DevelopmentSignIn.IsEnabled(app.Environment, app.Configuration))
        {
            DevelopmentSignIn.MapEndpoints(app);
        }

        var oidc = app.Services.GetRequiredService<OidcSettings>();
        if (oidc.IsConfigured)
        {
            // A GET is safe here: it only starts a sign-in at the provider; what comes back is bound to this browser by state and nonce.
            app.MapGet(OidcSignInPath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OidcSignInHandler.SchemeName]))
                .AllowAnonymous();
        }

        app.MapPost("/account/sign-out", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // Minimal APIs check antiforgery only when they bind a form; this one binds nothing, so it asks itself.
            // Without it any site could sign our users out.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out needs the page's antiforgery token");
            }

            var idToken = await http.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, OidcSignInHandler.IdTokenName);
            // Removing the cookie here leaves the sign-in alive wherever else it is held: other tabs' open pages, copies of the cookie.
            await http.RequestServices.GetRequiredService<EndedSignInStore>().EndAsync(http.User, CancellationToken.None);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return idToken is not null && oidc.IsConfigured && await EndSessionAddressAsync(http, idToken) is { } endSession
                ? Results.Redirect(endSession)
                : Results.LocalRedirect(SignedOutPath);
        }).AllowAnonymous();

        return app;
    }

    /// <summary>
    /// Only paths on this site: an open redirect after sign-in is a phishing tool. No control characters either: browsers
    /// drop tabs and line breaks from a Location, so "/\t/evil.example" leaves as "//evil.example" (another host), and
    /// LocalRedirect throws on them instead of answering.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";

    /// <summary>
    /// RP-initiated logout: ends the provider's session too, or the next sign-in would silently sign the
    /// same person in again. Null when the provider has no end-session endpoint (then only our cookie goes).
    /// </summary>
    private static async Task<string?> EndSessionAddressAsync(HttpContext http, string idToken)
    {
        OpenIdConnectConfiguration provider;
        try
        {
            provider = await http.RequestServices.GetRequiredService<OidcDiscovery>().GetAsync(http.RequestAborted);
        }
        catch (InvalidOperationException failure)
        {
            // Our cookie is already gone; a provider that cannot be reached must not turn sign-out into an error page.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountEndpoints))
                .LogWarning("Signed out locally only: the provider's discovery document could not be read ({Reason})", failure.Message);
            return null;
        }

        if (string.IsNullOrEmpty(provider.EndSessionEndpoint))
        {
            return null;
        }

        var postLogout = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{SignedOutPath}";
        return QueryHelpers.AddQueryString(provider.EndSessionEndpoint, new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = postLogout,
            ["client_id"] = http.RequestServices.GetRequiredService<OidcSettings>().ClientId,
        });
    }
}
