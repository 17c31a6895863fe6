using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpsConsole.Persistence;

namespace OpsConsole.Auth;

public static class AuthSetup
{
    public const string OidcAuthorityKey = "Authentication:Oidc:Authority";
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string SignInFailedPath = "/account/sign-in-failed";

    public static WebApplicationBuilder AddOpsConsoleAuthentication(this WebApplicationBuilder builder)
    {
        var developmentSignIn = DevelopmentSignIn.IsEnabled(builder.Environment, builder.Configuration);
        var oidc = OidcSettings.From(builder.Configuration);
        // Without an authority the only sign-in is the development one, and that exists only in Development.
        oidc.Validate(required: !developmentSignIn);
        builder.Services.AddSingleton(oidc);

        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ".OpsConsole.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/no-access";
                // Absolute, not sliding: the roles are read at sign-in only, so a session must end for the provider's
                // changes to take effect (SessionExpiry ends open pages' sessions at the same moment).
                options.ExpireTimeSpan = SessionExpiry.Lifetime;
                options.SlidingExpiration = false;
                options.Events.OnSigningIn = SessionExpiry.StampAsync;
                // A cookie of a sign-in that was signed out (kept by another tab, or copied) signs nobody in.
                options.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal is { } principal && context.HttpContext.RequestServices.GetRequiredService<EndedSignIns>().HasEnded(principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                // The consumer API is called by programs, not browsers: they get a status code, not a sign-in page.
                options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    // The "No access" page names the role the refused page needs when it is one the page can name
                    // (Administration's), instead of leaving staff who hold other roles to guess.
                    if (NeededRole(context.HttpContext.GetEndpoint()?.Metadata ?? []) is { } role)
                    {
                        context.RedirectUri = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(context.RedirectUri, NeededRoleParameter, role);
                    }

                    return StatusOrRedirect(context, StatusCodes.Status403Forbidden);
                };
            });

        // The framework's antiforgery cookie is never Secure by default (CookieSecurePolicy.None), even over https, so a
        // plain-http request to the same host (a typed address, a downgrade) would carry it in clear. Same as the request,
        // like the sign-in cookie: Development's plain-http start keeps working.
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        if (oidc.IsConfigured)
        {
            AddOidc(builder.Services, authentication, oidc);
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsStaff()))
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(OpsRoles.Admin))
            // Everything needs a member of staff unless it says otherwise ([AllowAnonymous] on sign-in and health).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => c.User.IsStaff()).Build());

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EndedSignIns>();
        builder.Services.AddSingleton<EndedSignInStore>();
        builder.Services.AddSingleton<IStartupSeeder>(services => services.GetRequiredService<EndedSignInStore>());
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionExpiry>();
        builder.Services.AddScoped<SignInRecorder>();
        return builder;
    }

    /// <summary>The query parameter of the "No access" page that names the role the refused page needs.</summary>
    public const string NeededRoleParameter = "needs";

    /// <summary>The one role an endpoint's authorization asks for beyond being staff, when it asks for one: administrator.</summary>
    public static string? NeededRole(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any(a => a.Policy == AdminPolicy || a.Roles == OpsRoles.Admin) ? OpsRoles.Admin : null;

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiPath(context.Request.Path))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void AddOidc(IServiceCollection services, AuthenticationBuilder authentication, OidcSettings oidc)
    {
        services.AddHttpClient(OidcDiscovery.BackchannelName);
        services.AddSingleton<OidcDiscovery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IdTokenValidator>();
        services.AddSingleton<GroupRoleMapping>();
        services.AddOptions<OAuthOptions>(OidcSignInHandler.SchemeName)
            .Configure<IHttpClientFactory>((options, httpClients) => options.Backchannel = httpClients.CreateClient(OidcDiscovery.BackchannelName));

        authentication.AddOAuth<OAuthOptions, OidcSignInHandler>(OidcSignInHandler.SchemeName, "Company account", options =>
        {
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.CallbackPath = oidc.CallbackPath;
            options.UsePkce = true;
            // OidcSignInHandler takes both endpoints from the discovery document; OAuthOptions only insists they are set.
            options.AuthorizationEndpoint = oidc.DiscoveryAddress;
            options.TokenEndpoint = oidc.DiscoveryAddress;
            options.Scope.Clear();
            foreach (var scope in oidc.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                options.Scope.Add(scope);
            }

            // Tokens are not saved wholesale: OidcSignInHandler keeps only the id_token, for sign-out.
            options.SaveTokens = false;
            // The callback is a top-level GET from the provider, which SameSite=Lax allows; Secure follows the request.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnTicketReceived = async context =>
                await context.HttpContext.RequestServices.GetRequiredService<SignInRecorder>().RecordAsync(context.Principal!, "oidc", context.HttpContext.RequestAborted);
            options.Events.OnRemoteFailure = context =>
            {
                // The reason is logged for operators; the user gets a page that says what to do. No token is in the message.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignInHandler))
                    .LogWarning("OpenID Connect sign-in failed: {Reason}", context.Failure?.Message);
                context.Response.Redirect(SignInFailedPath);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
