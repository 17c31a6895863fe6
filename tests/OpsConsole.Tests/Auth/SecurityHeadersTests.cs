using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Auth;

public sealed class SecurityHeadersTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public SecurityHeadersTests(OpsConsoleFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/healthz")]
    [InlineData("/")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task ContentSecurityPolicy_AllowsExactlyThePagesImportMap()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/account/sign-in");
        var html = await response.Content.ReadAsStringAsync();

        var importMap = Regex.Match(html, "<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(importMap.Success, "The page has no import map any more: drop its hash from SecurityHeaders.");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task AntiforgeryCookie_IsHttpOnlyStrict_AndSecureOverHttps(string origin, bool secure)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(origin) });

        var page = await client.GetAsync("/account/sign-in");

        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).ToLowerInvariant();
        var flags = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToArray();
        Assert.Contains("httponly", flags);
        Assert.Contains("samesite=strict", flags);
        // Over plain http (Development's one-command start) a Secure cookie would be dropped and every form refused.
        Assert.Equal(secure, flags.Contains("secure"));
    }

    [Fact]
    public async Task AuthCookie_IsHttpOnlyLax_AndSecureOverHttps()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetAsync("/account/sign-in");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/dev-sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = OpsConsoleFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync()),
                ["userId"] = "viewer",
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".OpsConsole.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("secure", cookie);
    }
}
