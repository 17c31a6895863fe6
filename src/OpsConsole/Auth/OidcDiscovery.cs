using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace OpsConsole.Auth;

/// <summary>
/// The provider's discovery document and signing keys, fetched on first use and cached by
/// <see cref="ConfigurationManager{T}"/> (refreshed daily, or sooner when a token names a key we do not
/// have). Fetched lazily so the console starts, and serves its health endpoints, while the provider is down.
/// </summary>
public sealed class OidcDiscovery
{
    /// <summary>The named HttpClient for discovery, keys and the token endpoint; tests swap its handler.</summary>
    public const string BackchannelName = "oidc-backchannel";

    private readonly ConfigurationManager<OpenIdConnectConfiguration> manager;

    /// <summary>Where the discovery document is read from, for operators' log lines.</summary>
    public string Authority { get; }

    public OidcDiscovery(OidcSettings settings, IHttpClientFactory httpClients)
    {
        Authority = settings.DiscoveryAddress;
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(BackchannelName)) { RequireHttps = !settings.AllowsHttp };
        manager = new ConfigurationManager<OpenIdConnectConfiguration>(settings.DiscoveryAddress, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) => manager.GetConfigurationAsync(cancellationToken);

    /// <summary>The provider may have rotated its keys: fetch again on the next <see cref="GetAsync"/>.</summary>
    public void RequestRefresh() => manager.RequestRefresh();
}
