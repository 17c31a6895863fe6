using System.Globalization;
using System.Text.Json;
using OpsConsole.Localization;

namespace OpsConsole.Features.Audit;

/// <summary>
/// An audit entry's details as its reader takes them in: one line per property, strings as written (a rejection's
/// reason, a rollback's), lists joined. The stored JSON stays what the hash chain covers; this only shows it.
/// </summary>
public static class AuditDetails
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

            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, Text(p.Value)))];
        }
        catch (JsonException)
        {
            // Written by hand or by an older version: shown as it is rather than not at all.
            return [("", details)];
        }
    }

    /// <summary>
    /// A detail's name as a reader says it, in the console's language ("acknowledgedWarnings" reads "acknowledged
    /// warnings", "已確認的警告"); a name the console does not write, from a newer version say, is shown as stored.
    /// </summary>
    public static string Label(string name)
    {
        if (!Labels.TryGetValue(name, out var label))
        {
            return name;
        }

        return ConsoleTexts.IsTraditionalChinese(CultureInfo.CurrentUICulture) ? label.ZhHant : label.English;
    }

    // Every property name the console's audit entries carry (ChangeRequestService, ReleasePublisher, ReleaseImporter,
    // ApiKeyStore, SignInRecorder); a test reads them from the source.
    private static readonly Dictionary<string, (string English, string ZhHant)> Labels = new(StringComparer.Ordinal)
    {
        ["acknowledgedWarnings"] = ("acknowledged warnings", "已確認的警告"),
        ["approvals"] = ("approvals", "核准數"),
        ["approved"] = ("approved", "已核准"),
        ["approvalsCleared"] = ("approvals cleared", "已清除核准"),
        ["approvalsForRestrictedGoods"] = ("approvals for restricted goods", "禁限售商品所需核准數"),
        ["approvers"] = ("approvers", "核准人"),
        ["backInReview"] = ("back in review", "退回審核"),
        ["baseVersion"] = ("base version", "基準版本"),
        ["changeRequest"] = ("change request", "變更申請"),
        ["changed"] = ("changed", "變更"),
        ["comment"] = ("comment", "意見"),
        ["conflicts"] = ("conflicts", "衝突"),
        ["from"] = ("from", "從"),
        ["hash"] = ("hash", "雜湊"),
        ["method"] = ("method", "方式"),
        ["prefix"] = ("key prefix", "金鑰前綴"),
        ["reason"] = ("reason", "原因"),
        ["required"] = ("required", "所需"),
        ["resolutions"] = ("resolutions", "解決方式"),
        ["roles"] = ("roles", "角色"),
        ["rollbackOf"] = ("rollback of", "回復自"),
        ["sections"] = ("sections", "區段"),
        ["sites"] = ("sites", "站點"),
        ["source"] = ("source", "來源"),
        ["state"] = ("state", "狀態"),
        ["title"] = ("title", "標題"),
        ["to"] = ("to", "至"),
        ["warnings"] = ("warnings", "警告"),
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}
