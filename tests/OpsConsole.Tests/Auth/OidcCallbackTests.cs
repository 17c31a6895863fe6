using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>The whole code flow through the real callback, the provider's backchannel stubbed.</summary>
public sealed class OidcCallbackTests : IDisposable
{
    private readonly OidcConsoleFactory factory = new();

    [Fact]
    public async Task AuthorizationRequest_CarriesPkceNonceAndProtectedState_AndSetsCorrelationCookie()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await client.GetAsync("/account/sign-in/oidc?returnUrl=%2Fsites%2FHK%2Fconfig");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeProvider.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.True(query["nonce"].ToString().Length >= 43);
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        // state is protected: neither the nonce nor the PKCE verifier can be read from it.
        Assert.DoesNotContain(query["nonce"].ToString(), query["state"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("client_secret", response.Headers.Location.Query, StringComparison.Ordinal);
        var correlation = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains("httponly", correlation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", correlation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Callback_WithValidIdToken_SignsInWithMappedRoles_RecordsIt_AndReturnsToThePage()
    {
        var (client, callback) = await factory.SignInAsync("/sites/HK/config");

        Assert.Empty(factory.Provider.TokenRequestProblems);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/sites/HK/config", callback.Headers.Location!.OriginalString);
        var cookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        var hk = await client.GetStringAsync("/sites/HK/config");
        Assert.Contains("Hana Ho", hk);
        Assert.Contains("You can edit HK", hk);
        Assert.Contains("Read-only for TW", await client.GetStringAsync("/sites/TW/config"));

        var signIn = Assert.Single(factory.Recorder.SignIns);
        Assert.Equal(("user-1", "oidc"), (signIn.UserId, signIn.Method));
        Assert.Equal(["Editor:HK"], signIn.Roles);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\t/evil.example/")] // browsers drop the tab from a Location: "//evil.example/", another host
    [InlineData("/\r\n/evil.example/")]
    public async Task Callback_AfterASignInStartedWithAForeignReturnUrl_ReturnsToTheOverview(string returnUrl)
    {
        var (_, callback) = await factory.SignInAsync(returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Callback_ForUserWithNoMappedGroup_SignsInWithoutRoles_AndShowsNoAccess()
    {
        factory.Provider.IdTokenFor = nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, ["staff-finance"]);

        var (client, callback) = await factory.SignInAsync("/");
        var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/no-access", page.Headers.Location!.AbsolutePath);
        var noAccess = await client.GetStringAsync("/account/no-access");
        Assert.Contains("<h1>No access</h1>", noAccess);
        Assert.Contains("You are signed in, but your account has no role", noAccess);
        Assert.DoesNotContain("this page needs", noAccess);
    }

    [Fact]
    public async Task Callback_IdTokenWithGroups_DoesNotAskTheUserInfoEndpoint()
    {
        await factory.SignInAsync("/");

        Assert.Equal(["Editor:HK"], Assert.Single(factory.Recorder.SignIns).Roles);
        Assert.Equal(0, factory.Provider.UserInfoCalls);
    }

    [Fact]
    public async Task Callback_IdTokenWithoutGroups_TakesThemFromTheUserInfoEndpoint()
    {
        factory.Provider.IdTokenFor = nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, groups: null);
        factory.Provider.UserInfo = () => FakeProvider.Json(new { sub = "user-1", groups = new[] { "opsconsole-hk-approvers", "staff-finance" } });

        var (client, callback) = await factory.SignInAsync("/sites/HK/config");

        Assert.Equal("/sites/HK/config", callback.Headers.Location!.OriginalString);
        Assert.Equal(1, factory.Provider.UserInfoCalls);
        Assert.Equal(["Approver:HK"], Assert.Single(factory.Recorder.SignIns).Roles);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sites/HK/config")).StatusCode);
    }

    public static TheoryData<string, Func<HttpResponseMessage>> BadUserInfo => new()
    {
        { "about another subject", () => FakeProvider.Json(new { sub = "user-2", groups = new[] { "opsconsole-admins" } }) },
        { "without a subject", () => FakeProvider.Json(new { groups = new[] { "opsconsole-admins" } }) },
        { "refused", () => new HttpResponseMessage(HttpStatusCode.Unauthorized) },
        { "not JSON", () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("eyJhbGciOi.signed.userinfo", System.Text.Encoding.UTF8, "application/jwt") } },
    };

    [Theory]
    [MemberData(nameof(BadUserInfo))]
    public async Task Callback_IdTokenWithoutGroups_AndAUserInfoAnswerItCannotTrust_RefusesSignIn(string why, Func<HttpResponseMessage> answer)
    {
        factory.Provider.IdTokenFor = nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, groups: null);
        factory.Provider.UserInfo = answer;

        var (_, callback) = await factory.SignInAsync("/admin");

        Assert.True(callback.Headers.Location?.OriginalString == "/account/sign-in-failed", why);
        Assert.False(OidcConsoleFactory.SetsAuthCookie(callback), $"{why}: an auth cookie was set");
        Assert.Empty(factory.Recorder.SignIns);
        var logs = string.Join('\n', factory.Logs.Lines);
        Assert.Contains("OpenID Connect sign-in failed", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("opaque-access-token", logs, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<string, string>> TamperedTokens => new()
    {
        { "nonce mismatch", _ => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, "another-browser's-nonce", ["opsconsole-admins"]) },
        { "no nonce", _ => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, null, ["opsconsole-admins"]) },
        { "wrong signature", nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, ["opsconsole-admins"], key: TestKeys.Stranger) },
        { "wrong issuer", nonce => TestKeys.IdToken("https://evil.example.test", FakeProvider.ClientId, nonce, ["opsconsole-admins"]) },
        { "wrong audience", nonce => TestKeys.IdToken(FakeProvider.Issuer, "another-client", nonce, ["opsconsole-admins"]) },
        { "expired", nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, ["opsconsole-admins"], expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "HMAC keyed with the client secret", nonce => TestKeys.IdToken(FakeProvider.Issuer, FakeProvider.ClientId, nonce, ["opsconsole-admins"], key: new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(FakeProvider.ClientSecret.PadRight(64, 'x')))) },
    };

    [Theory]
    [MemberData(nameof(TamperedTokens))]
    public async Task Callback_WithBadIdToken_RefusesSignIn_AndShowsSignInFailed(string why, Func<string, string> token)
    {
        factory.Provider.IdTokenFor = token;

        var (client, callback) = await factory.SignInAsync("/admin");

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, why);
        Assert.Equal("/account/sign-in-failed", callback.Headers.Location!.OriginalString);
        Assert.False(OidcConsoleFactory.SetsAuthCookie(callback), $"{why}: an auth cookie was set");
        Assert.Empty(factory.Recorder.SignIns);
        var admin = await client.GetAsync("/admin");
        Assert.Equal("/account/sign-in", admin.Headers.Location!.AbsolutePath);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("OpenID Connect sign-in failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback_WithStateFromAnotherBrowser_IsRefused()
    {
        var victim = factory.CreateBrowserLikeClient();
        var attacker = factory.CreateBrowserLikeClient();
        var challenge = await attacker.GetAsync("/account/sign-in/oidc?returnUrl=%2F");
        var state = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["state"];

        // Login CSRF: the attacker's own authorization response replayed in the victim's browser has no correlation cookie there.
        var callback = await victim.GetAsync($"/signin-oidc?code=the-code&state={Uri.EscapeDataString(state!)}");

        Assert.Equal("/account/sign-in-failed", callback.Headers.Location!.OriginalString);
        Assert.False(OidcConsoleFactory.SetsAuthCookie(callback));
    }

    [Fact]
    public async Task Callback_NamingAnotherIssuer_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();
        var challenge = await client.GetAsync("/account/sign-in/oidc?returnUrl=%2F");
        var authorize = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        factory.Provider.ExpectedCodeChallenge = authorize["code_challenge"];
        factory.Provider.ExpectedNonce = authorize["nonce"];

        var callback = await client.GetAsync($"/signin-oidc?code=the-code&state={Uri.EscapeDataString(authorize["state"]!)}&iss={Uri.EscapeDataString("https://evil.example.test")}");

        Assert.Equal("/account/sign-in-failed", callback.Headers.Location!.OriginalString);
        Assert.False(OidcConsoleFactory.SetsAuthCookie(callback));
    }

    [Fact]
    public async Task SignOut_EndsTheProviderSessionWithIdTokenHint_AndForgetsTheUser()
    {
        var (client, _) = await factory.SignInAsync();
        var page = await client.GetStringAsync("/sites/HK/config");

        var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"{FakeProvider.Issuer}/session/end", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(factory.Provider.LastIdToken, query["id_token_hint"]);
        Assert.Equal("http://localhost/account/signed-out", query["post_logout_redirect_uri"]);
        Assert.Equal("/account/sign-in", (await client.GetAsync("/")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefusedAndKeepsTheUserSignedIn()
    {
        var (client, _) = await factory.SignInAsync();

        var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sites/HK/config")).StatusCode);
    }

    [Fact]
    public async Task SignIn_NeverLogsTheClientSecretOrTokens()
    {
        var (client, _) = await factory.SignInAsync();
        var page = await client.GetStringAsync("/sites/HK/config");
        await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(page) }));

        var logs = string.Join('\n', factory.Logs.Lines);
        Assert.NotEmpty(factory.Logs.Lines);
        Assert.DoesNotContain(FakeProvider.ClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Provider.LastIdToken!, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Provider.LastIdToken!.Split('.')[2], logs, StringComparison.Ordinal);
        Assert.DoesNotContain("opaque-access-token", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentSignIn_IsNotMapped_WhenAnAuthorityIsConfigured_EvenInDevelopment()
    {
        using var development = new OidcConsoleFactory { EnvironmentName = "Development" };
        var client = development.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/account/sign-in");

        Assert.Contains("Sign in with company account", page);
        Assert.DoesNotContain("dev-sign-in", page);
        Assert.DoesNotContain(AuthorizationMatrixTests.Endpoints(development), e => e.Pattern == "/account/dev-sign-in");
    }

    public void Dispose() => factory.Dispose();
}
