using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Configuration;

/// <summary>
/// The canonical JSON of a site configuration, in the consumer contract's field names.
/// </summary>
/// <remarks>
/// Two forms: the config file (<c>{site, channels, freeShipping, consolidationPromos, restrictedGoods}</c>,
/// used by the command line and as the stored canonical text of a release) and the sections alone
/// (<c>{channels, ...}</c>), the <c>config</c> object of a release document.
/// Canonical means: compact, fields in the contract's order, channels and rules in configuration
/// order (see <see cref="SiteConfiguration"/>), locale keys in ordinal order, money with the site's
/// minor units (HK 18 → 18.00, TW 150.0 → 150), other numbers without trailing zeros, enums as
/// names, dates yyyy-MM-dd, times HH:mm, instants in UTC with Z, non-ASCII text unescaped.
/// Serialize → parse → serialize is a fixed point, and <see cref="Sha256"/> hashes these bytes.
/// </remarks>
public static class ConfigurationJson
{
    private static readonly string[] FileFields = ["site", "channels", "freeShipping", "consolidationPromos", "restrictedGoods"];
    private static readonly string[] SectionFields = ["channels", "freeShipping", "consolidationPromos", "restrictedGoods"];

    public static ParseResult<SiteConfiguration> Parse(string json) => JsonInput.Run(json, ReadFile);

    public static ParseResult<SiteConfiguration> Parse(ReadOnlyMemory<byte> utf8Json) => JsonInput.Run(utf8Json, ReadFile);

    /// <summary>Reads the <c>config</c> object of a release document, whose site is known from the release.</summary>
    public static ParseResult<SiteConfiguration> ParseSections(string site, string json) =>
        JsonInput.Run(json, (input, root) => ReadSections(input, root, site));

    public static ParseResult<SiteConfiguration> ParseSections(string site, JsonElement config) =>
        JsonInput.Run(config, (input, root) => ReadSections(input, root, site));

    public static string Serialize(SiteConfiguration config, bool indented = false) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(config, indented));

    public static byte[] SerializeToUtf8Bytes(SiteConfiguration config, bool indented = false) =>
        Write(indented, writer => WriteFile(writer, config));

    /// <summary>The <c>config</c> object of a release document: the four sections without the site.</summary>
    public static string SerializeSections(SiteConfiguration config, bool indented = false) =>
        Encoding.UTF8.GetString(Write(indented, writer => WriteSections(writer, config)));

    /// <summary>Writes the sections object into a document the caller is building (a release document).</summary>
    public static void WriteSections(Utf8JsonWriter writer, SiteConfiguration config)
    {
        writer.WriteStartObject();
        WriteSectionMembers(writer, config, MinorUnits(config.Site));
        writer.WriteEndObject();
    }

    /// <summary><c>sha256:</c> and the lowercase hex SHA-256 of the canonical (compact) config-file bytes.</summary>
    public static string Sha256(SiteConfiguration config) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(SerializeToUtf8Bytes(config)));

    internal static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        // Staff and consumers read the Chinese texts; escaping them would only make diffs unreadable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static byte[] Write(bool indented, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(indented)))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static int? MinorUnits(string site) => SiteCatalog.TryGet(site, out var info) ? info.MinorUnits : null;

    // ---- reading ----

    private static SiteConfiguration? ReadFile(JsonInput input, JsonElement root)
    {
        if (!input.Object(root, "$", FileFields))
        {
            return null;
        }

        var site = input.String(root, "$", "site");
        if (site is not null && !SiteCatalog.TryGet(site, out _))
        {
            input.Fail("site", $"Unknown site '{site}'. Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}.");
        }
        else if (site is not null)
        {
            // Site codes are matched without case everywhere else (URLs, verbs), so "hk" is HK: kept as written, it would
            // validate, then be refused as "a configuration of hk, not HK" by import and diff, and hash differently.
            site = SiteCatalog.Get(site).Code;
        }

        return ReadSectionMembers(input, root, site ?? string.Empty);
    }

    private static SiteConfiguration? ReadSections(JsonInput input, JsonElement root, string site) =>
        input.Object(root, "$", SectionFields) ? ReadSectionMembers(input, root, site) : null;

    private static SiteConfiguration? ReadSectionMembers(JsonInput input, JsonElement root, string site)
    {
        var channels = input.Array(root, "$", "channels", (e, p) => ReadChannel(input, e, p));
        var freeShipping = input.Array(root, "$", "freeShipping", (e, p) => ReadFreeShipping(input, e, p));
        var promos = input.Array(root, "$", "consolidationPromos", (e, p) => ReadPromo(input, e, p));
        var restricted = input.Array(root, "$", "restrictedGoods", (e, p) => ReadRestrictedGoods(input, e, p));
        if (channels is null || freeShipping is null || promos is null || restricted is null)
        {
            return null;
        }

        return new SiteConfiguration(site, channels, freeShipping, promos, restricted);
    }

    private static Channel? ReadChannel(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "code", "kind", "enabled", "names", "rate", "transit", "surcharges", "promiseTemplates"))
        {
            return null;
        }

        var code = input.String(e, path, "code");
        var kind = input.Enum<ChannelKind>(e, path, "kind");
        var enabled = input.Bool(e, path, "enabled");
        var names = input.Texts(e, path, "names");
        var rate = ReadRate(input, e, path);
        var transit = ReadTransit(input, e, path);
        var surcharges = input.Array(e, path, "surcharges", (s, p) => ReadSurcharge(input, s, p), required: false);
        var templates = input.Texts(e, path, "promiseTemplates");
        return code is null || kind is null || enabled is null || names is null || rate is null || transit is null || surcharges is null || templates is null
            ? null
            : new Channel(code, kind.Value, enabled.Value, names, rate, transit, surcharges, templates);
    }

    private static Rate? ReadRate(JsonInput input, JsonElement channel, string channelPath)
    {
        if (!channel.TryGetProperty("rate", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            input.Fail(JsonInput.Join(channelPath, "rate"), "Required.");
            return null;
        }

        var path = JsonInput.Join(channelPath, "rate");
        if (!input.Object(e, path, "firstWeightGrams", "firstPrice", "stepWeightGrams", "stepPrice", "maxWeightGrams"))
        {
            return null;
        }

        var firstWeight = input.Int(e, path, "firstWeightGrams");
        var firstPrice = input.Decimal(e, path, "firstPrice");
        var stepWeight = input.Int(e, path, "stepWeightGrams");
        var stepPrice = input.Decimal(e, path, "stepPrice");
        var maxWeight = input.Int(e, path, "maxWeightGrams");
        return firstWeight is null || firstPrice is null || stepWeight is null || stepPrice is null || maxWeight is null
            ? null
            : new Rate(firstWeight.Value, firstPrice.Value, stepWeight.Value, stepPrice.Value, maxWeight.Value);
    }

    private static Transit? ReadTransit(JsonInput input, JsonElement channel, string channelPath)
    {
        if (!channel.TryGetProperty("transit", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            input.Fail(JsonInput.Join(channelPath, "transit"), "Required.");
            return null;
        }

        var path = JsonInput.Join(channelPath, "transit");
        if (!input.Object(e, path, "minDays", "maxDays", "businessDays", "cutoffLocalTime", "holidays"))
        {
            return null;
        }

        var minDays = input.Int(e, path, "minDays");
        var maxDays = input.Int(e, path, "maxDays");
        var business = input.Bool(e, path, "businessDays");
        var cutoff = input.Time(e, path, "cutoffLocalTime");
        var holidays = input.Array(e, path, "holidays", (d, p) => input.Date(d, p), required: false);
        return minDays is null || maxDays is null || business is null || cutoff is null || holidays is null
            ? null
            : new Transit(minDays.Value, maxDays.Value, business.Value, cutoff.Value, holidays.Select(d => d!.Value).ToValueList());
    }

    private static Surcharge? ReadSurcharge(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "kind", "areas", "postalCodePrefixes", "amount"))
        {
            return null;
        }

        var kind = input.Enum<SurchargeKind>(e, path, "kind");
        var areas = input.Strings(e, path, "areas", required: false);
        var prefixes = input.Strings(e, path, "postalCodePrefixes", required: false);
        var amount = input.Decimal(e, path, "amount");
        return kind is null || areas is null || prefixes is null || amount is null
            ? null
            : new Surcharge(kind.Value, areas, prefixes, amount.Value);
    }

    private static FreeShippingRule? ReadFreeShipping(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "id", "name", "channels", "scope", "threshold", "includeCategories", "excludeCategories",
                "maxWeightGrams", "audience", "validFrom", "validTo", "waivesSurcharges", "nudgeTemplates"))
        {
            return null;
        }

        var id = input.String(e, path, "id");
        var name = input.String(e, path, "name");
        var channels = input.Strings(e, path, "channels");
        var scope = input.Enum<FreeShippingScope>(e, path, "scope");
        var threshold = input.Decimal(e, path, "threshold");
        var include = input.Strings(e, path, "includeCategories", required: false);
        var exclude = input.Strings(e, path, "excludeCategories", required: false);
        var maxWeight = input.Int(e, path, "maxWeightGrams", required: false);
        var audience = input.Enum<Audience>(e, path, "audience");
        var from = input.Instant(e, path, "validFrom");
        var to = input.Instant(e, path, "validTo");
        var waives = input.Bool(e, path, "waivesSurcharges", required: false) ?? false;
        var nudges = input.Texts(e, path, "nudgeTemplates", required: false);
        return id is null || name is null || channels is null || scope is null || threshold is null || include is null
            || exclude is null || audience is null || nudges is null
            ? null
            : new FreeShippingRule(id, name, channels, scope.Value, threshold.Value, include, exclude, maxWeight, audience.Value, from, to, waives, nudges);
    }

    private static ConsolidationPromo? ReadPromo(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "id", "name", "channel", "basis", "tiers", "audience", "validFrom", "validTo",
                "dailyBudget", "stacksWithFreeShipping", "nudgeTemplates"))
        {
            return null;
        }

        var id = input.String(e, path, "id");
        var name = input.String(e, path, "name");
        var channel = input.String(e, path, "channel");
        var basis = input.Enum<PromoBasis>(e, path, "basis");
        var tiers = input.Array(e, path, "tiers", (t, p) => ReadTier(input, t, p));
        var audience = input.Enum<Audience>(e, path, "audience");
        var from = input.Instant(e, path, "validFrom");
        var to = input.Instant(e, path, "validTo");
        var budget = input.Decimal(e, path, "dailyBudget", required: false);
        var stacks = input.Bool(e, path, "stacksWithFreeShipping", required: false) ?? false;
        var nudges = input.Texts(e, path, "nudgeTemplates", required: false);
        return id is null || name is null || channel is null || basis is null || tiers is null || audience is null || nudges is null
            ? null
            : new ConsolidationPromo(id, name, channel, basis.Value, tiers, audience.Value, from, to, budget, stacks, nudges);
    }

    private static PromoTier? ReadTier(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "min", "discount"))
        {
            return null;
        }

        var min = input.Decimal(e, path, "min");
        var discountPath = JsonInput.Join(path, "discount");
        if (!e.TryGetProperty("discount", out var d) || d.ValueKind == JsonValueKind.Null)
        {
            input.Fail(discountPath, "Required.");
            return null;
        }

        if (!input.Object(d, discountPath, "kind", "value"))
        {
            return null;
        }

        var kind = input.Enum<DiscountKind>(d, discountPath, "kind");
        var value = input.Decimal(d, discountPath, "value", required: false);
        return min is null || kind is null ? null : new PromoTier(min.Value, new PromoDiscount(kind.Value, value));
    }

    private static RestrictedGoodsRule? ReadRestrictedGoods(JsonInput input, JsonElement e, string path)
    {
        if (!input.Object(e, path, "id", "name", "match", "action", "channels", "maxQuantity", "reasons", "legalReference", "validFrom", "validTo"))
        {
            return null;
        }

        var id = input.String(e, path, "id");
        var name = input.String(e, path, "name");
        var match = ReadMatch(input, e, path);
        var action = input.Enum<RestrictionAction>(e, path, "action");
        var channels = input.Strings(e, path, "channels", required: false);
        var maxQuantity = input.Int(e, path, "maxQuantity", required: false);
        var reasons = input.Texts(e, path, "reasons");
        var legal = input.String(e, path, "legalReference", required: false);
        var from = input.Instant(e, path, "validFrom");
        var to = input.Instant(e, path, "validTo");
        return id is null || name is null || match is null || action is null || channels is null || reasons is null
            ? null
            : new RestrictedGoodsRule(id, name, match, action.Value, channels, maxQuantity, reasons, legal, from, to);
    }

    private static GoodsMatch? ReadMatch(JsonInput input, JsonElement rule, string rulePath)
    {
        var path = JsonInput.Join(rulePath, "match");
        if (!rule.TryGetProperty("match", out var e) || e.ValueKind == JsonValueKind.Null)
        {
            input.Fail(path, "Required.");
            return null;
        }

        if (!input.Object(e, path, "categoryPrefixes", "attributes", "titleKeywords", "minUnitWeightGrams"))
        {
            return null;
        }

        var categories = input.Strings(e, path, "categoryPrefixes", required: false);
        var attributes = input.Strings(e, path, "attributes", required: false);
        var keywords = input.Strings(e, path, "titleKeywords", required: false);
        var minWeight = input.Int(e, path, "minUnitWeightGrams", required: false);
        return categories is null || attributes is null || keywords is null ? null : new GoodsMatch(categories, attributes, keywords, minWeight);
    }

    // ---- writing ----

    private static void WriteFile(Utf8JsonWriter writer, SiteConfiguration config)
    {
        writer.WriteStartObject();
        writer.WriteString("site", config.Site);
        WriteSectionMembers(writer, config, MinorUnits(config.Site));
        writer.WriteEndObject();
    }

    private static void WriteSectionMembers(Utf8JsonWriter writer, SiteConfiguration config, int? minorUnits)
    {
        writer.WriteStartArray("channels");
        foreach (var channel in config.Channels)
        {
            WriteChannel(writer, channel, minorUnits);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("freeShipping");
        foreach (var rule in config.FreeShipping)
        {
            WriteFreeShipping(writer, rule, minorUnits);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("consolidationPromos");
        foreach (var promo in config.ConsolidationPromos)
        {
            WritePromo(writer, promo, minorUnits);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("restrictedGoods");
        foreach (var rule in config.RestrictedGoods)
        {
            WriteRestrictedGoods(writer, rule);
        }

        writer.WriteEndArray();
    }

    internal static void WriteChannel(Utf8JsonWriter w, Channel c, int? minor)
    {
        w.WriteStartObject();
        w.WriteString("code", c.Code);
        w.WriteString("kind", c.Kind.ToString());
        w.WriteBoolean("enabled", c.Enabled);
        WriteTexts(w, "names", c.Names);
        w.WriteStartObject("rate");
        w.WriteNumber("firstWeightGrams", c.Rate.FirstWeightGrams);
        WriteMoney(w, "firstPrice", c.Rate.FirstPrice, minor);
        w.WriteNumber("stepWeightGrams", c.Rate.StepWeightGrams);
        WriteMoney(w, "stepPrice", c.Rate.StepPrice, minor);
        w.WriteNumber("maxWeightGrams", c.Rate.MaxWeightGrams);
        w.WriteEndObject();
        w.WriteStartObject("transit");
        w.WriteNumber("minDays", c.Transit.MinDays);
        w.WriteNumber("maxDays", c.Transit.MaxDays);
        w.WriteBoolean("businessDays", c.Transit.BusinessDays);
        w.WriteString("cutoffLocalTime", c.Transit.CutoffLocalTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        w.WriteStartArray("holidays");
        foreach (var holiday in c.Transit.Holidays)
        {
            w.WriteStringValue(holiday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("surcharges");
        foreach (var s in c.Surcharges)
        {
            w.WriteStartObject();
            w.WriteString("kind", s.Kind.ToString());
            WriteStrings(w, "areas", s.Areas);
            WriteStrings(w, "postalCodePrefixes", s.PostalCodePrefixes);
            WriteMoney(w, "amount", s.Amount, minor);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteTexts(w, "promiseTemplates", c.PromiseTemplates);
        w.WriteEndObject();
    }

    internal static void WriteFreeShipping(Utf8JsonWriter w, FreeShippingRule r, int? minor)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        WriteStrings(w, "channels", r.Channels);
        w.WriteString("scope", r.Scope.ToString());
        WriteMoney(w, "threshold", r.Threshold, minor);
        WriteStrings(w, "includeCategories", r.IncludeCategories);
        WriteStrings(w, "excludeCategories", r.ExcludeCategories);
        WriteInt(w, "maxWeightGrams", r.MaxWeightGrams);
        w.WriteString("audience", r.Audience.ToString());
        WriteInstant(w, "validFrom", r.ValidFrom);
        WriteInstant(w, "validTo", r.ValidTo);
        w.WriteBoolean("waivesSurcharges", r.WaivesSurcharges);
        WriteTexts(w, "nudgeTemplates", r.NudgeTemplates);
        w.WriteEndObject();
    }

    internal static void WritePromo(Utf8JsonWriter w, ConsolidationPromo p, int? minor)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("name", p.Name);
        w.WriteString("channel", p.Channel);
        w.WriteString("basis", p.Basis.ToString());
        w.WriteStartArray("tiers");
        foreach (var tier in p.Tiers)
        {
            w.WriteStartObject();
            if (p.Basis == PromoBasis.Subtotal)
            {
                WriteMoney(w, "min", tier.Min, minor);
            }
            else
            {
                w.WriteNumber("min", Amounts.Trim(tier.Min));
            }

            w.WriteStartObject("discount");
            w.WriteString("kind", tier.Discount.Kind.ToString());
            if (tier.Discount.Value is not { } value)
            {
                w.WriteNull("value");
            }
            else if (tier.Discount.Kind == DiscountKind.Amount)
            {
                WriteMoney(w, "value", value, minor);
            }
            else
            {
                w.WriteNumber("value", Amounts.Trim(value));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("audience", p.Audience.ToString());
        WriteInstant(w, "validFrom", p.ValidFrom);
        WriteInstant(w, "validTo", p.ValidTo);
        if (p.DailyBudget is { } budget)
        {
            WriteMoney(w, "dailyBudget", budget, minor);
        }
        else
        {
            w.WriteNull("dailyBudget");
        }

        w.WriteBoolean("stacksWithFreeShipping", p.StacksWithFreeShipping);
        WriteTexts(w, "nudgeTemplates", p.NudgeTemplates);
        w.WriteEndObject();
    }

    internal static void WriteRestrictedGoods(Utf8JsonWriter w, RestrictedGoodsRule r)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteStartObject("match");
        WriteStrings(w, "categoryPrefixes", r.Match.CategoryPrefixes);
        WriteStrings(w, "attributes", r.Match.Attributes);
        WriteStrings(w, "titleKeywords", r.Match.TitleKeywords);
        WriteInt(w, "minUnitWeightGrams", r.Match.MinUnitWeightGrams);
        w.WriteEndObject();
        w.WriteString("action", r.Action.ToString());
        WriteStrings(w, "channels", r.Channels);
        WriteInt(w, "maxQuantity", r.MaxQuantity);
        WriteTexts(w, "reasons", r.Reasons);
        if (r.LegalReference is null)
        {
            w.WriteNull("legalReference");
        }
        else
        {
            w.WriteString("legalReference", r.LegalReference);
        }

        WriteInstant(w, "validFrom", r.ValidFrom);
        WriteInstant(w, "validTo", r.ValidTo);
        w.WriteEndObject();
    }

    internal static void WriteMoney(Utf8JsonWriter w, string name, decimal amount, int? minorUnits) =>
        w.WriteNumber(name, minorUnits is { } units ? Amounts.WithMinorUnits(amount, units) : Amounts.Trim(amount));

    internal static void WriteInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    internal static void WriteInstant(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, FormatInstant(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteTexts(Utf8JsonWriter w, string name, LocalizedText texts)
    {
        w.WriteStartObject(name);
        foreach (var (locale, text) in texts)
        {
            w.WriteString(locale, text);
        }

        w.WriteEndObject();
    }
}
