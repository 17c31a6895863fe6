using System.Globalization;
using System.Text;
using System.Text.Json;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Quoting;

/// <summary>Quote requests and quotes in the consumer contract's JSON (v1).</summary>
public static class QuoteJson
{
    public const decimal MaxUnitPrice = 1_000_000_000m;
    public const int MaxQuantity = 100_000;
    public const int MaxUnitWeightGrams = 1_000_000;

    /// <summary>Reads a quote request; every problem is named by its field path (<c>items[0].quantity</c>).</summary>
    public static ParseResult<QuoteRequest> ParseRequest(string json) => JsonInput.Run(json, ReadRequest);

    public static ParseResult<QuoteRequest> ParseRequest(ReadOnlyMemory<byte> utf8Json) => JsonInput.Run(utf8Json, ReadRequest);

    public static string Serialize(Quote quote, bool indented = false) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(quote, indented));

    public static byte[] SerializeToUtf8Bytes(Quote quote, bool indented = false) =>
        ConfigurationJson.Write(indented, writer => Write(writer, quote));

    private static QuoteRequest? ReadRequest(JsonInput input, JsonElement root)
    {
        if (!input.Object(root, "$", "at", "locale", "buyer", "destination", "items"))
        {
            return null;
        }

        var at = input.Instant(root, "$", "at");
        var locale = input.String(root, "$", "locale", required: false);

        Buyer? buyer = null;
        if (Child(input, root, "buyer", out var b) && input.Object(b, "buyer", "id", "isNew"))
        {
            var id = input.String(b, "buyer", "id");
            // The contract has no default for isNew, homeDelivery or attributes: a consumer that left one out would get
            // a quote for another buyer or cart (no new-buyer rule, no home-delivery surcharge, no restriction) without
            // knowing, so their absence is a field error like a missing quantity.
            var isNew = input.Bool(b, "buyer", "isNew");
            buyer = id is null || isNew is null ? null : new Buyer(id, isNew.Value);
        }

        Destination? destination = null;
        if (Child(input, root, "destination", out var d) && input.Object(d, "destination", "area", "postalCode", "homeDelivery"))
        {
            var area = input.String(d, "destination", "area", required: false);
            var postalCode = input.String(d, "destination", "postalCode", required: false);
            var homeDelivery = input.Bool(d, "destination", "homeDelivery");
            destination = homeDelivery is null ? null : new Destination(area, postalCode, homeDelivery.Value);
        }

        var items = input.Array(root, "$", "items", (e, path) => ReadItem(input, e, path));
        return buyer is null || destination is null || items is null ? null : new QuoteRequest(at, locale, buyer, destination, items);
    }

    private static bool Child(JsonInput input, JsonElement root, string name, out JsonElement child)
    {
        if (root.TryGetProperty(name, out child) && child.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        input.Fail(name, "Required.");
        return false;
    }

    private static CartItem? ReadItem(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "sku", "storeId", "title", "category", "attributes", "unitPrice", "quantity", "unitWeightGrams"))
        {
            return null;
        }

        var sku = input.String(e, path, "sku");
        var storeId = input.String(e, path, "storeId");
        var title = input.String(e, path, "title", required: false);
        var category = input.String(e, path, "category");
        var attributes = input.Strings(e, path, "attributes");
        var unitPrice = input.Decimal(e, path, "unitPrice");
        var quantity = input.Int(e, path, "quantity");
        var weight = input.Int(e, path, "unitWeightGrams");
        // The upper bounds keep every sum of a cart far inside decimal and int ranges.
        if (unitPrice is < 0 or > MaxUnitPrice)
        {
            input.Fail(JsonInput.Join(path, "unitPrice"), $"Must be between 0 and {MaxUnitPrice:#,##0}.");
        }

        if (quantity is < 1 or > MaxQuantity)
        {
            input.Fail(JsonInput.Join(path, "quantity"), quantity < 1 ? "Must be at least 1." : $"Must be at most {MaxQuantity:#,##0}.");
        }

        if (weight is < 0 or > MaxUnitWeightGrams)
        {
            input.Fail(JsonInput.Join(path, "unitWeightGrams"), $"Must be between 0 and {MaxUnitWeightGrams:#,##0} g.");
        }

        if (sku is { Length: 0 })
        {
            input.Fail(JsonInput.Join(path, "sku"), "Must not be empty.");
        }

        return sku is null || storeId is null || category is null || attributes is null || unitPrice is null || quantity is null || weight is null
            ? null
            : new CartItem(sku, storeId, title, category, attributes, unitPrice.Value, quantity.Value, weight.Value);
    }

    private static void Write(Utf8JsonWriter w, Quote quote)
    {
        int? minor = SiteCatalog.TryGet(quote.Site, out var site) ? site.MinorUnits : null;
        w.WriteStartObject();
        w.WriteString("site", quote.Site);
        if (quote.Version is { } version)
        {
            w.WriteNumber("version", version);
        }
        else
        {
            w.WriteNull("version");
        }

        w.WriteString("currency", quote.Currency);
        w.WriteString("locale", quote.Locale);
        w.WriteStartArray("items");
        foreach (var item in quote.Items)
        {
            w.WriteStartObject();
            w.WriteString("sku", item.Sku);
            w.WriteBoolean("purchasable", item.Purchasable);
            w.WriteBoolean("requiresIdDocument", item.RequiresIdDocument);
            w.WriteStartArray("restrictions");
            foreach (var restriction in item.Restrictions)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", restriction.RuleId);
                w.WriteString("action", restriction.Action.ToString());
                if (restriction.Channels is { } channels)
                {
                    w.WriteStartArray("channels");
                    foreach (var channel in channels)
                    {
                        w.WriteStringValue(channel);
                    }

                    w.WriteEndArray();
                }
                else
                {
                    w.WriteNull("channels");
                }

                ConfigurationJson.WriteInt(w, "maxQuantity", restriction.MaxQuantity);
                w.WriteString("reason", restriction.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("channels");
        foreach (var channel in quote.Channels)
        {
            WriteChannel(w, channel, minor);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteChannel(Utf8JsonWriter w, QuotedChannel channel, int? minor)
    {
        w.WriteStartObject();
        w.WriteString("code", channel.Code);
        w.WriteString("name", channel.Name);
        w.WriteBoolean("available", channel.Available);
        w.WriteStartArray("unavailableReasons");
        foreach (var reason in channel.UnavailableReasons)
        {
            w.WriteStartObject();
            w.WriteString("code", reason.Code.ToString());
            WriteNullable(w, "ruleId", reason.RuleId);
            WriteNullable(w, "text", reason.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        ConfigurationJson.WriteInt(w, "chargeableWeightGrams", channel.ChargeableWeightGrams);
        WriteMoney(w, "baseFee", channel.BaseFee, minor);
        w.WriteStartArray("surcharges");
        foreach (var surcharge in channel.Surcharges)
        {
            w.WriteStartObject();
            w.WriteString("kind", surcharge.Kind.ToString());
            WriteMoney(w, "amount", surcharge.Amount, minor);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("discounts");
        foreach (var discount in channel.Discounts)
        {
            w.WriteStartObject();
            w.WriteString("kind", discount.Kind.ToString());
            w.WriteString("ruleId", discount.RuleId);
            WriteMoney(w, "amount", discount.Amount, minor);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteMoney(w, "fee", channel.Fee, minor);
        if (channel.Promise is { } promise)
        {
            w.WriteStartObject("promise");
            w.WriteNumber("minDays", promise.MinDays);
            w.WriteNumber("maxDays", promise.MaxDays);
            w.WriteString("earliestDate", promise.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("latestDate", promise.LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("text", promise.Text);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("promise");
        }

        w.WriteStartArray("nudges");
        foreach (var nudge in channel.Nudges)
        {
            w.WriteStartObject();
            w.WriteString("kind", nudge.Kind.ToString());
            w.WriteString("ruleId", nudge.RuleId);

            // Remaining is money or a whole count; the engine already gave it the right scale.
            w.WriteNumber("remaining", nudge.Remaining);
            w.WriteString("text", nudge.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMoney(Utf8JsonWriter w, string name, decimal? amount, int? minor)
    {
        if (amount is { } value)
        {
            ConfigurationJson.WriteMoney(w, name, value, minor);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
