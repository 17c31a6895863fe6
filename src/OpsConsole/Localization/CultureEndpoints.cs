using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace OpsConsole.Localization;

/// <summary>
/// The console language: a cookie read by <see cref="RequestLocalizationMiddleware"/> on every request,
/// including the one that opens a Blazor circuit, so a switch takes effect on the page it redirects to.
/// </summary>
public static class CultureEndpoints
{
    public const string SwitchPath = "/culture";

    public static IServiceCollection AddConsoleLocalization(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            // Only the UI culture follows the user: formatting stays English (see ConsoleTexts).
            options.SetDefaultCulture(ConsoleTexts.English);
            options.AddSupportedCultures(ConsoleTexts.English);
            options.AddSupportedUICultures([.. ConsoleTexts.UiCultures]);
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SwitchPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // Minimal APIs check antiforgery only when they bind a form model; this one reads the form itself.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Switching the language needs the page's antiforgery token");
            }

            var form = await http.Request.ReadFormAsync();
            var culture = form["culture"].ToString();
            if (!ConsoleTexts.UiCultures.Contains(culture, StringComparer.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The console speaks {string.Join(", ", ConsoleTexts.UiCultures)}");
            }

            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(ConsoleTexts.English, culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true });
            return Results.LocalRedirect(Auth.AccountEndpoints.SafeReturnUrl(form["returnUrl"].ToString()));
        }).AllowAnonymous();
        return app;
    }
}
