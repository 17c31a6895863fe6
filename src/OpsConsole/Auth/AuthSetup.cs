using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using OpsConsole.Infrastructure;

namespace OpsConsole.Auth;

public static class AuthSetup
{
    public const string OidcAuthorityKey = "Authentication:Oidc:Authority";
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    public static WebApplicationBuilder AddOpsConsoleAuthentication(this WebApplicationBuilder builder)
    {
        var developmentSignIn = DevelopmentSignIn.IsEnabled(builder.Environment, builder.Configuration);
        if (!developmentSignIn)
        {
            // OpenID Connect sign-in is not built yet: without it there is no safe way to sign anyone in.
            throw new StartupException(string.IsNullOrWhiteSpace(builder.Configuration[OidcAuthorityKey])
                ? $"{OidcAuthorityKey} is not set. Outside Development staff sign in with OpenID Connect: set {OidcAuthorityKey}, :ClientId and :ClientSecret."
                : $"{OidcAuthorityKey} is set, but this build has no OpenID Connect sign-in yet; run in Development without it to use the development sign-in.");
        }

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ".OpsConsole.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/no-access";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsStaff()))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(OpsRoles.Admin))
            // Everything needs a member of staff unless it says otherwise ([AllowAnonymous] on sign-in and health).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => c.User.IsStaff()).Build());

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<SignInRecorder>();
        return builder;
    }
}
