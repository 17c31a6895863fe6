using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace OpsConsole.Auth;

/// <summary>
/// Headers every response carries: a content security policy that Blazor Server and Radzen work under,
/// no framing, no MIME sniffing, and a referrer policy that keeps paths (which name sites and change
/// requests) on this origin.
/// </summary>
public static class SecurityHeaders
{
    // Import-map hashes by definition: the definition is endpoint metadata built once, so this stays tiny.
    private static readonly ConcurrentDictionary<ImportMapDefinition, string> ImportMapHashes = new();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, OidcSettings oidc)
    {
        // Forms post only here, but sign-out answers a form post with a redirect to the provider's
        // end-session endpoint, and browsers apply form-action to that redirect too.
        var formAction = oidc.IsConfigured ? $"'self' {oidc.AuthorityUri.GetLeftPart(UriPartial.Authority)}" : "'self'";

        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(context, formAction);
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    public static string ContentSecurityPolicy(HttpContext context, string formAction) =>
        string.Join("; ",
            "default-src 'self'",
            // <ImportMap /> writes an inline <script type="importmap"> (its ToString() is that JSON): allowed by its hash, not by 'unsafe-inline'.
            $"script-src 'self'{ImportMapSource(context)}",
            // Radzen sets inline style attributes on its components.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            // Blazor Server's circuit is a WebSocket to this origin: CSP 3 lets 'self' match ws(s) on the same host,
            // so no bare ws:/wss: that would allow a socket to anywhere.
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action {formAction}",
            "frame-ancestors 'none'");

    private static string ImportMapSource(HttpContext context)
    {
        var definition = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        return definition is null
            ? ""
            : " " + ImportMapHashes.GetOrAdd(definition, d => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(d.ToString())))}'");
    }
}
