using System.Globalization;

namespace OpsConsole.Localization;

/// <summary>
/// The console's own texts in Traditional Chinese, keyed by their English. English is the source and the
/// fallback, so a text without a translation still reads; buyer-facing texts never come from here (they
/// are configuration, per site locale).
/// </summary>
/// <remarks>
/// A dictionary instead of .resx files: the keys stay readable in the markup, a missing translation is one
/// line to add, and a test checks the table. Only the UI culture switches; formatting stays English so
/// that numbers and dates read the same to everyone working on a change.
/// </remarks>
public static class ConsoleTexts
{
    public const string English = "en";
    public const string TraditionalChinese = "zh-Hant";

    public static IReadOnlyList<string> UiCultures { get; } = [English, TraditionalChinese];

    internal static readonly IReadOnlyDictionary<string, string> ZhHant = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Shell
        ["Overview"] = "總覽",
        ["Configuration"] = "設定",
        ["Change requests"] = "變更申請",
        ["Releases"] = "發佈版本",
        ["Audit log"] = "稽核紀錄",
        ["Administration"] = "系統管理",
        ["Sign out"] = "登出",
        ["Language"] = "語言",
        ["Hong Kong"] = "香港",
        ["Taiwan"] = "台灣",
        ["Singapore"] = "新加坡",
        ["Malaysia"] = "馬來西亞",

        // Change request page and editors
        ["Edit the proposal"] = "編輯提案",
        ["The proposal"] = "提案內容",
        ["Free shipping"] = "免運規則",
        ["Channels"] = "物流渠道",
        ["Promotions"] = "集運優惠",
        ["Restricted goods"] = "禁限售商品",
        ["Validation"] = "檢核",
        ["Preview"] = "預覽",
        ["Review"] = "審核",
        ["Add rule"] = "新增規則",
        ["Add channel"] = "新增渠道",
        ["Add promotion"] = "新增優惠",
        ["Add tier"] = "新增級距",
        ["Add surcharge"] = "新增附加費",
        ["Add holiday"] = "新增假期",
        ["Id"] = "編號",
        ["Name (staff only)"] = "名稱（僅內部）",
        ["Scope"] = "適用範圍",
        ["Threshold"] = "門檻",
        ["Max weight (g)"] = "重量上限（克）",
        ["Include categories"] = "包含類目",
        ["Exclude categories"] = "排除類目",
        ["Audience"] = "適用對象",
        ["Valid from"] = "生效時間",
        ["Valid to"] = "失效時間",
        ["Also waives surcharges (remote area, home delivery)"] = "同時免除附加費（偏遠地區、送貨上門）",
        ["Nudge shown while the threshold is not reached"] = "未達門檻時的提示文案",
        ["Code"] = "代碼",
        ["Kind"] = "類型",
        ["Enabled"] = "啟用",
        ["Name shown to buyers"] = "買家看到的名稱",
        ["Rate"] = "運費",
        ["Transit"] = "運送時效",
        ["Surcharges"] = "附加費",
        ["Delivery promise"] = "送達承諾文案",
        ["Placeholders"] = "佔位符",
        ["Reads"] = "顯示為",
        ["Channel"] = "渠道",
        ["Basis"] = "計算基準",
        ["Daily budget"] = "每日預算",
        ["Stacks with free shipping (otherwise the larger discount wins)"] = "可與免運疊加（否則取較大折扣）",
        ["Nudge towards the next tier"] = "下一級距的提示文案",
        ["Action"] = "處理方式",
        ["Reason shown to buyers"] = "買家看到的原因",
        ["Legal reference"] = "法規依據",
        ["Export JSON"] = "匯出 JSON",
        ["Import JSON (replaces the whole draft)"] = "匯入 JSON（取代整份草稿）",
        ["Export CSV"] = "匯出 CSV",
        ["Cart"] = "購物車",
        ["Area"] = "地區",
        ["Postal code"] = "郵遞區號",
        ["Buyer locale"] = "買家語系",
        ["Home delivery"] = "送貨上門",
        ["New buyer"] = "新買家",
        ["Draft"] = "草稿",
        ["Availability"] = "可用性",
        ["Fee"] = "運費金額",
        ["Discounts"] = "折扣",
        ["Promise"] = "送達承諾",
        ["Nudges"] = "提示",
    };

    /// <summary>The text in the user's console language.</summary>
    public static string T(string english) =>
        IsTraditionalChinese(CultureInfo.CurrentUICulture) && ZhHant.TryGetValue(english, out var text) ? text : english;

    private static bool IsTraditionalChinese(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (c.Name == TraditionalChinese)
            {
                return true;
            }
        }

        return false;
    }
}
