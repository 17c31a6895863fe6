using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpsConsole.Auth;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>Keys and tokens made in the test: what a provider signs with, and a stranger's key.</summary>
public static class TestKeys
{
    public static RsaSecurityKey Provider { get; } = new(RSA.Create(2048)) { KeyId = "provider-key" };

    public static RsaSecurityKey Stranger { get; } = new(RSA.Create(2048)) { KeyId = "provider-key" };

    public static string IdToken(
        string issuer,
        string audience,
        string? nonce,
        IEnumerable<string>? groups,
        SecurityKey? key = null,
        DateTime? expires = null,
        string subject = "user-1",
        string name = "Hana Ho",
        IDictionary<string, object>? extra = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = name };
        if (groups is not null)
        {
            claims["groups"] = groups.ToArray();
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        foreach (var (claim, value) in extra ?? new Dictionary<string, object>())
        {
            claims[claim] = value;
        }

        var signingKey = key ?? Provider;
        var expiry = expires ?? now.AddMinutes(5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            // A test that needs several audiences gives them as an "aud" array instead.
            Audience = extra?.ContainsKey("aud") == true ? null : audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-10) < now ? expiry.AddMinutes(-10) : now,
            NotBefore = expiry.AddMinutes(-10) < now ? expiry.AddMinutes(-10) : now,
            Expires = expiry,
            SigningCredentials = new SigningCredentials(signingKey, signingKey is SymmetricSecurityKey ? SecurityAlgorithms.HmacSha256 : SecurityAlgorithms.RsaSha256),
        });
    }
}

/// <summary>
/// The company provider as the console's backchannel sees it: discovery, keys and a token endpoint that
/// checks what a real one checks (client secret, redirect URI, PKCE) and answers with an id_token that a
/// test may tamper with. The browser side (the login page) is the test itself, replaying the redirect.
/// </summary>
public sealed class FakeProvider : HttpMessageHandler
{
    public const string Issuer = "https://id.example.test";
    public const string ClientId = "opsconsole";
    public const string ClientSecret = "test-client-secret-9f1c";

    /// <summary>Makes the id_token from the nonce the console sent; replace it to tamper.</summary>
    public Func<string, string> IdTokenFor { get; set; } = nonce => TestKeys.IdToken(Issuer, ClientId, nonce, ["opsconsole-hk-editors"]);

    public string? LastIdToken { get; private set; }

    /// <summary>The challenge the console sent with the authorization request; the token request must prove it.</summary>
    public string? ExpectedCodeChallenge { get; set; }

    public string? ExpectedNonce { get; set; }

    public List<string> TokenRequestProblems { get; } = [];

    /// <summary>What the userinfo endpoint answers to the access token it issued; replace it to change the answer.</summary>
    public Func<HttpResponseMessage> UserInfo { get; set; } = () => Json(new { sub = "user-1", name = "Hana Ho", groups = new[] { "opsconsole-hk-editors" } });

    /// <summary>Userinfo requests that carried the access token the token endpoint issued.</summary>
    public int UserInfoCalls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        return path switch
        {
            "/.well-known/openid-configuration" => Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = $"{Issuer}/authorize",
                ["token_endpoint"] = $"{Issuer}/token",
                ["jwks_uri"] = $"{Issuer}/jwks",
                ["end_session_endpoint"] = $"{Issuer}/session/end",
                ["userinfo_endpoint"] = $"{Issuer}/userinfo",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }),
            "/jwks" => Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(TestKeys.Provider.Rsa.ExportParameters(false)) { KeyId = TestKeys.Provider.KeyId }) } }),
            "/token" when request.Method == HttpMethod.Post => await TokenAsync(request, cancellationToken),
            "/userinfo" when request.Method == HttpMethod.Get => UserInfoFor(request),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        };
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = QueryHelpers.ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
        Check(form["grant_type"] == "authorization_code", "grant_type is not authorization_code");
        Check(form["code"] == "the-code", "the code is not the one the provider issued");
        Check(form["client_id"] == ClientId, "client_id is wrong");
        Check(form["client_secret"] == ClientSecret, "client_secret is not in the form body");
        Check(form["redirect_uri"] == "http://localhost/signin-oidc", $"redirect_uri is {form["redirect_uri"]}");
        var verifier = form["code_verifier"].ToString();
        Check(verifier.Length >= 43 && WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) == ExpectedCodeChallenge,
            "the code_verifier does not match the code_challenge (PKCE)");
        if (TokenRequestProblems.Count > 0)
        {
            return Json(new { error = "invalid_grant" }, HttpStatusCode.BadRequest);
        }

        LastIdToken = IdTokenFor(ExpectedNonce ?? "");
        return Json(new { access_token = "opaque-access-token", token_type = "Bearer", expires_in = 300, id_token = LastIdToken });
    }

    private HttpResponseMessage UserInfoFor(HttpRequestMessage request)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: "opaque-access-token" })
        {
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        }

        UserInfoCalls++;
        return UserInfo();
    }

    private void Check(bool condition, string problem)
    {
        if (!condition)
        {
            TokenRequestProblems.Add(problem);
        }
    }

    public static HttpResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}

/// <summary>Records sign-ins instead of logging them, so a test can see that the audit hook was called.</summary>
public sealed class RecordingSignInRecorder : SignInRecorder
{
    public List<(string UserId, string Method, string[] Roles)> SignIns { get; } = [];

    public override Task RecordAsync(ClaimsPrincipal user, string method, CancellationToken cancellationToken)
    {
        lock (SignIns)
        {
            SignIns.Add((user.UserId(), method, user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray()));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Keeps every log line the app writes, to prove what never appears in them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.lines)
            {
                owner.lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

/// <summary>
/// The real app with OpenID Connect configured (in Production, so nothing of Development helps), its
/// backchannel answered by <see cref="FakeProvider"/>, its sign-ins recorded and its logs captured.
/// </summary>
public sealed class OidcConsoleFactory : OpsConsoleFactory
{
    public OidcConsoleFactory()
    {
        EnvironmentName = "Production";
        Settings["Authentication:Oidc:Authority"] = FakeProvider.Issuer;
        Settings["Authentication:Oidc:ClientId"] = FakeProvider.ClientId;
        Settings["Authentication:Oidc:ClientSecret"] = FakeProvider.ClientSecret;
    }

    public FakeProvider Provider { get; } = new();

    public RecordingSignInRecorder Recorder { get; } = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient(OidcDiscovery.BackchannelName).ConfigurePrimaryHttpMessageHandler(() => Provider);
            services.RemoveAll<SignInRecorder>();
            services.AddSingleton<SignInRecorder>(Recorder);
        });
    }

    /// <summary>What a browser does: start the sign-in, "log in" at the provider, come back to the callback.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Callback)> SignInAsync(string returnUrl = "/sites/HK/config")
    {
        var client = CreateBrowserLikeClient();
        var challenge = await client.GetAsync($"/account/sign-in/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}");
        if (challenge.StatusCode != HttpStatusCode.Redirect || !challenge.Headers.Location!.ToString().StartsWith(FakeProvider.Issuer + "/authorize?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The sign-in did not go to the provider: {(int)challenge.StatusCode} {challenge.Headers.Location}");
        }

        var authorize = QueryHelpers.ParseQuery(challenge.Headers.Location.Query);
        Provider.ExpectedCodeChallenge = authorize["code_challenge"];
        Provider.ExpectedNonce = authorize["nonce"];
        var callback = await client.GetAsync($"/signin-oidc?code=the-code&state={Uri.EscapeDataString(authorize["state"]!)}&iss={Uri.EscapeDataString(FakeProvider.Issuer)}");
        return (client, callback);
    }

    public static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
}
