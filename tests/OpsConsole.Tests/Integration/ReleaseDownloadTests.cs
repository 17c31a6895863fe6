using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Domain.Configuration;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>Staff download a release's configuration as the file the verbs and a draft's import read.</summary>
public sealed class ReleaseDownloadTests : IClassFixture<OpsConsoleFactory>
{
    private readonly OpsConsoleFactory factory;

    public ReleaseDownloadTests(OpsConsoleFactory factory) => this.factory = factory;

    [Fact]
    public async Task Download_OfARelease_IsItsConfigurationAsAFile()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/sites/TW/releases/1/configuration.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("TW-v1.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var file = await response.Content.ReadAsStringAsync();
        var parsed = ConfigurationJson.Parse(file);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Select(e => e.Path + " " + e.Message)));
        await using var db = factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContext();
        var v1 = await db.Releases.SingleAsync(r => r.Site == "TW" && r.Version == 1);
        Assert.Equal(v1.Hash, ConfigurationJson.Sha256(parsed.Value!));
        Assert.Contains("\n", file, StringComparison.Ordinal); // indented, for a person to read
    }

    [Fact]
    public async Task Download_IsNeverKeptByACache()
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync("/sites/TW/releases/1/configuration.json");

        // Who may read a site is decided per user: a proxy (or a shared machine's disk cache) that kept the file
        // would hand it on without asking.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.True(response.Headers.CacheControl?.Private, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/sites/TW/releases/99/configuration.json", "TW has no release v99.")]
    [InlineData("/sites/JP/releases/1/configuration.json", "There is no site JP.")]
    public async Task Download_OfNothing_IsNotFound_AndSaysWhy(string path, string detail)
    {
        var client = await factory.SignedInClientAsync("viewer");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_WhenAnonymous_IsSentToSignIn()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/sites/TW/releases/1/configuration.json");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location!.AbsolutePath);
    }
}
