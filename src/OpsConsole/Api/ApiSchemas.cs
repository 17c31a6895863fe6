using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;

namespace OpsConsole.Api;

/// <summary>
/// The OpenAPI schemas of the bodies the API reads and writes by hand (the quote request and quote, the release
/// document), so that a consumer can generate a client from /openapi/v1.json. The endpoints write and read these with
/// the domain's own JSON code, not with bound types, so nothing would describe them otherwise. The API tests validate
/// the contract's examples and real answers against these schemas, so they cannot drift from what is served.
/// </summary>
internal static class ApiSchemas
{
    public const string QuoteRequest = "QuoteRequest";
    public const string Quote = "Quote";
    public const string ReleaseDocument = "ReleaseDocument";

    public static OpenApiSchema Ref(string id) => new() { Reference = new OpenApiReference { Type = ReferenceType.Schema, Id = id } };

    public static void AddTo(OpenApiComponents components)
    {
        components.Schemas[QuoteRequest] = QuoteRequestSchema();
        components.Schemas[Quote] = QuoteSchema();
        components.Schemas[ReleaseDocument] = ReleaseDocumentSchema();
    }

    private static OpenApiSchema QuoteRequestSchema()
    {
        var item = Object(
            Required("sku", Text()),
            Required("storeId", Text()),
            Optional("title", Text()),
            Required("category", Text()),
            Required("attributes", Array(Text())),
            Required("unitPrice", Number(0, QuoteJson.MaxUnitPrice)),
            Required("quantity", Integer(1, QuoteJson.MaxQuantity)),
            Required("unitWeightGrams", Integer(0, QuoteJson.MaxUnitWeightGrams)));
        var request = Object(
            Optional("at", Text("date-time", "The instant to quote at (ISO 8601 with an offset); now when left out.")),
            Optional("locale", Text(description: "A locale of the site (case does not matter); the site's default when left out or unknown.")),
            Required("buyer", Object(Required("id", Text()), Required("isNew", Boolean()))),
            Required("destination", Object(Optional("area", Text()), Optional("postalCode", Text()), Required("homeDelivery", Boolean()))),
            Required("items", Array(item)));
        request.Description = "A cart to quote. Only the fields the contract marks optional may be left out or null.";
        return request;
    }

    private static OpenApiSchema QuoteSchema()
    {
        var restriction = Object(
            Required("ruleId", Text()),
            Required("action", Enum<RestrictionAction>()),
            Required("channels", Nullable(Array(Text()))),
            Required("maxQuantity", Nullable(Integer())),
            Required("reason", Text()));
        var item = Object(
            Required("sku", Text()),
            Required("purchasable", Boolean()),
            Required("requiresIdDocument", Boolean()),
            Required("restrictions", Array(restriction)));
        var channel = Object(
            Required("code", Text()),
            Required("name", Text()),
            Required("available", Boolean()),
            Required("unavailableReasons", Array(Object(
                Required("code", Enum<UnavailableReasonCode>()),
                Required("ruleId", Nullable(Text())),
                Required("text", Nullable(Text()))))),
            Required("chargeableWeightGrams", Nullable(Integer())),
            Required("baseFee", Nullable(Number())),
            Required("surcharges", Array(Object(Required("kind", Enum<SurchargeKind>()), Required("amount", Number())))),
            Required("discounts", Array(Object(Required("kind", Enum<DiscountSource>()), Required("ruleId", Text()), Required("amount", Number())))),
            Required("fee", Nullable(Number())),
            Required("promise", Nullable(Object(
                Required("minDays", Integer()),
                Required("maxDays", Integer()),
                Required("earliestDate", Text("date")),
                Required("latestDate", Text("date")),
                Required("text", Text())))),
            Required("nudges", Array(Object(
                Required("kind", Enum<DiscountSource>()),
                Required("ruleId", Text()),
                Required("remaining", Number()),
                Required("text", Text())))));
        var quote = Object(
            Required("site", Text()),
            Required("version", Nullable(Integer())),
            Required("currency", Text()),
            Required("locale", Text()),
            Required("items", Array(item)),
            Required("channels", Array(channel)));
        quote.Description = "What a buyer is shown for the cart: per item its restrictions, per enabled channel its fee and promise. Discount amounts are positive and subtracted.";
        return quote;
    }

    private static OpenApiSchema ReleaseDocumentSchema()
    {
        var config = new OpenApiSchema
        {
            Type = "object",
            Description = "The site's configuration: channels, freeShipping, consolidationPromos and restrictedGoods, as described by the JSON Schema at /api/v1/schema/site-config.",
        };
        return Object(
            Required("site", Text()),
            Required("version", Integer(1)),
            Required("hash", Text(description: "sha256:<hex> of the configuration's canonical JSON.")),
            Required("publishedAt", Text("date-time")),
            Required("config", config));
    }

    private static (string Name, OpenApiSchema Schema, bool Required) Required(string name, OpenApiSchema schema) => (name, schema, true);

    private static (string Name, OpenApiSchema Schema, bool Required) Optional(string name, OpenApiSchema schema) => (name, Nullable(schema), false);

    private static OpenApiSchema Object(params (string Name, OpenApiSchema Schema, bool Required)[] properties) => new()
    {
        Type = "object",
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
        Required = properties.Where(p => p.Required).Select(p => p.Name).ToHashSet(),
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Array(OpenApiSchema items) => new() { Type = "array", Items = items };

    private static OpenApiSchema Text(string? format = null, string? description = null) => new() { Type = "string", Format = format, Description = description };

    private static OpenApiSchema Boolean() => new() { Type = "boolean" };

    private static OpenApiSchema Integer(decimal? minimum = null, decimal? maximum = null) => new() { Type = "integer", Minimum = minimum, Maximum = maximum };

    private static OpenApiSchema Number(decimal? minimum = null, decimal? maximum = null) => new() { Type = "number", Minimum = minimum, Maximum = maximum };

    private static OpenApiSchema Enum<T>() where T : struct, System.Enum => new()
    {
        Type = "string",
        Enum = [.. System.Enum.GetNames<T>().Select(name => (IOpenApiAny)new OpenApiString(name))],
    };

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Nullable = true;
        return schema;
    }
}
