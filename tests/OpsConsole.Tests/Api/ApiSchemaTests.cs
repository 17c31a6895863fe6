using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;

namespace OpsConsole.Tests.Api;

public sealed class ApiSchemaTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<SchemaValidator> SchemaAsync()
    {
        var client = factory.ApiClient(await factory.CreateKeyAsync("MY"));
        var response = await client.GetAsync("/api/v1/schema/site-config");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        return new SchemaValidator(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static TheoryData<string> Sites() => [.. DemoConfigurations.Sites];

    [Fact]
    public async Task Schema_IfNoneMatchWithItsETag_Returns304() =>
        await ApiAssert.RevalidatesAsync(factory.ApiClient(await factory.CreateKeyAsync("MY")), "/api/v1/schema/site-config");

    [Theory]
    [MemberData(nameof(Sites))]
    public async Task Schema_AcceptsEveryDemoConfiguration(string site)
    {
        var schema = await SchemaAsync();

        var errors = schema.Validate(JsonDocument.Parse(DemoConfigurations.Json(site)).RootElement);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Schema_AcceptsTheContractExample()
    {
        var schema = await SchemaAsync();

        var errors = schema.Validate(JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "config.HK.json"))).RootElement);

        Assert.Empty(errors);
    }

    /// <summary>Each mutation breaks the document for the domain's parser too: the schema and the parser agree.</summary>
    public static TheoryData<string, string> Mutations() => new()
    {
        { "unknown top-level field", "$.colour=\"red\"" },
        { "unknown site", "$.site=\"JP\"" },
        { "channel kind not an enum value", "$.channels[0].kind=\"Teleport\"" },
        { "cut-off not HH:mm", "$.channels[0].transit.cutoffLocalTime=\"3pm\"" },
        { "holiday not a date", "$.channels[0].transit.holidays=[\"25/12/2026\"]" },
        { "weight not whole", "$.channels[0].rate.firstWeightGrams=1.5" },
        { "price as text", "$.channels[0].rate.firstPrice=\"18.00\"" },
        { "missing required rate", "$.channels[0].rate=null" },
        { "unknown field in a rule", "$.freeShipping[0].note=\"x\"" },
        { "instant without offset", "$.freeShipping[0].validFrom=\"2026-11-20T09:30:00\"" },
        { "restricted action unknown", "$.restrictedGoods[0].action=\"Confiscate\"" },
        { "texts not strings", "$.channels[0].names={\"en-HK\":1}" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Schema_RefusesWhatTheParserRefuses(string what, string mutation)
    {
        var schema = await SchemaAsync();
        var document = Mutate(JsonNode.Parse(DemoConfigurations.Json("HK"))!, mutation);

        Assert.False(ConfigurationJson.Parse(document).Succeeded, $"The parser accepts the document with {what}.");
        Assert.NotEmpty(schema.Validate(JsonDocument.Parse(document).RootElement));
    }

    /// <summary>Each mutation is read by the parser but refused by the validator: the schema refuses it too.</summary>
    public static TheoryData<string, string> Refusals() => new()
    {
        { "a reason with a line break", "$.restrictedGoods[0].reasons.en-HK=\"No batteries\\nby air\"" },
        { "a channel name with a tab", "$.channels[0].names.en-HK=\"Direct\\tmail\"" },
        { "an id ending in a space", "$.freeShipping[0].id=\"FS-HK-CART-299 \"" },
        { "a title keyword with a zero-width space", "$.restrictedGoods[0].match.titleKeywords=[\"power\\u200Bbank\"]" },
        { "a legal reference with a line break", "$.restrictedGoods[0].legalReference=\"Cap. 295\\ns. 4\"" },
        // The schema said nothing of these, all errors the validator always gives (HK's demo channel codes stay valid).
        { "a channel code not in upper snake case", "$.channels[0].code=\"direct-std\"" },
        { "a first weight of 0 g", "$.channels[0].rate.firstWeightGrams=0" },
        { "a step weight of 0 g", "$.channels[0].rate.stepWeightGrams=0" },
        { "a maximum weight over a tonne", "$.channels[0].rate.maxWeightGrams=1000001" },
        { "a negative price", "$.channels[0].rate.firstPrice=-1" },
        { "a price over a billion", "$.channels[0].rate.stepPrice=1000000001" },
        { "negative transit days", "$.channels[0].transit.minDays=-1" },
        { "transit days over 120", "$.channels[0].transit.maxDays=121" },
        { "a free-shipping rule naming no channel", "$.freeShipping[0].channels=[]" },
        { "a negative threshold", "$.freeShipping[0].threshold=-5" },
        { "a free-shipping maximum weight of 0 g", "$.freeShipping[0].maxWeightGrams=0" },
        { "a promotion without tiers", "$.consolidationPromos[0].tiers=[]" },
        { "a negative tier minimum", "$.consolidationPromos[0].tiers[0].min=-1" },
        { "a negative daily budget", "$.consolidationPromos[0].dailyBudget=-1" },
        { "a minimum unit weight of 0 g", "$.restrictedGoods[0].match.minUnitWeightGrams=0" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Schema_RefusesWhatTheValidatorRefusesInTexts(string what, string mutation)
    {
        var schema = await SchemaAsync();
        var document = Mutate(JsonNode.Parse(DemoConfigurations.Json("HK"))!, mutation);

        var parsed = ConfigurationJson.Parse(document);
        Assert.True(parsed.Succeeded, what);
        Assert.False(OpsConsole.Domain.Validation.ConfigurationValidator.Validate(parsed.Value!).IsValid, $"The validator accepts {what}.");
        Assert.NotEmpty(schema.Validate(JsonDocument.Parse(document).RootElement));
    }

    [Fact]
    public async Task OpenApi_IsAnonymousAndDescribesTheSixCallsWithTheKeyHeader()
    {
        var response = await factory.ApiClient(null).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["/api/v1/schema/site-config", "/api/v1/sites/{site}/config", "/api/v1/sites/{site}/config/watch", "/api/v1/sites/{site}/quote", "/api/v1/sites/{site}/releases", "/api/v1/sites/{site}/releases/{version}"],
            paths);
        // The watch reads its query itself; its parameters are still described.
        var watch = document.RootElement.GetProperty("paths").GetProperty("/api/v1/sites/{site}/config/watch").GetProperty("get");
        Assert.Equal(
            ["after:query:True", "site:path:True", "timeout:query:False"],
            watch.GetProperty("parameters").EnumerateArray()
                .Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("in").GetString()}:{p.TryGetProperty("required", out var required) && required.GetBoolean()}")
                .Order(StringComparer.Ordinal));
        Assert.True(watch.GetProperty("responses").TryGetProperty("304", out _));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
    }

    [Theory]
    [InlineData("/api/v1/sites/{site}/releases", "get", "limit", 1, 100)]
    [InlineData("/api/v1/sites/{site}/quote", "post", "version", 1, null)]
    public async Task OpenApi_QueryParameters_AreTheWholeNumbersTheCallsRead(string path, string method, string name, int minimum, int? maximum)
    {
        // They were described as strings without bounds, while the calls answer 400 to anything but a whole number in range.
        var (_, document) = await OpenApiAsync();
        var parameter = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);
        var schema = parameter.GetProperty("schema");

        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.Equal("integer", schema.GetProperty("type").GetString());
        Assert.Equal(minimum, schema.GetProperty("minimum").GetInt32());
        Assert.Equal(maximum, schema.TryGetProperty("maximum", out var max) ? max.GetInt32() : null);
    }

    [Fact]
    public async Task OpenApi_SchemaCall_NamesItsMediaTypeAndItsRevalidation()
    {
        // Its 200 had no content at all, and the 304 it answers to If-None-Match was not listed.
        var (_, document) = await OpenApiAsync();
        var responses = document.GetProperty("paths").GetProperty("/api/v1/schema/site-config").GetProperty("get").GetProperty("responses");

        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/schema+json", out _));
        Assert.True(responses.TryGetProperty("304", out _));
    }

    [Theory]
    [InlineData("/api/v1/sites/{site}/config", "get")]
    [InlineData("/api/v1/sites/{site}/releases", "get")]
    [InlineData("/api/v1/sites/{site}/config/watch", "get")]
    [InlineData("/api/v1/sites/{site}/quote", "post")]
    public async Task OpenApi_SiteCalls_ListThe503TheyAnswerWhileNoReleaseCouldBeRead_AndRetryAfter(string path, string method)
    {
        var (_, document) = await OpenApiAsync();
        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        Assert.True(responses.TryGetProperty("503", out var unavailable));
        Assert.True(unavailable.GetProperty("content").TryGetProperty("application/problem+json", out _));
        // Both say when to try again; a client generated from the document should know to read it.
        Assert.True(unavailable.GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
    }

    private async Task<(SchemaValidator Validator, JsonElement Document)> OpenApiAsync()
    {
        var response = await factory.ApiClient(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (new SchemaValidator(document), document);
    }

    private static JsonElement Component(JsonElement document, string name) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "examples", name));

    [Fact]
    public async Task OpenApi_NamesTheBodiesOfTheQuoteAndTheReleaseDocuments()
    {
        // They were "object" with a prose description: nothing a consumer could generate a client from.
        var (_, document) = await OpenApiAsync();
        var paths = document.GetProperty("paths");
        string SchemaOf(JsonElement content) => content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;

        var quote = paths.GetProperty("/api/v1/sites/{site}/quote").GetProperty("post");
        Assert.Equal("#/components/schemas/QuoteRequest", SchemaOf(quote.GetProperty("requestBody").GetProperty("content")));
        Assert.Equal("#/components/schemas/Quote", SchemaOf(quote.GetProperty("responses").GetProperty("200").GetProperty("content")));
        foreach (var read in new[] { "/api/v1/sites/{site}/config", "/api/v1/sites/{site}/releases/{version}", "/api/v1/sites/{site}/config/watch" })
        {
            Assert.Equal("#/components/schemas/ReleaseDocument", SchemaOf(paths.GetProperty(read).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")));
        }
    }

    [Fact]
    public async Task OpenApi_QuoteSchemas_AcceptTheContractExamples()
    {
        var (validator, document) = await OpenApiAsync();

        Assert.Empty(validator.Validate(Component(document, "QuoteRequest"), JsonDocument.Parse(Example("cart.HK.json")).RootElement));
        Assert.Empty(validator.Validate(Component(document, "Quote"), JsonDocument.Parse(Example("quote.HK.json")).RootElement));
    }

    public static TheoryData<string, string> CartMutations() => new()
    {
        { "isNew left out", "$.buyer.isNew=null" },
        { "homeDelivery as text", "$.destination.homeDelivery=\"yes\"" },
        { "attributes left out", "$.items[0].attributes=null" },
        { "quantity 0", "$.items[1].quantity=0" },
        { "price as text", "$.items[0].unitPrice=\"88\"" },
        { "a field the contract does not have", "$.destination.country=\"HK\"" },
        { "at not an instant", "$.at=\"tomorrow\"" },
    };

    [Theory]
    [MemberData(nameof(CartMutations))]
    public async Task OpenApi_QuoteRequestSchema_RefusesWhatTheParserRefuses(string what, string mutation)
    {
        var (validator, document) = await OpenApiAsync();
        var cart = Mutate(JsonNode.Parse(Example("cart.HK.json"))!, mutation);

        Assert.False(OpsConsole.Domain.Quoting.QuoteJson.ParseRequest(cart).Succeeded, $"The parser accepts the cart with {what}.");
        Assert.NotEmpty(validator.Validate(Component(document, "QuoteRequest"), JsonDocument.Parse(cart).RootElement));
    }

    [Fact]
    public async Task OpenApi_Schemas_DescribeWhatTheApiAnswers()
    {
        var (validator, document) = await OpenApiAsync();
        var client = factory.ApiClient(await factory.CreateKeyAsync("HK", "TW"));

        foreach (var (site, cart) in ApiQuoteTests.Carts().Select(row => ((string)row[0], (string)row[1])))
        {
            var quote = await client.PostAsync($"/api/v1/sites/{site}/quote", new StringContent(cart, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
            Assert.Empty(validator.Validate(Component(document, "Quote"), JsonDocument.Parse(await quote.Content.ReadAsStringAsync()).RootElement));
        }

        var release = await client.GetAsync("/api/v1/sites/TW/config");
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Empty(validator.Validate(Component(document, "ReleaseDocument"), JsonDocument.Parse(await release.Content.ReadAsStringAsync()).RootElement));
    }

    /// <summary>Applies "$.a.b[0].c=&lt;json&gt;" to a document.</summary>
    private static string Mutate(JsonNode document, string mutation)
    {
        var (path, json) = (mutation[..mutation.IndexOf('=')], mutation[(mutation.IndexOf('=') + 1)..]);
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = document;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            parent = steps[i].StartsWith('[') ? parent[int.Parse(steps[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[steps[i]]!;
        }

        parent[steps[^1]] = JsonNode.Parse(json);
        return document.ToJsonString();
    }
}
