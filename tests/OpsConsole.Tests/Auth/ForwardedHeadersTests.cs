using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

/// <summary>
/// Behind a proxy that ends TLS, the console must send the provider its public https address, and only when the operator
/// says a proxy is there (ASP.NET Core's <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>; see the README).
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task SignIn_BehindAProxy_WhenEnabled_UsesTheForwardedScheme()
    {
        using var factory = new OidcConsoleFactory();
        factory.Settings["FORWARDEDHEADERS_ENABLED"] = "true";

        var query = await AuthorizationRequestAsync(factory);

        Assert.Equal("https://ops.example.com/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task SignIn_WithForwardedHeaders_WhenNotEnabled_IgnoresThem()
    {
        using var factory = new OidcConsoleFactory();

        var query = await AuthorizationRequestAsync(factory);

        // Without a proxy declared, a client cannot talk the console into another scheme.
        Assert.Equal("http://ops.example.com/signin-oidc", query["redirect_uri"]);
    }

    private static async Task<Dictionary<string, Microsoft.Extensions.Primitives.StringValues>> AuthorizationRequestAsync(OpsConsoleFactory factory)
    {
        var client = factory.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in/oidc?returnUrl=%2F");
        // As a proxy that ends TLS sends it on: the public host name as it came, the scheme and client in headers.
        request.Headers.Host = "ops.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query);
    }
}
