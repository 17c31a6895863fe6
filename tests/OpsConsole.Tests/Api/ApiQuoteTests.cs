using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Api;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Api;

public sealed class ApiQuoteTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "TestData", "examples");

    /// <summary>The contract's example cart, and carts built from it for every demo site (other destinations, buyers, weights).</summary>
    public static TheoryData<string, string> Carts()
    {
        var data = new TheoryData<string, string> { { "HK", File.ReadAllText(Path.Combine(Examples, "cart.HK.json")) } };
        var areas = new Dictionary<string, string?> { ["HK"] = "NT", ["TW"] = "Taipei", ["SG"] = null, ["MY"] = "Sabah" };
        foreach (var site in new[] { "HK", "TW" })
        {
            foreach (var (isNew, home, quantity) in new[] { (false, false, 1), (true, true, 3), (true, false, 12) })
            {
                var area = areas[site] is { } a ? $"\"{a}\"" : "null";
                data.Add(site, $$"""
                    { "at": "2026-11-20T03:00:00Z", "buyer": { "id": "b-{{quantity}}", "isNew": {{(isNew ? "true" : "false")}} },
                      "destination": { "area": {{area}}, "postalCode": "9{{quantity}}0", "homeDelivery": {{(home ? "true" : "false")}} },
                      "items": [
                        { "sku": "A", "storeId": "S1", "title": "Green tea", "category": "food/tea", "attributes": ["Food"], "unitPrice": 120, "quantity": {{quantity}}, "unitWeightGrams": 400 },
                        { "sku": "B", "storeId": "S2", "title": "Power bank", "category": "electronics/accessories", "attributes": ["Battery"], "unitPrice": 300, "quantity": 1, "unitWeightGrams": 350 },
                        { "sku": "C", "storeId": "S3", "category": "health/medicine/cold", "attributes": ["Medicine"], "unitPrice": 45.5, "quantity": {{quantity}}, "unitWeightGrams": 100 } ] }
                    """);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Carts))]
    public async Task Quote_GivesExactlyWhatTheEngineGivesForTheSameReleaseAndCart(string site, string cart)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync(site));
        var version = factory.Services.GetRequiredService<ReleaseCache>().Current(site)!.Version;

        var response = await client.PostAsync($"/api/v1/sites/{site}/quote?version={version}", new StringContent(cart, Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        // The engine on the release as stored, parsed afresh: nothing shared with the API's cache.
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        var stored = await db.Releases.SingleAsync(r => r.Site == site && r.Version == version);
        var config = ConfigurationJson.Parse(stored.ConfigJson).Value!;
        var expected = QuoteJson.Serialize(QuoteEngine.Quote(config, QuoteJson.ParseRequest(cart).Value!, DateTimeOffset.UnixEpoch, version));
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task Quote_OfTheContractExample_MatchesTheExampleQuoteApartFromTheVersion()
    {
        // The example's config is HK's contract example, not the demo: publish it as a release first.
        var config = ConfigurationJson.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "config.HK.json"))).Value!;
        var release = await factory.PublishAsync(config, "Contract example");
        await factory.WaitUntilServedAsync("HK", release.Version);
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.PostAsync($"/api/v1/sites/HK/quote?version={release.Version}",
            new StringContent(await File.ReadAllTextAsync(Path.Combine(Examples, "cart.HK.json")), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "quote.HK.json")))!;
        expected["version"] = release.Version;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Quote_WithAnOlderVersion_UsesThatRelease()
    {
        var release = await factory.PublishAsync(DemoConfigurations.For("TW"), "Makes v1 an older release");
        await factory.WaitUntilServedAsync("TW", release.Version);
        var client = factory.ApiClient(await factory.CreateKeyAsync("TW"));
        var cart = Carts().Select(row => (string)row[1]).Last();

        var response = await client.PostAsync("/api/v1/sites/TW/quote?version=1", new StringContent(cart, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"version\":1,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_BadCart_Returns400WithTheFieldPaths()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        const string cart = """
            { "buyer": { "id": "b1" }, "destination": { "homeDelivery": "yes" },
              "items": [ { "sku": "A", "storeId": "S1", "category": "food", "unitPrice": 10, "quantity": "two", "unitWeightGrams": 100, "colour": "red" } ] }
            """;

        var response = await client.PostAsync("/api/v1/sites/HK/quote", new StringContent(cart, Encoding.UTF8, "application/json"));

        // buyer.isNew and items[0].attributes were read as false and [] when left out; the contract gives them no default.
        await ApiAssert.InvalidFieldsAsync(response, "buyer.isNew", "destination.homeDelivery", "items[0].attributes", "items[0].colour", "items[0].quantity");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.opsconsole.cart+json")]
    [InlineData("application/x-www-form-urlencoded")] // what curl -d sends unless told otherwise
    [InlineData("text/plain")] // what new StringContent(json) sends
    [InlineData(null)]
    public async Task Quote_IsReadAsJsonWhateverTheDeclaredType(string? mediaType)
    {
        // The body is parsed strictly as JSON (a form body is a 400 at "$"), so its declared type adds nothing to check;
        // refusing it would break consumers over a header (ADR 0006).
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Examples, "cart.HK.json")));
        content.Headers.ContentType = mediaType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);

        var response = await client.PostAsync("/api/v1/sites/HK/quote", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ not json")]
    [InlineData("[]")]
    public async Task Quote_NotAJsonObject_Returns400(string body)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.PostAsync("/api/v1/sites/HK/quote", new StringContent(body, Encoding.UTF8, "application/json"));

        await ApiAssert.InvalidFieldsAsync(response, "$");
    }

    [Fact]
    public async Task Quote_WithBytesThatAreNotUtf8_Returns400AtTheField()
    {
        // The parser let these through to reading the string, which threw: the consumer got a 500 for its own mistake.
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));
        byte[] body = [.. "{\"locale\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };

        var response = await client.PostAsync("/api/v1/sites/HK/quote", content);

        await ApiAssert.InvalidFieldsAsync(response, "locale");
    }

    [Fact]
    public async Task Quote_TooLarge_Returns413Problem()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK"));

        var response = await client.PostAsync("/api/v1/sites/HK/quote", new StringContent(new string(' ', ConsumerApiEndpoints.MaxQuoteRequestBytes + 1), Encoding.UTF8, "application/json"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/v1/sites/HK/quote?version=99", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/sites/SG/quote", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/sites/HK/quote?version=v2", HttpStatusCode.BadRequest)]
    public async Task Quote_UnknownReleaseOrBadVersion_ReturnsProblem(string path, HttpStatusCode status)
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK", "SG"));

        var response = await client.PostAsync(path, new StringContent(File.ReadAllText(Path.Combine(Examples, "cart.HK.json")), Encoding.UTF8, "application/json"));

        await ApiAssert.ProblemAsync(response, status);
    }
}
