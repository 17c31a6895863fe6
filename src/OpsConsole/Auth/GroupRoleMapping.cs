using System.Security.Claims;
using System.Text.Json;

namespace OpsConsole.Auth;

/// <summary>
/// Turns the provider's id_token claims into the console's principal: the subject as the stable user
/// id, a display name, and one role claim per mapped group. Unmapped groups are dropped, so the cookie
/// carries only what <see cref="SiteAccess"/> asks about. A user whose groups map to nothing is still
/// signed in, with no role, and lands on "no access" (the fallback policy) instead of an error.
/// </summary>
public sealed class GroupRoleMapping(OidcSettings settings)
{
    public const string AuthenticationType = "oidc";

    public ClaimsIdentity Map(ClaimsIdentity idToken)
    {
        var subject = idToken.FindFirst("sub")?.Value ?? throw new InvalidOperationException("A validated id_token has no subject.");
        var name = idToken.FindFirst(settings.NameClaim)?.Value is { Length: > 0 } named ? named : subject;

        var identity = new ClaimsIdentity(AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject));
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in Roles(idToken).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return identity;
    }

    /// <summary>The claim that lists the user's groups, in the id_token or at the userinfo endpoint.</summary>
    public string GroupsClaim => settings.GroupsClaim;

    /// <summary>Whether the id_token lists the user's groups at all (an empty list counts as listing them).</summary>
    public bool HasGroups(ClaimsIdentity idToken) => idToken.HasClaim(c => c.Type == settings.GroupsClaim);

    public IEnumerable<string> Roles(ClaimsIdentity idToken) =>
        Groups(idToken).Select(group => settings.RoleMappings.TryGetValue(group, out var role) ? role : null).OfType<string>();

    private IEnumerable<string> Groups(ClaimsIdentity idToken)
    {
        foreach (var claim in idToken.FindAll(settings.GroupsClaim))
        {
            // An array claim arrives as one claim per element; some providers send the array as one JSON string instead.
            if (claim.ValueType == "JSON_ARRAY" || claim.Value.StartsWith('['))
            {
                string[]? values = null;
                try
                {
                    values = JsonSerializer.Deserialize<string[]>(claim.Value);
                }
                catch (JsonException)
                {
                    // Not an array after all: treat it as one group name below.
                }

                if (values is not null)
                {
                    foreach (var value in values)
                    {
                        yield return value;
                    }

                    continue;
                }
            }

            yield return claim.Value;
        }
    }
}
