using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace OpsConsole.Auth;

/// <summary>The outcome of checking an id_token: its claims, or why it was refused.</summary>
public sealed record IdTokenValidation(ClaimsIdentity? Identity, string? Failure, bool SigningKeyUnknown = false)
{
    public bool IsValid => Identity is not null;

    public static IdTokenValidation Refused(string failure, bool signingKeyUnknown = false) => new(null, failure, signingKeyUnknown);
}

/// <summary>
/// Checks an id_token the way OpenID Connect Core 3.1.3.7 asks: signed by one of the provider's keys
/// with an asymmetric algorithm, issued by the provider, for this client, not expired, and carrying the
/// nonce this browser was given. Anything else is refused; the failure text never includes the token.
/// </summary>
public sealed class IdTokenValidator(TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    // "none" and HMAC algorithms are refused: an HMAC id_token would be keyed with the client secret, which we never use as a key.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<IdTokenValidation> ValidateAsync(string idToken, OpenIdConnectConfiguration provider, string clientId, string expectedNonce)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidateIssuer = true,
            ValidAudience = clientId,
            ValidateAudience = true,
            IssuerSigningKeys = provider.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = Algorithms,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidLifetime,
            NameClaimType = "name",
        };

        var result = await handler.ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid)
        {
            return IdTokenValidation.Refused(
                $"the id_token was refused: {result.Exception?.GetType().Name}",
                signingKeyUnknown: result.Exception is SecurityTokenSignatureKeyNotFoundException);
        }

        var token = (JsonWebToken)result.SecurityToken;

        // A token for several audiences must name us as the party it was issued to (OIDC Core 3.1.3.7, items 4 and 5).
        var audiences = token.Audiences.ToList();
        if (audiences.Count > 1 && !string.Equals(token.TryGetPayloadValue<string>("azp", out var azp) ? azp : null, clientId, StringComparison.Ordinal))
        {
            return IdTokenValidation.Refused("the id_token has several audiences and its azp is not this client");
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !FixedTimeEquals(nonce, expectedNonce))
        {
            return IdTokenValidation.Refused("the id_token's nonce does not match the one sent with the sign-in request");
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            return IdTokenValidation.Refused("the id_token has no subject");
        }

        return new IdTokenValidation(result.ClaimsIdentity, null);
    }

    // The handler's own lifetime check reads the system clock; going through TimeProvider keeps tests honest about time.
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null || expires.Value.ToUniversalTime() < now - ClockSkew)
        {
            return false;
        }

        return notBefore is null || notBefore.Value.ToUniversalTime() <= now + ClockSkew;
    }

    private static bool FixedTimeEquals(string? actual, string expected) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
