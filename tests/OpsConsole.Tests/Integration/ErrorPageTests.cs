using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Tests.Auth;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// Outside Development a failure on a console page shows the error page with a request id, never the exception's
/// message or stack (which name hosts, paths and library internals); a provider that cannot be reached is no such
/// failure but an outage, said as one.
/// </summary>
public sealed class ErrorPageTests
{
    private const string Marker = "provider-unreachable-7d1e";

    [Fact]
    public async Task UnhandledFailure_InProduction_ShowsTheErrorPage_WithoutTheExceptionOrItsStack()
    {
        // A provider whose discovery document names no authorization endpoint: a misconfiguration the console cannot
        // work around, so the failure reaches the error page.
        using var console = new OidcConsoleFactory();
        using var app = console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(OidcDiscovery.BackchannelName).ConfigurePrimaryHttpMessageHandler(() => new Answers($$"""{ "issuer": "https://{{Marker}}.example" }"""))));

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

    [Fact]
    public async Task SignIn_WhileTheProviderIsUnreachable_SaysSoOnTheSignInFailedPage()
    {
        // It was the error page: "Something went wrong", for an outage neither the user nor the page could do anything about.
        using var console = new OidcConsoleFactory();
        using var app = console.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(OidcDiscovery.BackchannelName).ConfigurePrimaryHttpMessageHandler(() => new Unreachable())));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in/oidc?returnUrl=/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{AuthSetup.SignInFailedPath}?reason={SignInFailure.Unreachable}", response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("The company sign-in cannot be reached right now", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, page, StringComparison.Ordinal);
    }

    private sealed class Answers(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
    }

    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(Marker);
    }
}
