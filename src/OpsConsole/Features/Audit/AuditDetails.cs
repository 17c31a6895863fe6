using System.Text.Json;
using System.Text.RegularExpressions;
using OpsConsole.Localization;

namespace OpsConsole.Features.Audit;

/// <summary>
/// An audit entry's details as its reader takes them in: one line per property, strings as written (a rejection's
/// reason, a rollback's), lists joined. The stored JSON stays what the hash chain covers; this only shows it.
/// </summary>
public static partial class AuditDetails
{
    public static IReadOnlyList<(string Name, string Value)> Lines(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [("", Text(document.RootElement))];
            }

            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, Shown(p.Name, p.Value)))];
        }
        catch (JsonException)
        {
            // Written by hand or by an older version: shown as it is rather than not at all.
            return [("", details)];
        }
    }

    /// <summary>
    /// A detail's name as a reader says it: its words ("acknowledgedWarnings" reads "acknowledged warnings"), in the
    /// console's language through <see cref="ConsoleTexts"/> like the actions' names (已確認的警告).
    /// </summary>
    public static string Label(string name) => ConsoleTexts.T(Words(name));

    /// <summary>A camelCase name as lower-case words.</summary>
    public static string Words(string name) => CamelHump().Replace(name, " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex CamelHump();

    // The values the console writes in words of its own: yes and no, a change request's state, what an edit changed. The rest
    // (names, ids, sections' JSON names, what people typed) is shown as written.
    private static string Shown(string name, JsonElement value) => (name, value.ValueKind) switch
    {
        (_, JsonValueKind.True or JsonValueKind.False) => ConsoleTexts.T(value.GetRawText()),
        ("state", JsonValueKind.String) when Enum.TryParse<Persistence.ChangeRequestState>(value.GetString(), out var state)
            && ConsoleTexts.IsTraditionalChinese(System.Globalization.CultureInfo.CurrentUICulture) =>
            $"{Components.Shared.StateBadge.TextOf(state)} ({value.GetString()})",
        ("changed", JsonValueKind.Array) when value.GetArrayLength() > 0 => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? ConsoleTexts.T(v.GetString()!) : Text(v))),
        _ => Text(value),
    };

    // An empty list reads as a missing value does: after its label, nothing at all looked like a value the page failed to show.
    // A change the console records as {from, to} reads as one.
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array when value.GetArrayLength() == 0 => "—",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Null => "—",
        JsonValueKind.Object when IsChange(value, out var from, out var to) => $"{Text(from)} → {Text(to)}",
        _ => value.GetRawText(),
    };

    private static bool IsChange(JsonElement value, out JsonElement from, out JsonElement to)
    {
        from = to = default;
        return value.EnumerateObject().Count() == 2 && value.TryGetProperty("from", out from) && value.TryGetProperty("to", out to);
    }
}
