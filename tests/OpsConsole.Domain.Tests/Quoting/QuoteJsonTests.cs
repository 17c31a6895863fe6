using System.Text.Json.Nodes;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Quoting;

public class QuoteJsonTests
{
    private static readonly string Cart = TestFiles.Example("cart.HK.json");

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Cart)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void ParseRequest_ContractExample_ReadsEveryField()
    {
        var request = TestFiles.Request(Cart);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), request.At);
        Assert.Equal("en-HK", request.Locale);
        Assert.Equal(new Buyer("buyer-1001", false), request.Buyer);
        Assert.Equal(new Destination("KLN", null, false), request.Destination);
        Assert.Equal(3, request.Items.Count);
        var cold = request.Items[2];
        Assert.Equal(("SKU-COLD", "S3", "health/medicine/cold", 45.00m, 8, 100), (cold.Sku, cold.StoreId, cold.Category, cold.UnitPrice, cold.Quantity, cold.UnitWeightGrams));
        Assert.Equal(["Medicine"], cold.Attributes);
    }

    [Fact]
    public void ParseRequest_WithoutAtAndLocale_LeavesThemToTheEngine()
    {
        var request = TestFiles.Request(Mutate(root =>
        {
            root.Remove("at");
            root.Remove("locale");
        }));

        Assert.Null(request.At);
        Assert.Null(request.Locale);
    }

    public static TheoryData<string, Action<JsonObject>, string> BadRequests() => new()
    {
        { "negative quantity", root => root["items"]![0]!["quantity"] = -1, "items[0].quantity" },
        { "zero quantity", root => root["items"]![1]!["quantity"] = 0, "items[1].quantity" },
        { "negative price", root => root["items"]![2]!["unitPrice"] = -0.01m, "items[2].unitPrice" },
        { "negative weight", root => root["items"]![0]!["unitWeightGrams"] = -5, "items[0].unitWeightGrams" },
        { "fractional quantity", root => root["items"]![0]!["quantity"] = 1.5m, "items[0].quantity" },
        { "missing sku", root => root["items"]![1]!.AsObject().Remove("sku"), "items[1].sku" },
        { "missing category", root => root["items"]![1]!.AsObject().Remove("category"), "items[1].category" },
        { "missing buyer", root => root.Remove("buyer"), "buyer" },
        { "missing buyer id", root => root["buyer"]!.AsObject().Remove("id"), "buyer.id" },
        { "missing items", root => root.Remove("items"), "items" },
        // The contract gives these no default; read as false or [] they quoted another buyer's or another cart's fees.
        { "missing isNew", root => root["buyer"]!.AsObject().Remove("isNew"), "buyer.isNew" },
        { "isNew null", root => root["buyer"]!["isNew"] = null, "buyer.isNew" },
        { "missing homeDelivery", root => root["destination"]!.AsObject().Remove("homeDelivery"), "destination.homeDelivery" },
        { "missing attributes", root => root["items"]![1]!.AsObject().Remove("attributes"), "items[1].attributes" },
        { "unknown field", root => root["destination"]!["country"] = "HK", "destination.country" },
        { "at without offset", root => root["at"] = "2026-11-20 09:30", "at" },
        { "absurd quantity", root => root["items"]![0]!["quantity"] = 100_001, "items[0].quantity" },
        { "absurd price", root => root["items"]![0]!["unitPrice"] = 1_000_000_000.01m, "items[0].unitPrice" },
        { "price as text", root => root["items"]![0]!["unitPrice"] = "88", "items[0].unitPrice" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void ParseRequest_BadField_FailsAtItsPath(string because, Action<JsonObject> change, string path)
    {
        var result = QuoteJson.ParseRequest(Mutate(change));

        Assert.False(result.Succeeded, because);
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void ParseRequest_SeveralBadFields_ReportsEachForTheProblemDetails()
    {
        var result = QuoteJson.ParseRequest(Mutate(root =>
        {
            root["items"]![0]!["quantity"] = -1;
            root["items"]![2]!["unitPrice"] = -3;
        }));

        Assert.Equal(["items[0].quantity", "items[2].unitPrice"], result.Errors.Select(e => e.Path));
        Assert.Equal("Must be at least 1.", result.Errors[0].Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "locale")] // bytes that are not UTF-8 in a value
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30 }, "locale")] // "\ud800": an escaped unpaired surrogate
    public void ParseRequest_TextThatIsNotText_FailsAtItsPath(byte[] inside, string path)
    {
        var json = "{\"locale\":\""u8.ToArray().Concat(inside).Concat("\"}"u8.ToArray()).ToArray();

        var parsed = QuoteJson.ParseRequest(json);

        Assert.False(parsed.Succeeded);
        Assert.Equal(path, Assert.Single(parsed.Errors).Path);
    }

    [Fact]
    public void ParseRequest_AFieldNameThatIsNotText_FailsAtTheObject()
    {
        byte[] json = [.. "{\""u8, 0xC3, 0x28, .. "\":1}"u8];

        var parsed = QuoteJson.ParseRequest(json);

        Assert.False(parsed.Succeeded);
        Assert.Equal("$", Assert.Single(parsed.Errors).Path);
    }

    [Fact]
    public void ParseRequest_NotJson_FailsAtTheDocument() =>
        Assert.Equal("$", Assert.Single(QuoteJson.ParseRequest("items=3").Errors).Path);

    [Fact]
    public void Serialize_Quote_WritesContractNullsAndMinorUnits()
    {
        var quote = QuoteEngine.Quote(TestFiles.HongKong(), TestFiles.Request(Cart), DateTimeOffset.UnixEpoch, version: 7);

        var json = QuoteJson.Serialize(quote);

        Assert.StartsWith("{\"site\":\"HK\",\"version\":7,\"currency\":\"HKD\",\"locale\":\"en-HK\",", json, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"QuantityLimit\",\"channels\":null,\"maxQuantity\":6,", json, StringComparison.Ordinal);
        Assert.Contains("\"fee\":0.00,", json, StringComparison.Ordinal);
        Assert.Contains("\"chargeableWeightGrams\":null,\"baseFee\":null,", json, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":165.00,", json, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":2,", json, StringComparison.Ordinal);
    }
}
