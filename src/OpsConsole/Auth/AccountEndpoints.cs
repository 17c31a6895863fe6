using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OpsConsole.Auth;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this WebApplication app)
    {
        if (DevelopmentSignIn.IsEnabled(app.Environment, app.Configuration))
        {
            DevelopmentSignIn.MapEndpoints(app);
        }

        app.MapPost("/account/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/signed-out");
        }).AllowAnonymous();

        return app;
    }

    /// <summary>Only paths on this site: an open redirect after sign-in is a phishing tool.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
