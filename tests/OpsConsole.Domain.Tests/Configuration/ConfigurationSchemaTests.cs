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
        Assert.Empty(SchemaProblems(Document(name)));
    }

    [Theory]
    [InlineData("\"kind\": \"DirectStandard\"", "\"kind\": \"Direct\"", "$.channels[0].kind: not one of")]
    [InlineData("\"enabled\": true", "\"enabled\": true, \"colour\": \"red\"", "$.channels[0].colour: not in the schema")]
    [InlineData("\"cutoffLocalTime\": \"15:00\"", "\"cutoffLocalTime\": \"3pm\"", "$.channels[0].transit.cutoffLocalTime: does not match")]
    public void Schema_RejectsWhatTheParserRejects(string find, string replace, string expected)
    {
        var broken = ExampleWith(find, replace);

        Assert.Contains(SchemaProblems(broken), p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.False(ConfigurationJson.Parse(broken).Succeeded);
    }

    [Theory]
    [InlineData("\"Items with batteries cannot", "\"Items with batteries\\ncannot", "$.restrictedGoods[0].reasons.en-HK: does not match")]
    [InlineData("\"id\": \"RG-HK-BATTERY-AIR\"", "\"id\": \"RG-HK-BATTERY-AIR \"", "$.restrictedGoods[0].id: does not match")]
    [InlineData("\"attributes\": [\"Battery\"]", "\"attributes\": [\"\\u200BBattery\"]", "$.restrictedGoods[0].match.attributes[0]: does not match")]
    public void Schema_RefusesWhatTheValidatorRefusesInTextsAndIds(string find, string replace, string expected)
    {
        var broken = ExampleWith(find, replace);

        Assert.Contains(SchemaProblems(broken), p => p.StartsWith(expected, StringComparison.Ordinal));
        Assert.False(Domain.Validation.ConfigurationValidator.Validate(ConfigurationJson.Parse(broken).Value!).IsValid);
    }

    /// <summary>The schema's patterns and the validator agree on every character, in a text and in an id.</summary>
    [Fact]
    public void Schema_LineAndValuePatterns_RefuseExactlyTheCharactersTheValidatorRefuses()
    {
        var defs = Schema.GetProperty("$defs");
        // Each refuses what its "not" pattern finds anywhere: a search, so that no engine's idea of "$" before a final line break matters.
        var line = new Regex(defs.GetProperty("line").GetProperty("not").GetProperty("pattern").GetString()!);
        var value = new Regex(defs.GetProperty("value").GetProperty("not").GetProperty("pattern").GetString()!);
        var disagreements = new List<string>();
        for (var code = 0; code <= 0xFFFF; code++)
        {
            if (char.IsSurrogate((char)code))
            {
                continue;
            }

            foreach (var text in new[] { $"a{(char)code}b", $"{(char)code}b", $"a{(char)code}" })
            {
                if (line.IsMatch(text) == (Domain.Validation.RuleBuilders.TextFailure("$", "Text", text, exact: false) is null))
                {
                    disagreements.Add($"text U+{code:X4} in \"{text}\"");
                }

                if (value.IsMatch(text) == (Domain.Validation.RuleBuilders.TextFailure("$", "Id", text, exact: true) is null))
                {
                    disagreements.Add($"value U+{code:X4} in \"{text}\"");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(40)));
    }

    private static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Resolve(Schema.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]))
            : schema;

    /// <summary>The HK example with its first <paramref name="find"/> replaced.</summary>
    private static string ExampleWith(string find, string replace)
    {
        var json = TestFiles.Example("config.HK.json");
        var index = json.IndexOf(find, StringComparison.Ordinal);
        return json[..index] + replace + json[(index + find.Length)..];
    }

    private static List<string> SchemaProblems(string json)
    {
        var problems = new List<string>();
        Check(JsonDocument.Parse(json).RootElement, Schema, "$", problems);
        return problems;
    }

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

        if (schema.TryGetProperty("not", out var not))
        {
            var matched = new List<string>();
            Check(value, not, path, matched);
            if (matched.Count == 0)
            {
                problems.Add($"{path}: does not match, holding what {not} refuses");
            }
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
