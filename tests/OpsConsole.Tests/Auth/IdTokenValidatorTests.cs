using System.Security.Claims;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OpsConsole.Auth;
using IdTokenValidator = OpsConsole.Auth.IdTokenValidator;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>Every way an id_token can be wrong, with keys and tokens made here.</summary>
public sealed class IdTokenValidatorTests
{
    private const string Issuer = "https://id.example.test";
    private const string ClientId = "opsconsole";
    private const string Nonce = "nonce-sent-with-the-request";

    private readonly IdTokenValidator validator = new(TimeProvider.System);
    private readonly OpenIdConnectConfiguration provider = Provider();

    [Fact]
    public async Task Validate_GenuineToken_GivesItsClaims()
    {
        var result = await validator.ValidateAsync(Token(), provider, ClientId, Nonce);

        Assert.True(result.IsValid, result.Failure);
        Assert.Equal("user-1", result.Identity!.FindFirst("sub")!.Value);
        Assert.Equal(["opsconsole-hk-editors", "staff-hk"], result.Identity.FindAll("groups").Select(c => c.Value));
    }

    public static TheoryData<string, string> Forged => new()
    {
        { "wrong signature", Token(key: TestKeys.Stranger) },
        { "wrong issuer", Token(issuer: "https://evil.example.test") },
        { "wrong audience", Token(audience: "another-client") },
        { "expired", Token(expires: DateTime.UtcNow.AddMinutes(-3)) },
        { "nonce mismatch", Token(nonce: "a-nonce-from-another-browser") },
        { "no nonce", Token(nonce: null) },
        { "HMAC with a guessable key", Token(key: new SymmetricSecurityKey(new byte[64])) },
        { "unsigned", UnsignedToken() },
        { "several audiences, not issued to us", Token(extraAudience: true) },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task Validate_ForgedOrMisdirectedToken_IsRefused(string why, string token)
    {
        var result = await validator.ValidateAsync(token, provider, ClientId, Nonce);

        Assert.False(result.IsValid, why);
        Assert.Null(result.Identity);
        Assert.DoesNotContain(token, result.Failure!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExpiredWithinClockSkew_IsAccepted_ButNotPastIt()
    {
        Assert.True((await validator.ValidateAsync(Token(expires: DateTime.UtcNow.AddSeconds(-60)), provider, ClientId, Nonce)).IsValid);
        Assert.False((await validator.ValidateAsync(Token(expires: DateTime.UtcNow.AddSeconds(-150)), provider, ClientId, Nonce)).IsValid);
    }

    [Fact]
    public async Task Validate_SeveralAudiencesIssuedToUs_IsAccepted()
    {
        var token = TestKeys.IdToken(Issuer, ClientId, Nonce, [], extra: new Dictionary<string, object> { ["aud"] = new[] { ClientId, "another-client" }, ["azp"] = ClientId });

        var result = await validator.ValidateAsync(token, provider, ClientId, Nonce);

        Assert.True(result.IsValid, result.Failure);
    }

    [Fact]
    public async Task Validate_UsesTheGivenClock()
    {
        var token = Token(expires: DateTime.UtcNow.AddMinutes(5));
        var later = new IdTokenValidator(new FixedTime(DateTimeOffset.UtcNow.AddMinutes(10)));

        Assert.False((await later.ValidateAsync(token, provider, ClientId, Nonce)).IsValid);
    }

    [Fact]
    public async Task Validate_KeyTheProviderDoesNotPublish_SaysSoSoTheKeysAreFetchedAgain()
    {
        var result = await validator.ValidateAsync(Token(key: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "rotated-key" }), provider, ClientId, Nonce);

        Assert.False(result.IsValid);
        Assert.True(result.SigningKeyUnknown);
    }

    [Fact]
    public void GroupRoleMapping_MapsKnownGroupsOnly_AndKeepsSubjectAndName()
    {
        var settings = new OidcSettings { RoleMappings = new(StringComparer.OrdinalIgnoreCase) { ["opsconsole-hk-editors"] = "Editor:HK", ["opsconsole-viewers"] = "Viewer" } };
        var idToken = new ClaimsIdentity([new("sub", "user-1"), new("name", "Hana Ho"), new("groups", "OPSCONSOLE-HK-EDITORS"), new("groups", "staff-hk"), new("groups", "[\"opsconsole-viewers\"]", "JSON_ARRAY")]);

        var user = new ClaimsPrincipal(new GroupRoleMapping(settings).Map(idToken));

        Assert.Equal("user-1", user.UserId());
        Assert.Equal("Hana Ho", user.DisplayName());
        Assert.Equal(["Editor:HK", "Viewer"], user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(user.CanEdit("HK"));
        Assert.False(user.CanEdit("TW"));
        Assert.True(user.CanRead("TW"));
        Assert.DoesNotContain(user.Claims, c => c.Type == "groups");
    }

    private static string Token(
        string issuer = Issuer, string audience = ClientId, string? nonce = Nonce, SecurityKey? key = null, DateTime? expires = null, bool extraAudience = false) =>
        TestKeys.IdToken(issuer, audience, nonce, ["opsconsole-hk-editors", "staff-hk"], key, expires,
            extra: extraAudience ? new Dictionary<string, object> { ["aud"] = new[] { ClientId, "another-client" }, ["azp"] = "another-client" } : null);

    private static string UnsignedToken()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"iss\":\"{Issuer}\",\"aud\":\"{ClientId}\",\"sub\":\"user-1\",\"nonce\":\"{Nonce}\",\"exp\":{exp}}}")}.";
    }

    private static OpenIdConnectConfiguration Provider()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(new RsaSecurityKey(TestKeys.Provider.Rsa.ExportParameters(false)) { KeyId = TestKeys.Provider.KeyId });
        return configuration;
    }
}
