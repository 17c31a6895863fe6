using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsConsole.Tests.Api;

/// <summary>
/// A small JSON Schema evaluator for the keywords the site-config schema uses (type, enum, pattern, not,
/// properties, required, additionalProperties, items, $ref into $defs). JsonSchema.Net does not restore
/// from the feed (its JsonPointer.Net dependency is not served), so the schema is checked with this.
/// A keyword it does not know fails the check, so the schema cannot quietly grow past what is tested.
/// It also reads the OpenAPI document's schemas (references into <c>#/components/schemas</c>, <c>nullable</c>,
/// <c>format</c>, <c>minimum</c> and <c>maximum</c>).
/// </summary>
internal sealed class SchemaValidator(JsonElement root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description"];

    public List<string> Validate(JsonElement instance) => Validate(root, instance);

    /// <summary>Checks <paramref name="instance"/> against one schema inside the root (an OpenAPI document's component).</summary>
    public List<string> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Check(schema, instance, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean())
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            switch (keyword.Name)
            {
                case "$ref":
                    var target = root;
                    var pointer = keyword.Value.GetString()!;
                    Assert.StartsWith("#/", pointer);
                    foreach (var step in pointer[2..].Split('/'))
                    {
                        target = target.GetProperty(step);
                    }

                    Check(target, value, path, errors);
                    break;
                case "nullable":
                    break;
                case "not":
                    var inner = new List<string>();
                    Check(keyword.Value, value, path, inner);
                    if (inner.Count == 0)
                    {
                        errors.Add($"{path}: matches what 'not' refuses ({keyword.Value.GetRawText()})");
                    }

                    break;
                case "format":
                    var format = keyword.Value.GetString();
                    if (value.ValueKind == JsonValueKind.String && format switch
                        {
                            "date" => !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                            "date-time" => !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                            _ => throw new ArgumentException($"Unknown format '{format}' in the schema."),
                        })
                    {
                        errors.Add($"{path}: '{value.GetString()}' is not a {format}");
                    }

                    break;
                case "minimum" or "maximum":
                    if (value.ValueKind == JsonValueKind.Number
                        && (keyword.Name == "minimum" ? value.GetDecimal() < keyword.Value.GetDecimal() : value.GetDecimal() > keyword.Value.GetDecimal()))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is out of range ({keyword.Name} {keyword.Value.GetRawText()})");
                    }

                    break;
                case "minItems":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() < keyword.Value.GetInt32())
                    {
                        errors.Add($"{path}: fewer than {keyword.Value.GetInt32()} items");
                    }

                    break;
                case "type":
                    var types = keyword.Value.ValueKind == JsonValueKind.Array ? keyword.Value.EnumerateArray().Select(t => t.GetString()!).ToList() : [keyword.Value.GetString()!];
                    if (!types.Any(t => IsType(value, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {value.ValueKind}");
                    }

                    break;
                case "enum":
                    if (!keyword.Value.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
                    {
                        errors.Add($"{path}: {value.GetRawText()} is not in the enum");
                    }

                    break;
                case "pattern":
                    if (value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, keyword.Value.GetString()!))
                    {
                        errors.Add($"{path}: '{value.GetString()}' does not match {keyword.Value.GetString()}");
                    }

                    break;
                case "required":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var required in keyword.Value.EnumerateArray().Select(r => r.GetString()!))
                        {
                            if (!value.TryGetProperty(required, out _))
                            {
                                errors.Add($"{path}.{required}: required");
                            }
                        }
                    }

                    break;
                case "properties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in value.EnumerateObject())
                        {
                            if (keyword.Value.TryGetProperty(property.Name, out var propertySchema))
                            {
                                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        var declared = schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
                        foreach (var property in value.EnumerateObject().Where(p => !declared.Contains(p.Name)))
                        {
                            if (keyword.Value.ValueKind == JsonValueKind.False)
                            {
                                errors.Add($"{path}.{property.Name}: not allowed");
                            }
                            else
                            {
                                Check(keyword.Value, property.Value, $"{path}.{property.Name}", errors);
                            }
                        }
                    }

                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        var index = 0;
                        foreach (var item in value.EnumerateArray())
                        {
                            Check(keyword.Value, item, $"{path}[{index++}]", errors);
                        }
                    }

                    break;
                case "$defs":
                    break;
                default:
                    Assert.Contains(keyword.Name, Annotations);
                    break;
            }
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        _ => throw new ArgumentException($"Unknown type '{type}' in the schema."),
    };
}
