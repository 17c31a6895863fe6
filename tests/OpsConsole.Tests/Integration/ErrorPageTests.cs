using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Tests.Auth;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// A guard, not a fix: outside Development a failure on a console page shows the error page with a request id, never
/// the exception's message or stack (which name hosts, paths and library internals).
/// </summary>
public sealed class ErrorPageTests
{
    private const string Marker = "provider-unreachable-7d1e";

    [Fact]
    public async Task UnhandledFailure_InProduction_ShowsTheErrorPage_WithoutTheExceptionOrItsStack()
    {
        using var console = new OidcConsoleFactory();
        using var app = console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(OidcDiscovery.BackchannelName).ConfigurePrimaryHttpMessageHandler(() => new Unreachable())));

        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/account/sign-in/oidc?returnUrl=/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at OpsConsole.", html, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(Marker);
    }
}
