using System.Globalization;
using System.Text.Json;

namespace OpsConsole.Domain.Configuration;

/// <summary>A problem with an input document, named by its path (<c>channels[1].rate.stepPrice</c>; <c>$</c> is the document).</summary>
public sealed record ParseError(string Path, string Message);

/// <summary>Either a value or the problems that prevented reading it.</summary>
public sealed record ParseResult<T>(T? Value, IReadOnlyList<ParseError> Errors)
    where T : class
{
    public bool Succeeded => Value is not null && Errors.Count == 0;

    public static ParseResult<T> Success(T value) => new(value, []);

    public static ParseResult<T> Failure(IReadOnlyList<ParseError> errors) => new(null, errors);
}

/// <summary>
/// Reads a JSON document strictly, collecting every problem with its path instead of stopping at
/// the first: unknown and duplicate fields, wrong types, unknown enum values, missing members.
/// Readers return null (or a default) on a problem; callers discard the value when there are errors.
/// </summary>
internal sealed class JsonInput
{
    public List<ParseError> Errors { get; } = [];

    public static string Join(string path, string name) => path.Length == 0 || path == "$" ? name : path + "." + name;

    public static string Index(string path, int index) => (path.Length == 0 || path == "$" ? string.Empty : path) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public void Fail(string path, string message) => Errors.Add(new ParseError(path.Length == 0 ? "$" : path, message));

    public static ParseResult<T> Run<T>(string json, Func<JsonInput, JsonElement, T?> read)
        where T : class
    {
        json = json.TrimStart('\uFEFF');
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException error)
        {
            return ParseResult<T>.Failure([Malformed(error)]);
        }

        return Run(document, read);
    }

    public static ParseResult<T> Run<T>(ReadOnlyMemory<byte> utf8Json, Func<JsonInput, JsonElement, T?> read)
        where T : class
    {
        // Files saved by editors on Windows often start with a UTF-8 byte order mark.
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException error)
        {
            return ParseResult<T>.Failure([Malformed(error)]);
        }

        return Run(document, read);
    }

    public static ParseResult<T> Run<T>(JsonElement element, Func<JsonInput, JsonElement, T?> read)
        where T : class
    {
        var input = new JsonInput();
        T? value;
        try
        {
            value = read(input, element);
        }
        catch (InvalidOperationException) when (FirstInvalidText(element, "$") is { } path)
        {
            // The parser accepts bytes that are not UTF-8 inside a string, and escaped unpaired surrogates ("\ud800"); only
            // reading the string finds them. Said as bad input at its path, not left to end a request as a server error.
            return ParseResult<T>.Failure([new ParseError(path, "Not valid text: the string holds bytes that are not UTF-8 or an unpaired surrogate.")]);
        }

        return input.Errors.Count == 0 && value is not null ? ParseResult<T>.Success(value) : ParseResult<T>.Failure(input.Errors);
    }

    private static ParseResult<T> Run<T>(JsonDocument document, Func<JsonInput, JsonElement, T?> read)
        where T : class
    {
        using (document)
        {
            return Run(document.RootElement, read);
        }
    }

    /// <summary>The path of the first property name or string that cannot be read as text, or null when all can.</summary>
    private static string? FirstInvalidText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidText(item, Index(path, index++)) is { } inItem)
                    {
                        return inItem;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = "";
                    if (!Readable(() => name = property.Name))
                    {
                        return path;
                    }

                    if (FirstInvalidText(property.Value, Join(path, name)) is { } inValue)
                    {
                        return inValue;
                    }
                }

                return null;
            default:
                return null;
        }

        static bool Readable(Func<string?> read)
        {
            try
            {
                read();
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private static ParseError Malformed(JsonException error)
    {
        var message = error.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut].TrimEnd(' ', '|', '.');
        }

        return new ParseError("$", $"Malformed JSON at line {(error.LineNumber ?? 0) + 1}, position {(error.BytePositionInLine ?? 0) + 1}: {message}.");
    }

    /// <summary>Checks that the element is an object whose fields are all known and unique.</summary>
    public bool Object(JsonElement element, string path, params ReadOnlySpan<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(path, $"Expected an object, found {Describe(element)}.");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Fail(Join(path, property.Name), "Field appears more than once.");
                continue;
            }

            var isKnown = false;
            foreach (var name in known)
            {
                if (string.Equals(name, property.Name, StringComparison.Ordinal))
                {
                    isKnown = true;
                    break;
                }
            }

            if (!isKnown)
            {
                Fail(Join(path, property.Name), $"Unknown field '{property.Name}'. Expected one of: {string.Join(", ", known.ToArray())}.");
            }
        }

        return true;
    }

    private bool Member(JsonElement obj, string path, string name, bool required, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Fail(Join(path, name), "Required.");
        }

        value = default;
        return false;
    }

    public string? String(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(Join(path, name), $"Expected a string, found {Describe(value)}.");
            return null;
        }

        return value.GetString();
    }

    public bool? Bool(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(Join(path, name), $"Expected true or false, found {Describe(value)}.");
            return null;
        }

        return value.GetBoolean();
    }

    public decimal? Decimal(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Fail(Join(path, name), $"Expected a number, found {Describe(value)}.");
            return null;
        }

        return number;
    }

    public int? Int(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Fail(Join(path, name), $"Expected a whole number, found {Describe(value)}.");
            return null;
        }

        return number;
    }

    public TEnum? Enum<TEnum>(JsonElement obj, string path, string name, bool required = true)
        where TEnum : struct, Enum
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        Fail(Join(path, name), $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
        return null;
    }

    /// <summary>An instant must carry its offset (<c>Z</c> or <c>+08:00</c>): a bare local time is ambiguous.</summary>
    public DateTimeOffset? Instant(JsonElement obj, string path, string name, bool required = false)
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z')
            || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        if (!hasOffset || text.Length < 20 || text[10] != 'T'
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            Fail(Join(path, name), $"'{text}' is not an ISO 8601 instant with an offset, like 2026-11-20T09:30:00Z.");
            return null;
        }

        return instant.ToUniversalTime();
    }

    public TimeOnly? Time(JsonElement obj, string path, string name, bool required = true)
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Fail(Join(path, name), $"'{text}' is not a local time HH:mm.");
            return null;
        }

        return time;
    }

    public DateOnly? Date(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Fail(path, $"Expected a date yyyy-MM-dd, found {Describe(value)}.");
            return null;
        }

        return date;
    }

    public List<T>? Array<T>(JsonElement obj, string path, string name, Func<JsonElement, string, T?> readItem, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return required ? null : [];
        }

        var arrayPath = Join(path, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(arrayPath, $"Expected an array, found {Describe(value)}.");
            return null;
        }

        var items = new List<T>(value.GetArrayLength());
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            var item = readItem(element, Index(arrayPath, index++));
            if (item is not null)
            {
                items.Add(item);
            }
        }

        return items;
    }

    public List<string>? Strings(JsonElement obj, string path, string name, bool required = true) =>
        Array(obj, path, name, (element, itemPath) =>
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                Fail(itemPath, $"Expected a string, found {Describe(element)}.");
                return null;
            }

            return element.GetString();
        }, required);

    public LocalizedText? Texts(JsonElement obj, string path, string name, bool required = true)
    {
        if (!Member(obj, path, name, required, out var value))
        {
            return required ? null : LocalizedText.Empty;
        }

        var mapPath = Join(path, name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(mapPath, $"Expected an object of texts per locale, found {Describe(value)}.");
            return null;
        }

        var entries = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Fail(Join(mapPath, property.Name), "Locale appears more than once.");
            }
            else if (property.Value.ValueKind != JsonValueKind.String)
            {
                Fail(Join(mapPath, property.Name), $"Expected a string, found {Describe(property.Value)}.");
            }
            else
            {
                entries.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
            }
        }

        return LocalizedText.From(entries);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{Truncate(element.GetString()!)}\"",
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
