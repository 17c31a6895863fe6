using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace OpsConsole.Auth;

/// <summary>
/// OpenID Connect sign-in on the shared framework's OAuth handler (the OpenID Connect handler package is
/// not on the feed; see docs/decisions/0003-oidc-on-the-oauth-handler.md). The OAuth handler already does
/// the code flow, the protected <c>state</c> with its correlation cookie, and the return to the callback.
/// This adds what OpenID Connect needs on top: endpoints from discovery, PKCE (S256), a <c>nonce</c> sealed
/// into <c>state</c> before it is protected, and an id_token checked by <see cref="IdTokenValidator"/>
/// before any claim from it is believed.
/// </summary>
public sealed class OidcSignInHandler(
    IOptionsMonitor<OAuthOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    OidcDiscovery discovery,
    IdTokenValidator validator,
    GroupRoleMapping mapping)
    : OAuthHandler<OAuthOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "oidc";
    public const string IdTokenName = "id_token";

    /// <summary>Lives in the protected <c>state</c> only; removed before the properties go into the auth cookie.</summary>
    internal const string NonceKey = ".oidc.nonce";

    private OpenIdConnectConfiguration? provider;

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        try
        {
            provider = await discovery.GetAsync(Context.RequestAborted);
        }
        catch (Exception failure) when (!Context.RequestAborted.IsCancellationRequested)
        {
            // The provider is down or unreachable: staff got "Something went wrong" for what is neither their mistake nor
            // ours to fix on the page. They are told the company sign-in cannot be reached; operators get the reason.
            Logger.LogError(failure, "The OpenID Connect provider's discovery document could not be read from {Address}", discovery.Authority);
            Response.Redirect(AuthSetup.SignInFailedPath + "?reason=" + SignInFailure.Unreachable);
            return;
        }

        await base.HandleChallengeAsync(properties);
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var authorizationEndpoint = provider?.AuthorizationEndpoint is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException("The provider's discovery document has no authorization_endpoint.");

        // Both values go into the properties before they are protected into `state`: the callback reads them back from there.
        var codeVerifier = RandomValue();
        var nonce = RandomValue();
        properties.Items[OAuthConstants.CodeVerifierKey] = codeVerifier;
        properties.Items[NonceKey] = nonce;

        return QueryHelpers.AddQueryString(authorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = Options.ClientId,
            ["response_type"] = "code",
            ["scope"] = FormatScope(),
            ["redirect_uri"] = redirectUri,
            [OAuthConstants.CodeChallengeKey] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier))),
            [OAuthConstants.CodeChallengeMethodKey] = OAuthConstants.CodeChallengeMethodS256,
            ["nonce"] = nonce,
            ["state"] = Options.StateDataFormat.Protect(properties),
        });
    }

    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        provider = await discovery.GetAsync(Context.RequestAborted);

        // RFC 9207: a provider that names itself in the response must be the one we sent the user to (mix-up defence).
        if (Request.Query.TryGetValue("iss", out var issuer) && !string.Equals(issuer, provider.Issuer, StringComparison.Ordinal))
        {
            return HandleRequestResult.Fail("The authorization response came from an unexpected issuer.");
        }

        return await base.HandleRemoteAuthenticateAsync();
    }

    /// <summary>
    /// The base class posts to <see cref="OAuthOptions.TokenEndpoint"/>; ours comes from discovery. The client
    /// secret goes in the form body (client_secret_post), and neither it nor the response is ever logged.
    /// </summary>
    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        provider ??= await discovery.GetAsync(Context.RequestAborted);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
        };
        if (context.Properties.Items.TryGetValue(OAuthConstants.CodeVerifierKey, out var codeVerifier) && codeVerifier is not null)
        {
            form[OAuthConstants.CodeVerifierKey] = codeVerifier;
            context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, provider.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return OAuthTokenResponse.Failed(new AuthenticationFailureException(
                $"The token endpoint answered {(int)response.StatusCode} ({ErrorCode(body)})."));
        }

        return OAuthTokenResponse.Success(JsonDocument.Parse(body));
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var idToken = tokens.Response?.RootElement.TryGetProperty(IdTokenName, out var value) == true && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AuthenticationFailureException("The token response has no id_token: is 'openid' in the scope?");

        var nonce = properties.Items.TryGetValue(NonceKey, out var stored) && stored is { Length: > 0 }
            ? stored
            : throw new AuthenticationFailureException("The sign-in state carries no nonce.");
        properties.Items.Remove(NonceKey);

        provider ??= await discovery.GetAsync(Context.RequestAborted);
        var validation = await validator.ValidateAsync(idToken, provider, Options.ClientId, nonce);
        if (validation.SigningKeyUnknown)
        {
            // The provider may have rotated its keys since we cached them: fetch once more, then decide.
            discovery.RequestRefresh();
            provider = await discovery.GetAsync(Context.RequestAborted);
            validation = await validator.ValidateAsync(idToken, provider, Options.ClientId, nonce);
        }

        if (!validation.IsValid)
        {
            throw new AuthenticationFailureException(validation.Failure);
        }

        var claims = validation.Identity!;
        if (!mapping.HasGroups(claims) && provider.UserInfoEndpoint is { Length: > 0 } userInfoEndpoint)
        {
            claims = await WithUserInfoGroupsAsync(claims, userInfoEndpoint, tokens.AccessToken);
        }

        // Only the id_token is kept, in the protected cookie, for id_token_hint at sign-out; the access token is not needed.
        properties.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
        return await base.CreateTicketAsync(mapping.Map(claims), properties, tokens);
    }

    /// <summary>
    /// Providers that keep the id_token small leave the groups out of it and answer them at the userinfo endpoint
    /// (OpenID Connect Core 5.3). The answer counts only when it is about the id_token's subject (5.3.2); any other
    /// answer refuses the sign-in rather than signing the user in with roles the console cannot vouch for.
    /// </summary>
    private async Task<ClaimsIdentity> WithUserInfoGroupsAsync(ClaimsIdentity idToken, string endpoint, string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new AuthenticationFailureException("The id_token lists no groups, and the token response has no access token to ask the userinfo endpoint with.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            throw new AuthenticationFailureException($"The id_token lists no groups, and the userinfo endpoint answered {(int)response.StatusCode}.");
        }

        JsonDocument answer;
        try
        {
            answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));
        }
        catch (JsonException)
        {
            throw new AuthenticationFailureException("The userinfo endpoint did not answer JSON (signed userinfo responses are not supported).");
        }

        using (answer)
        {
            var root = answer.RootElement;
            var subject = idToken.FindFirst("sub")?.Value;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
                || !string.Equals(sub.GetString(), subject, StringComparison.Ordinal))
            {
                throw new AuthenticationFailureException("The userinfo endpoint answered about another subject than the id_token's.");
            }

            var withGroups = idToken.Clone();
            if (root.TryGetProperty(mapping.GroupsClaim, out var groups))
            {
                var values = groups.ValueKind switch
                {
                    JsonValueKind.Array => groups.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!),
                    JsonValueKind.String => [groups.GetString()!],
                    _ => [],
                };
                withGroups.AddClaims(values.Select(group => new Claim(mapping.GroupsClaim, group)));
            }

            return withGroups;
        }
    }

    private static string RandomValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.ToString() : "no error code";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }
}

/// <summary>Why a sign-in ended on the failure page, when the page can say more than "it did not complete".</summary>
public static class SignInFailure
{
    public const string Unreachable = "unreachable";
}
