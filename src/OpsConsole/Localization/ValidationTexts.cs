using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsConsole.Localization;

/// <summary>
/// The domain's validation messages in the console's language. The domain writes English, and stays so: the API, the
/// verbs and stored reports speak English to everyone. The console matches a message against the English templates
/// below and fills the translation with the same values; a value that is a text itself (a label such as "The channel
/// name", or "Free-shipping rule FS-1") is translated the same way. A message no template matches stays English.
/// </summary>
/// <remarks>
/// Matching the finished message rather than carrying a template through the domain keeps the domain's messages plain
/// strings that read well where they are written; a test validates a configuration broken in every way the domain
/// reports and checks that each message comes out translated, so a new or reworded message cannot slip through.
/// </remarks>
public static class ValidationTexts
{
    internal static readonly IReadOnlyDictionary<string, string> ZhHant = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The whole configuration
        ["Unknown site '{0}'. Sites are {1}."] = "未知的站點「{0}」。站點有 {1}。",
        ["Channel code {0} is used more than once."] = "渠道代碼 {0} 重複使用。",
        ["No channel is enabled, so buyers cannot be offered any shipping."] = "沒有啟用任何渠道，買家將看不到任何物流選項。",
        ["Promotion {0} names channel {1}, which does not exist."] = "優惠 {0} 指定的渠道 {1} 不存在。",
        ["Promotion {0} is on {1}, a {2} channel; consolidation promotions need a Consolidation channel."] = "優惠 {0} 設在 {1}（{2} 類型的渠道）；集運優惠必須設在 Consolidation 類型的渠道。",
        ["Promotion {0} is on {1}, which is disabled, so it never applies."] = "優惠 {0} 設在已停用的渠道 {1}，因此永遠不會生效。",
        ["{0} id {1} is used more than once."] = "{0}的編號 {1} 重複使用。",
        ["{0} names channel {1}, which does not exist. Channels are {2}."] = "{0} 指定的渠道 {1} 不存在。現有渠道：{2}。",
        ["{0} names only disabled channels ({1}), so it has no effect."] = "{0} 只指定了已停用的渠道（{1}），因此沒有作用。",
        ["Free-shipping rule {0} targets {1}, but rule {2} blocks its sale."] = "免運規則 {0} 針對 {1}，但規則 {2} 禁止銷售該類目。",
        ["Free-shipping rules {0} and {1} both apply to {2} at the same time with different thresholds ({3} and {4})."] =
            "免運規則 {0} 與 {1} 在同一時段都適用於 {2}，但門檻不同（{3} 與 {4}）。",

        // Shared rules: money, names, texts per locale, windows, categories
        ["{0} {1} must not be negative."] = "{0} {1} 不可為負數。",
        ["{0} {1} has more decimals than {2} allows ({3})."] = "{0} {1} 的小數位數超過 {2} 允許的 {3} 位。",
        ["{0} is required."] = "{0}為必填。",
        ["{0} has no text for {1}; {2} shows {3}."] = "{0}缺少 {1} 的文案；{2}會顯示 {3}。",
        ["{0} has a text for {1}, which {2} does not show; it will never be used."] = "{0}有 {1} 的文案，但{2}不顯示這個語系，所以永遠不會用到。",
        ["{0} ({1}) uses {2}, which is not one of {3}."] = "{0}（{1}）使用了 {2}，它不屬於 {3}。",
        ["The window ends ({0}) before or when it starts ({1})."] = "有效期的結束時間（{0}）不晚於開始時間（{1}）。",
        ["{0} '{1}' is not a category path like health/medicine."] = "{0}「{1}」不是類目路徑（例如 health/medicine）。",

        // Channels
        ["Channel code '{0}' must be upper snake case, like DIRECT_STD."] = "渠道代碼「{0}」必須是大寫英文字母、數字與底線，例如 DIRECT_STD。",
        ["First weight {0} g must be more than 0 g."] = "首重 {0} 克必須大於 0 克。",
        ["Step weight {0} g must be more than 0 g."] = "續重 {0} 克必須大於 0 克。",
        ["Maximum weight {0} g must be at least the first weight ({1} g)."] = "最大重量 {0} 克不可小於首重（{1} 克）。",
        ["Maximum weight {0} g is more than a tonne; is it a typo?"] = "最大重量 {0} 克超過一噸，是否輸入錯誤？",
        ["Maximum weight {0} g must be more than 0 g."] = "最大重量 {0} 克必須大於 0 克。",
        ["Minimum transit days {0} must not be negative."] = "最少運送天數 {0} 不可為負數。",
        ["Maximum transit days ({0}) must be at least the minimum ({1})."] = "最多運送天數（{0}）不可少於最少運送天數（{1}）。",
        ["Maximum transit days {0} is more than 120; is it a typo?"] = "最多運送天數 {0} 超過 120，是否輸入錯誤？",
        ["A remote-area surcharge needs at least one area or postal-code prefix."] = "偏遠地區附加費至少需要一個區域或郵遞區號前綴。",

        // Free shipping and promotions
        ["A free-shipping rule must name at least one channel."] = "免運規則至少要指定一個渠道。",
        ["A promotion needs at least one tier."] = "優惠至少需要一個級距。",
        ["Tier minimum {0} must not be negative."] = "級距門檻 {0} 不可為負數。",
        ["Tier minimum {0} must be a whole number of {1}."] = "級距門檻 {0} 必須是整數（{1}）。",
        ["Tier minimum {0} has more decimals than {1} allows ({2})."] = "級距門檻 {0} 的小數位數超過 {1} 允許的 {2} 位。",
        ["Tier minimums must rise strictly: {0} follows {1}."] = "級距門檻必須嚴格遞增：{0} 排在 {1} 之後。",
        ["A higher tier must not give a smaller discount: {0} follows {1}."] = "較高級距的折扣不可較小：{0} 排在 {1} 之後。",
        ["A percent discount needs a value above 0 and at most 100, not {0}."] = "百分比折扣的值必須大於 0 且不超過 100，而不是 {0}。",
        ["An amount discount needs a value above 0, not {0}."] = "金額折扣的值必須大於 0，而不是 {0}。",
        ["Discount amount {0} has more decimals than {1} allows ({2})."] = "折扣金額 {0} 的小數位數超過 {1} 允許的 {2} 位。",
        ["A free discount takes no value; it is ignored."] = "免費折扣不需要數值，此值會被忽略。",

        // Restricted goods
        ["The rule matches no category, attribute, keyword or weight, so it would match every item."] = "此規則沒有指定類目、屬性、關鍵字或重量，因此會符合所有商品。",
        ["Category prefix '{0}' is not a category path like health/medicine."] = "類目前綴「{0}」不是類目路徑（例如 health/medicine）。",
        ["Attribute '{0}' is not one of {1}; items only match it if the shop sends it exactly."] = "屬性「{0}」不屬於 {1}；只有商店送出完全相同的屬性時，商品才會符合。",
        ["Minimum unit weight {0} g must be more than 0 g."] = "最小單件重量 {0} 克必須大於 0 克。",
        ["A BlockChannels rule must name the channels it blocks."] = "BlockChannels 規則必須指定要封鎖的渠道。",
        ["Channels are only used by BlockChannels rules; this {0} rule ignores them."] = "只有 BlockChannels 規則會使用渠道；此 {0} 規則會忽略它們。",
        ["A QuantityLimit rule needs a maximum quantity of at least 1."] = "QuantityLimit 規則的最大數量至少要是 1。",
        ["A QuantityLimit rule needs a maximum quantity of at least 1, not {0}."] = "QuantityLimit 規則的最大數量至少要是 1，而不是 {0}。",
        ["A maximum quantity is only used by QuantityLimit rules; this {0} rule ignores it."] = "只有 QuantityLimit 規則會使用最大數量；此 {0} 規則會忽略它。",

        // Reading a configuration file (JSON import, the JSON editor)
        ["Malformed JSON at line {0}, position {1}: {2}."] = "JSON 格式錯誤，第 {0} 行第 {1} 個位置：{2}。",
        ["Expected an object, found {0}."] = "應為物件，實際為 {0}。",
        ["Field appears more than once."] = "欄位重複出現。",
        ["Unknown field '{0}'. Expected one of: {1}."] = "未知的欄位「{0}」。應為下列之一：{1}。",
        ["Required."] = "必填。",
        ["Expected a string, found {0}."] = "應為字串，實際為 {0}。",
        ["Expected true or false, found {0}."] = "應為 true 或 false，實際為 {0}。",
        ["Expected a number, found {0}."] = "應為數字，實際為 {0}。",
        ["Expected a whole number, found {0}."] = "應為整數，實際為 {0}。",
        ["'{0}' is not one of: {1}."] = "「{0}」不屬於：{1}。",
        ["'{0}' is not an ISO 8601 instant with an offset, like 2026-11-20T09:30:00Z."] = "「{0}」不是帶時區偏移的 ISO 8601 時間，例如 2026-11-20T09:30:00Z。",
        ["'{0}' is not a local time HH:mm."] = "「{0}」不是 HH:mm 格式的當地時間。",
        ["Expected a date yyyy-MM-dd, found {0}."] = "應為 yyyy-MM-dd 格式的日期，實際為 {0}。",
        ["Expected an array, found {0}."] = "應為陣列，實際為 {0}。",
        ["Expected an object of texts per locale, found {0}."] = "應為依語系列出文案的物件，實際為 {0}。",
        ["Locale appears more than once."] = "語系重複出現。",
        ["an object"] = "物件",
        ["an array"] = "陣列",
        ["nothing"] = "空值",

        // Values that are texts: the labels the messages above name, and words inside them
        ["Free-shipping rule {0}"] = "免運規則 {0}",
        ["Restricted-goods rule {0}"] = "限售商品規則 {0}",
        ["Free-shipping rule"] = "免運規則",
        ["Restricted-goods rule"] = "限售商品規則",
        ["Promotion"] = "優惠",
        ["First price"] = "首重價格",
        ["Step price"] = "續重價格",
        ["Threshold"] = "門檻",
        ["Daily budget"] = "每日預算",
        ["Surcharge"] = "附加費",
        ["The rule id"] = "規則編號",
        ["The rule name"] = "規則名稱",
        ["The promotion id"] = "優惠編號",
        ["The promotion name"] = "優惠名稱",
        ["The channel name"] = "渠道名稱",
        ["The delivery promise"] = "送達承諾文案",
        ["The free-shipping nudge"] = "免運提示文案",
        ["The promotion nudge"] = "優惠提示文案",
        ["The reason"] = "原因",
        ["Included category"] = "包含類目",
        ["Excluded category"] = "排除類目",
        ["stores"] = "店鋪數",
        ["grams"] = "克",
        ["{0} off"] = "減 {0}",
        ["free"] = "免費",
        ["none"] = "無",
        ["Hong Kong"] = "香港",
        ["Taiwan"] = "台灣",
        ["Singapore"] = "新加坡",
        ["Malaysia"] = "馬來西亞",
    };

    // Longest literal text first: a specific template ("Discount amount {0} has more decimals ...") wins over a general
    // one that would also match ("{0} {1} has more decimals ...").
    private static readonly Template[] Templates =
        [.. ZhHant.Select(entry => new Template(entry.Key, entry.Value)).OrderByDescending(t => t.LiteralLength)];

    /// <summary>The message in the console's language: Traditional Chinese when the UI culture is, else as written.</summary>
    public static string Translate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ConsoleTexts.IsTraditionalChinese(CultureInfo.CurrentUICulture) ? ToZhHant(message, depth: 0) : message;
    }

    private static string ToZhHant(string text, int depth)
    {
        foreach (var template in Templates)
        {
            if (template.TryMatch(text, out var values))
            {
                // Values are translated too, a level deep: labels, and the words of a label like "Free-shipping rule FS-1".
                return string.Format(CultureInfo.InvariantCulture, template.Translation,
                    depth < 2 ? [.. values.Select(v => (object)ToZhHant(v, depth + 1))] : [.. values.Cast<object>()]);
            }
        }

        return text;
    }

    private sealed class Template
    {
        private static readonly Regex Placeholder = new(@"\{(\d+)\}", RegexOptions.CultureInvariant);
        private readonly Regex pattern;
        private readonly string prefix;
        private readonly string suffix;

        public Template(string english, string translation)
        {
            Translation = translation;
            var literals = Placeholder.Split(english).Where((_, i) => i % 2 == 0).ToArray();
            LiteralLength = literals.Sum(l => l.Length);
            prefix = literals[0];
            suffix = literals[^1];
            // A value is matched as short as it can be, except a label right before its amount ("{0} {1} must not be
            // negative", "First price -1 ..."): that one takes all but the last word.
            var escaped = Regex.Escape(english).Replace(@"\{", "{", StringComparison.Ordinal);
            pattern = new Regex(
                "^" + Placeholder.Replace(escaped, m => escaped.AsSpan(m.Index + m.Length).StartsWith(@"\ {") ? "(.+)" : "(.+?)") + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }

        public string Translation { get; }

        public int LiteralLength { get; }

        public bool TryMatch(string text, out string[] values)
        {
            values = [];
            if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }

            var match = pattern.Match(text);
            if (!match.Success)
            {
                return false;
            }

            values = [.. match.Groups.Values.Skip(1).Select(g => g.Value)];
            return true;
        }
    }
}
