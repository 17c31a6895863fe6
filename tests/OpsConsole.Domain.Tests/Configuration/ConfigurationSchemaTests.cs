using System.Text.Json;
using System.Text.RegularExpressions;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Configuration;

/// <summary>
/// The schema must describe exactly what the canonical serializer writes. Checked with a small
/// structural reader of the keywords the schema uses (no schema package is available here).
/// </summary>
public class ConfigurationSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ConfigurationSchema.Json).RootElement;

    public static TheoryData<string> Documents() => ["example", "HK", "TW", "SG", "MY", "synthetic", "MY sections"];

    private static string Document(string name) => name switch
    {
        "example" => TestFiles.Example("config.HK.json"),
        "synthetic" => ConfigurationJson.Serialize(SyntheticConfiguration.Create(restrictedGoodsRules: 200, seed: 3)),
        "MY sections" => ConfigurationJson.SerializeSections(DemoConfigurations.For("MY")),
        _ => DemoConfigurations.Json(name),
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Schema_AcceptsCanonicalDocuments(string name)
    {
        var json = Document(name);
        var problems = new List<string>();
        Check(JsonDocument.Parse(json).RootElement, Schema, "$", problems);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("\"kind\": \"DirectStandard\"", "\"kind\": \"Direct\"", "$.channels[0].kind: not one of")]
    [InlineData("\"enabled\": true", "\"enabled\": true, \"colour\": \"red\"", "$.channels[0].colour: not in the schema")]
    [InlineData("\"cutoffLocalTime\": \"15:00\"", "\"cutoffLocalTime\": \"3pm\"", "$.channels[0].transit.cutoffLocalTime: does not match")]
    public void Schema_RejectsWhatTheParserRejects(string find, string replace, string expected)
    {
        var json = TestFiles.Example("config.HK.json");
        var index = json.IndexOf(find, StringComparison.Ordinal);
        var broken = json[..index] + replace + json[(index + find.Length)..];
        var problems = new List<string>();

        Check(JsonDocument.Parse(broken).RootElement, Schema, "$", problems);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.False(ConfigurationJson.Parse(broken).Succeeded);
    }

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Schema.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]))
            : schema;

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => IsOfType(value, t)))
            {
                problems.Add($"{path}: {value.ValueKind} is not {string.Join(" or ", types)}");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            problems.Add($"{path}: not one of {values}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
        {
            problems.Add($"{path}: does not match {pattern}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.Object)
                {
                    Check(property.Value, additional, $"{path}.{property.Name}", problems);
                }
                else
                {
                    problems.Add($"{path}.{property.Name}: not in the schema");
                }
            }

            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)).Select(r => $"{path}.{r}: required"));
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{i++}]", problems);
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
