using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;

namespace OpsConsole.Tests.Api;

public sealed class ApiReadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Config_WithKeyForTheSite_ReturnsTheReleaseDocument()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.GetAsync("/api/v1/sites/HK/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl!.NoCache);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var root = document.RootElement;
        Assert.Equal(["site", "version", "hash", "publishedAt", "config"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("HK", root.GetProperty("site").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(ConfigurationJson.Sha256(DemoConfigurations.For("HK")), root.GetProperty("hash").GetString());
        Assert.EndsWith("Z", root.GetProperty("publishedAt").GetString());
        // The config object is the canonical sections, byte for byte.
        Assert.Equal(ConfigurationJson.SerializeSections(DemoConfigurations.For("HK")), root.GetProperty("config").GetRawText());
    }

    [Fact]
    public async Task Config_SiteCodeInLowerCase_IsTheSameSite()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("TW"));

        var response = await client.GetAsync("/api/v1/sites/tw/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"site\":\"TW\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_IfNoneMatchWithItsETag_Returns304WithoutBody() =>
        await ApiAssert.RevalidatesAsync(factory.ApiClient(await factory.CreateKeyAsync("HK")), "/api/v1/sites/HK/config");

    [Fact]
    public async Task Config_IfNoneMatchWithAnotherETag_Returns200()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites/HK/config");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef\""));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Config_CompressedWhenAccepted_DecompressesToTheSameBytesUnderItsOwnETag(string encoding)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        var plain = await client.GetAsync("/api/v1/sites/HK/config");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites/HK/config");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var compressed = await client.SendAsync(request);

        await ApiAssert.CompressedAsync(compressed, encoding, await plain.Content.ReadAsByteArrayAsync());
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
    }

    [Fact]
    public async Task Config_RefusedEncoding_IsNotUsed()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sites/HK/config");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=0, gzip");

        var response = await client.SendAsync(request);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Config_SiteWithoutRelease_Returns404Problem()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("SG"));

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sites/SG/config"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Config_UnknownSite_Returns404Problem()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/sites/XX/config"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReleaseByVersion_IsImmutableAndHonoursIfNoneMatch()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("TW"));

        var response = await client.GetAsync("/api/v1/sites/TW/releases/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.True(response.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(365));
        Assert.Contains("\"version\":1,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var revalidated = await ApiAssert.RevalidatesAsync(client, "/api/v1/sites/TW/releases/1");
        Assert.Contains("immutable", revalidated.Headers.CacheControl!.Extensions.Select(e => e.Name));
    }

    [Theory]
    [InlineData("/api/v1/sites/TW/releases/99")]
    [InlineData("/api/v1/sites/TW/releases/0")]
    [InlineData("/api/v1/sites/TW/releases/abc")]
    public async Task ReleaseByVersion_Unknown_Returns404Problem(string path)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("TW"));

        await ApiAssert.ProblemAsync(await client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Releases_ListsNewestFirstWithTheContractFields()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.GetAsync("/api/v1/sites/HK/releases?limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var releases = document.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(releases);
        Assert.Equal(["version", "hash", "publishedAt", "publishedBy", "title"], releases[0].EnumerateObject().Select(p => p.Name));
        var versions = releases.Select(r => r.GetProperty("version").GetInt32()).ToList();
        Assert.Equal(versions.OrderDescending(), versions);
        Assert.Equal("API tests", releases[^1].GetProperty("publishedBy").GetString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    [InlineData("-1")]
    public async Task Releases_BadLimit_Returns400NamingLimit(string limit)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        await ApiAssert.InvalidFieldsAsync(await client.GetAsync($"/api/v1/sites/HK/releases?limit={limit}"), "limit");
    }

    [Theory]
    [InlineData("GET", "/api/v1/sites/HK/releases?limit=1&limit=2", "limit")]
    [InlineData("POST", "/api/v1/sites/HK/quote?version=1&Version=1", "version")]
    public async Task QueryParameterGivenTwice_Returns400SayingSo(string method, string path, string name)
    {
        // As the watch says it of after and timeout: these said "found '1,2'", the two values joined as if one had a comma.
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? new StringContent("{}") : null });

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["Given more than once; give it once."], problem.GetProperty("errors").GetProperty(name).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task UnknownCallUnderApi_Returns404ProblemNotTheConsolePage()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        await ApiAssert.ProblemAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        await ApiAssert.ProblemAsync(await client.PostAsync("/api/v1/sites/HK/config", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("GET", "/api/v1/sites/HK/quote", HttpStatusCode.MethodNotAllowed, "POST")] // was a 404 "no such call"
    [InlineData("DELETE", "/api/v1/sites/HK/releases/1", HttpStatusCode.MethodNotAllowed, "GET, HEAD")]
    [InlineData("POST", "/api/v1/sites/HK/config/watch?after=1", HttpStatusCode.MethodNotAllowed, "GET")]
    [InlineData("OPTIONS", "/api/v1/sites/HK/quote", HttpStatusCode.MethodNotAllowed, "POST")] // was a 404 "no such call"
    [InlineData("OPTIONS", "/api/v1/sites/HK/config", HttpStatusCode.MethodNotAllowed, "GET, HEAD")]
    [InlineData("TRACE", "/api/v1/schema/site-config", HttpStatusCode.MethodNotAllowed, "GET, HEAD")]
    [InlineData("PROPFIND", "/api/v1/sites/HK/releases", HttpStatusCode.MethodNotAllowed, "GET, HEAD")]
    [InlineData("PUT", "/api/v1/nope", HttpStatusCode.NotFound, null)] // was a 405 naming the console's GET, HEAD
    [InlineData("DELETE", "/api/v1/sites/HK/nothing", HttpStatusCode.NotFound, null)]
    public async Task Method_OfAKnownCallOrAnUnknownPath_IsAnsweredForTheApi(string method, string path, HttpStatusCode status, string? allow)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ApiAssert.ProblemAsync(response, status);
        Assert.Equal(allow, response.Content.Headers.Allow.Count > 0 ? string.Join(", ", response.Content.Headers.Allow) : null);
    }

    [Theory]
    [InlineData("/api/v1/sites/HK/config")]
    [InlineData("/api/v1/sites/HK/releases/1")]
    [InlineData("/api/v1/sites/HK/releases")]
    [InlineData("/api/v1/schema/site-config")]
    public async Task Head_OfARead_AnswersItsHeadersWithoutTheBody(string path)
    {
        // HEAD was a 404 "No such call" while a POST to the same address was told "Allow: GET, HEAD".
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        var get = await client.GetAsync(path);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_WithItsETag_Returns304() =>
        await ApiAssert.RevalidatesAsync(factory.ApiClient(await factory.CreateKeyAsync("HK")), "/api/v1/sites/HK/config", HttpMethod.Head);
}
