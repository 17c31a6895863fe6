using System.Net;
using OpsConsole.Infrastructure;

namespace OpsConsole.Auth;

/// <summary>
/// The <c>Authentication:Oidc</c> section: which provider, which client, and how its groups become
/// the console's roles. Read once at start-up and checked there, so a typo stops the console with a
/// message instead of locking every user out at their first sign-in.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>Sent to the token endpoint in the form body (client_secret_post); never logged.</summary>
    public string ClientSecret { get; set; } = "";

    public string Scope { get; set; } = "openid profile";

    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>The id_token claim holding the user's groups (a string or an array of strings).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The id_token claim shown as the user's name; <c>sub</c> is used when it is missing.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>Provider group → console role (<c>Viewer</c>, <c>Admin</c>, <c>Editor:HK</c>, <c>Approver:TW</c>...).</summary>
    public Dictionary<string, string> RoleMappings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    public Uri AuthorityUri => new(Authority.TrimEnd('/') + "/");

    public string DiscoveryAddress => AuthorityUri + ".well-known/openid-configuration";

    /// <summary>
    /// Plain HTTP to the provider is allowed only on this machine (the test provider of the browser
    /// journey): anywhere else discovery, keys and tokens would cross the network unprotected.
    /// </summary>
    public bool AllowsHttp => AuthorityUri.IsLoopback || (IPAddress.TryParse(AuthorityUri.Host, out var ip) && IPAddress.IsLoopback(ip));

    public static OidcSettings From(IConfiguration configuration)
    {
        var settings = new OidcSettings();
        configuration.GetSection(Section).Bind(settings);
        // The binder keeps the default comparer of a dictionary it creates; group names are matched ignoring case
        // because configuration keys are case-insensitive anyway (an environment variable may spell them differently).
        settings.RoleMappings = new Dictionary<string, string>(settings.RoleMappings, StringComparer.OrdinalIgnoreCase);
        return settings;
    }

    /// <summary>Refuses start with one line naming the setting; called whatever the environment.</summary>
    public void Validate(bool required)
    {
        foreach (var (group, role) in RoleMappings)
        {
            if (!OpsRoles.All.Contains(role, StringComparer.Ordinal))
            {
                throw new StartupException(
                    $"{Section}:RoleMappings:{group} maps to '{role}', which is not a role of OpsConsole. Use one of: {string.Join(", ", OpsRoles.All)}.");
            }
        }

        if (!IsConfigured)
        {
            if (required)
            {
                throw new StartupException(
                    $"{AuthSetup.OidcAuthorityKey} is not set. Outside Development staff sign in with OpenID Connect: set {AuthSetup.OidcAuthorityKey}, :ClientId and :ClientSecret.");
            }

            return;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            throw new StartupException($"{AuthSetup.OidcAuthorityKey} must be an absolute https address; it is '{Authority}'.");
        }

        if (authority.Scheme == Uri.UriSchemeHttp && !AllowsHttp)
        {
            throw new StartupException($"{AuthSetup.OidcAuthorityKey} must use https; plain http is accepted only for a provider on this machine (loopback).");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            throw new StartupException($"{Section}:ClientId is not set. The console needs the client id registered with the OpenID Connect provider.");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            throw new StartupException($"{Section}:ClientSecret is not set. The console needs the client secret registered with the OpenID Connect provider.");
        }

        if (!CallbackPath.StartsWith('/'))
        {
            throw new StartupException($"{Section}:CallbackPath must start with '/'; it is '{CallbackPath}'.");
        }

        if (string.IsNullOrWhiteSpace(GroupsClaim))
        {
            throw new StartupException($"{Section}:GroupsClaim is empty: name the id_token claim that lists the user's groups (usually 'groups').");
        }

        if (RoleMappings.Count == 0)
        {
            throw new StartupException($"{Section}:RoleMappings is empty: nobody could do anything. Map the provider's groups to Viewer, Admin, Editor:<site> or Approver:<site>.");
        }
    }
}
