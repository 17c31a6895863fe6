using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Tests.Infrastructure;
using static OpsConsole.Tests.Auth.Outcome;

namespace OpsConsole.Tests.Auth;

/// <summary>What a request answered, reduced to what matters for authorization.</summary>
public sealed record Outcome(HttpStatusCode Status, string? Location = null)
{
    public static readonly Outcome Ok = new(HttpStatusCode.OK);

    /// <summary>Anonymous on a page: sent to the sign-in page.</summary>
    public static readonly Outcome SignIn = new(HttpStatusCode.Redirect, "/account/sign-in");

    /// <summary>Signed in, but not allowed: the "no access" page.</summary>
    public static readonly Outcome NoAccess = new(HttpStatusCode.Redirect, "/account/no-access");

    /// <summary>Anonymous on the API: a status code, never a sign-in page.</summary>
    public static readonly Outcome Unauthorized = new(HttpStatusCode.Unauthorized);

    public static readonly Outcome Forbidden = new(HttpStatusCode.Forbidden);

    public static readonly Outcome NotFound = new(HttpStatusCode.NotFound);

    public static readonly Outcome MethodNotAllowed = new(HttpStatusCode.MethodNotAllowed);

    public static Outcome RedirectTo(string path) => new(HttpStatusCode.Redirect, path);

    public override string ToString() => Location is null ? $"{(int)Status}" : $"{(int)Status} → {Location}";
}

/// <summary>
/// Every route of the console against every demo user. The table below is the specification: a route
/// that is not in it fails <see cref="EveryEndpoint_HasARowInTheTable"/>, so nobody can add a page, an
/// action or an API without deciding who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<OpsConsoleFactory>
{
    /// <summary>The columns of the table, in order. "anonymous" is no sign-in; the others are development demo users.</summary>
    public static readonly string[] Users = ["anonymous", "viewer", "hk-editor", "hk-approver", "tw-editor", "admin"];

    // To add a route: one row per route pattern and method (pages: GET; their form posts share the page's
    // endpoint and policy), with a sample request and the outcome for each user in the order of Users.
    // Site routes: add a row per site whose outcome differs (an HK editor editing TW must be refused).
    // Actions with a form: give the fields in Form; the antiforgery token is added by the test.
    public static readonly Row[] Routes =
    [
        //  method  route pattern                    sample request                 anonymous   viewer    hk-editor  hk-approver  tw-editor  admin
        new("GET", "/", "/",                                                        SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/sites/{Site}/config", "/sites/HK/config",                     SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/sites/{Site}/config", "/sites/TW/config",                     SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/sites/{Site}/change-requests", "/sites/HK/change-requests",   SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/sites/{Site}/releases", "/sites/TW/releases",                 SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        // A change request the site does not have: staff reach the page, which says so and answers 404.
        new("GET", "/sites/{Site}/change-requests/{Id:int}", "/sites/HK/change-requests/999", SignIn, NotFound, NotFound, NotFound, NotFound, NotFound),
        // A release's configuration as a file: every member of staff reads every site, as on the configuration page.
        new("GET", "/sites/{site}/releases/{version:int}/configuration.json", "/sites/HK/releases/1/configuration.json", SignIn, Ok, Ok, Ok, Ok,   Ok),
        new("GET", "/sites/{site}/releases/{version:int}/configuration.json", "/sites/TW/releases/1/configuration.json", SignIn, Ok, Ok, Ok, Ok,   Ok),
        // The audit log as CSV: every member of staff reads the log (ADR 0002), so every member of staff downloads it.
        new("GET", "/audit/entries.csv", "/audit/entries.csv?site=HK",            SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        // Workflow actions: the endpoint admits staff; who may do what to which change request is decided by
        // ChangeRequestService (see ChangeRequestHttpActionTests and ChangeRequestTransitionTests for the per-site rules).
        new("POST", "/actions/change-requests/{id:int}/submit", "/actions/change-requests/999/submit",     SignIn, NotFound, NotFound, NotFound, NotFound, NotFound) { Form = new() { ["revision"] = "1" } },
        new("POST", "/actions/change-requests/{id:int}/approve", "/actions/change-requests/999/approve",   SignIn, NotFound, NotFound, NotFound, NotFound, NotFound) { Form = new() { ["revision"] = "1", ["hash"] = "sha256:00", ["title"] = "t" } },
        new("POST", "/actions/change-requests/{id:int}/reject", "/actions/change-requests/999/reject",     SignIn, NotFound, NotFound, NotFound, NotFound, NotFound) { Form = new() { ["revision"] = "1", ["comment"] = "no" } },
        new("POST", "/actions/change-requests/{id:int}/withdraw", "/actions/change-requests/999/withdraw", SignIn, NotFound, NotFound, NotFound, NotFound, NotFound) { Form = new() { ["revision"] = "1" } },
        new("POST", "/actions/change-requests/{id:int}/publish", "/actions/change-requests/999/publish",   SignIn, NotFound, NotFound, NotFound, NotFound, NotFound),
        new("GET", "/audit", "/audit",                                             SignIn,     Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/admin", "/admin",                                             SignIn,     NoAccess, NoAccess,  NoAccess,    NoAccess,  Ok),
        new("GET", "/account/sign-in", "/account/sign-in",                         Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/account/no-access", "/account/no-access",                     Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/account/signed-out", "/account/signed-out",                   Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/account/sign-in-failed", "/account/sign-in-failed",           Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/error", "/error",                                             Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/not-found", "/not-found",                                     Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/healthz", "/healthz",                                         Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("GET", "/readyz", "/readyz",                                           Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        new("POST", "/account/sign-out", "/account/sign-out",                      RedirectTo("/account/signed-out"), RedirectTo("/account/signed-out"), RedirectTo("/account/signed-out"), RedirectTo("/account/signed-out"), RedirectTo("/account/signed-out"), RedirectTo("/account/signed-out")),
        new("POST", "/account/dev-sign-in", "/account/dev-sign-in",                RedirectTo("/"), RedirectTo("/"), RedirectTo("/"), RedirectTo("/"), RedirectTo("/"), RedirectTo("/"))
            { Form = new() { ["userId"] = "viewer", ["returnUrl"] = "/" } },
        // The console language: only a cookie, so anyone may set it (the sign-in page is shown in it too).
        new("POST", "/culture", "/culture",                                        RedirectTo("/sites/HK/config"), RedirectTo("/sites/HK/config"), RedirectTo("/sites/HK/config"), RedirectTo("/sites/HK/config"), RedirectTo("/sites/HK/config"), RedirectTo("/sites/HK/config"))
            { Form = new() { ["culture"] = "zh-Hant", ["returnUrl"] = "/sites/HK/config" } },
        // The consumer API authenticates API keys only (X-Api-Key); a console session is not a key, so every
        // user here gets 401 problem details, never a sign-in page. Keys and their sites: tests/OpsConsole.Tests/Api.
        new("GET", "/api/v1/sites/{site}/config", "/api/v1/sites/HK/config",                   Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET", "/api/v1/sites/{site}/releases/{version:int}", "/api/v1/sites/HK/releases/1", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET", "/api/v1/sites/{site}/releases", "/api/v1/sites/HK/releases?limit=5",       Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET", "/api/v1/sites/{site}/config/watch", "/api/v1/sites/HK/config/watch?after=0&timeout=1", Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("POST", "/api/v1/sites/{site}/quote", "/api/v1/sites/HK/quote",                    Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        new("GET", "/api/v1/schema/site-config", "/api/v1/schema/site-config",                 Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized),
        // The API's description is public, like any OpenAPI document a consumer team reads before it has a key.
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json",                         Ok,         Ok,       Ok,        Ok,          Ok,        Ok),
        // An API call asked with another method: 405 naming the methods it answers, for everyone, key or none.
        .. WrongMethods("/api/v1/sites/{site}/config", "/api/v1/sites/HK/config", "GET", "HEAD"),
        .. WrongMethods("/api/v1/sites/{site}/releases/{version:int}", "/api/v1/sites/HK/releases/1", "GET", "HEAD"),
        .. WrongMethods("/api/v1/sites/{site}/releases", "/api/v1/sites/HK/releases", "GET", "HEAD"),
        .. WrongMethods("/api/v1/sites/{site}/config/watch", "/api/v1/sites/HK/config/watch?after=0", "GET"),
        .. WrongMethods("/api/v1/sites/{site}/quote", "/api/v1/sites/HK/quote", "POST"),
        .. WrongMethods("/api/v1/schema/site-config", "/api/v1/schema/site-config", "GET", "HEAD"),
        // Not a route: an unknown API path is a 404 problem for everyone, never a sign-in page.
        new("GET", "/api/v1/not-a-call", "/api/v1/not-a-call",                                 NotFound,   NotFound, NotFound,  NotFound,    NotFound,  NotFound) { IsRoute = false },
    ];

    // Routes that exist only when an OpenID Connect authority is configured (then /account/dev-sign-in does not).
    // Checked with the provider's backchannel stubbed; everyone is sent to the provider's authorization endpoint.
    public static readonly Row[] OidcOnlyRoutes =
    [
        //  method  route pattern            sample request                          anonymous / everyone
        new("GET", "/account/sign-in/oidc", "/account/sign-in/oidc?returnUrl=%2F",  RedirectTo("/authorize")),
    ];

    // Endpoints the framework owns, answered the same to everyone by design: static files (the stylesheet
    // and scripts the sign-in page needs), Blazor's own script and its circuit hub (which runs the page's
    // components under the same authentication state; each page checks itself).
    private static readonly Func<EndpointInfo, bool>[] FrameworkEndpoints =
    [
        e => e.IsStaticAsset,
        e => e.Pattern == "/{**path:file}",
        e => e.Pattern.StartsWith("/_framework/", StringComparison.Ordinal),
        e => e.Pattern == "/_blazor" || e.Pattern.StartsWith("/_blazor/", StringComparison.Ordinal),
    ];

    private static IEnumerable<Row> WrongMethods(string pattern, string sample, params string[] allowed) =>
        new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }.Except(allowed)
            .Select(method => new Row(method, pattern, sample, MethodNotAllowed, MethodNotAllowed, MethodNotAllowed, MethodNotAllowed, MethodNotAllowed, MethodNotAllowed));

    private readonly OpsConsoleFactory factory;

    public AuthorizationMatrixTests(OpsConsoleFactory factory) => this.factory = factory;

    public sealed record Row(string Method, string Pattern, string Sample, params Outcome[] Expected)
    {
        public Dictionary<string, string>? Form { get; init; }

        /// <summary>False for a request that exercises a rule without being one of the app's routes.</summary>
        public bool IsRoute { get; init; } = true;
    }

    public sealed record EndpointInfo(string Pattern, IReadOnlyList<string> Methods, bool IsStaticAsset)
    {
        /// <summary>Pages accept POST for their forms under the page's own policy; the GET row covers both.</summary>
        public IEnumerable<string> MethodsNeedingARow => Methods.Count == 0 ? ["GET"] : Methods.Where(m => m != "HEAD" && !(m == "POST" && Methods.Contains("GET")));
    }

    public static TheoryData<string, string, string, int> Cells()
    {
        var cells = new TheoryData<string, string, string, int>();
        for (var row = 0; row < Routes.Length; row++)
        {
            for (var user = 0; user < Users.Length; user++)
            {
                cells.Add(Routes[row].Method, Routes[row].Sample, Users[user], row);
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Route_AnswersEachUserAsTheTableSays(string method, string sample, string user, int row)
    {
        var expected = Routes[row].Expected[Array.IndexOf(Users, user)];
        var client = user == "anonymous" ? factory.CreateBrowserLikeClient() : await factory.SignedInClientAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), sample);
        if (Routes[row].Form is { } form || method == "POST")
        {
            var fields = new Dictionary<string, string>(Routes[row].Form ?? [])
            {
                ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(await client.GetStringAsync("/account/sign-in")),
            };
            request.Content = new FormUrlEncodedContent(fields);
        }

        var response = await client.SendAsync(request);

        var actual = new Outcome(response.StatusCode, response.Headers.Location?.IsAbsoluteUri == true ? response.Headers.Location.AbsolutePath : response.Headers.Location?.OriginalString.Split('?')[0]);
        Assert.True(expected == actual, $"{method} {sample} as {user}: expected {expected}, got {actual}.");
    }

    [Fact]
    public void EveryEndpoint_HasARowInTheTable()
    {
        var missing = Endpoints(factory)
            .Where(e => !FrameworkEndpoints.Any(isFramework => isFramework(e)))
            .SelectMany(e => e.MethodsNeedingARow.Select(method => (Method: method, e.Pattern)))
            .Where(e => !Routes.Any(r => r.IsRoute && r.Pattern == e.Pattern && r.Method == e.Method))
            .Select(e => $"{e.Method} {e.Pattern}")
            .ToList();

        Assert.True(missing.Count == 0,
            $"These routes have no row in {nameof(AuthorizationMatrixTests)}.{nameof(Routes)}: {string.Join(", ", missing)}. " +
            "Add a row for each with a sample request and the expected outcome for every user (anonymous, viewer, hk-editor, hk-approver, tw-editor, admin), " +
            "and make the page or endpoint check role and site on the server (SiteAccess / an authorization policy).");
    }

    [Fact]
    public async Task WithOpenIdConnect_EveryEndpoint_HasARow_AndTheSignInRouteGoesToTheProvider()
    {
        using var oidc = new OidcConsoleFactory();
        var rows = Routes.Where(r => r.Pattern != "/account/dev-sign-in").Concat(OidcOnlyRoutes).ToList();

        var missing = Endpoints(oidc)
            .Where(e => !FrameworkEndpoints.Any(isFramework => isFramework(e)))
            .SelectMany(e => e.MethodsNeedingARow.Select(method => $"{method} {e.Pattern}"))
            .Where(e => !rows.Any(r => r.IsRoute && $"{r.Method} {r.Pattern}" == e))
            .ToList();

        Assert.True(missing.Count == 0, $"With OpenID Connect configured, these routes have no row in {nameof(Routes)} or {nameof(OidcOnlyRoutes)}: {string.Join(", ", missing)}.");
        foreach (var row in OidcOnlyRoutes)
        {
            var response = await oidc.CreateBrowserLikeClient().GetAsync(row.Sample);
            Assert.Equal(row.Expected[0], new Outcome(response.StatusCode, response.Headers.Location?.AbsolutePath));
        }
    }

    [Fact]
    public void EveryRowInTheTable_IsStillARoute()
    {
        var patterns = Endpoints(factory).Select(e => e.Pattern).ToHashSet();

        var stale = Routes.Where(r => r.IsRoute && !patterns.Contains(r.Pattern)).Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.True(stale.Count == 0, $"These rows of {nameof(Routes)} name routes the app no longer has: {string.Join(", ", stale)}. Remove or rename them.");
        Assert.All(Routes, r => Assert.Equal(Users.Length, r.Expected.Length));
    }

    [Fact]
    public void TheFrameworkExclusions_DoNotHideConsoleRoutes()
    {
        var excluded = Endpoints(factory).Where(e => FrameworkEndpoints.Any(isFramework => isFramework(e))).ToList();

        Assert.NotEmpty(excluded);
        Assert.All(excluded, e => Assert.True(
            e.IsStaticAsset || e.Pattern.StartsWith("/_", StringComparison.Ordinal) || e.Pattern == "/{**path:file}",
            $"{e.Pattern} is excluded from the matrix but is not a framework endpoint"));
    }

    public static IReadOnlyList<EndpointInfo> Endpoints(OpsConsoleFactory app)
    {
        _ = app.Server; // Builds the app so its endpoints exist.
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => new EndpointInfo(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")))
            .ToList();
    }
}
