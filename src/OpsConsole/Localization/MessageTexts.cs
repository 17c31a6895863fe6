using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OpsConsole.Localization;

/// <summary>
/// Messages the domain and the console's services write in English, in the console's language. They stay English
/// wherever they leave the console: the API, the verbs, the form-post endpoints' problem details, the logs. The console
/// matches a message against the English templates below and fills the translation with the same values; a value that
/// is a text itself (a label such as "The channel name", or "Free-shipping rule FS-1") is translated the same way. A
/// message no template matches stays English.
/// </summary>
/// <remarks>
/// Matching the finished message rather than carrying a template through the domain keeps the messages plain strings
/// that read well where they are written. Tests keep the templates in step with the writers: the demo configuration
/// broken in every way the domain reports must come out translated, and every refusal the change-request service can
/// write must have a template.
/// </remarks>
public static class MessageTexts
{
    internal static readonly IReadOnlyDictionary<string, string> ZhHant = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The whole configuration
        ["Unknown site '{0}'. Sites are {1}."] = "未知的站點「{0}」。站點有 {1}。",
        ["Channel code {0} is used more than once."] = "渠道代碼 {0} 重複使用。",
        ["The configuration has no channels, so buyers cannot be offered any shipping."] = "此設定沒有任何渠道，買家將看不到任何物流選項。",
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
        ["{0} {1} is more than {2}; is it a typo?"] = "{0} {1} 超過 {2}，是否輸入錯誤？",
        ["{0} is required."] = "{0}為必填。",
        ["{0} has no text for {1}; {2} shows {3}."] = "{0}缺少 {1} 的文案；{2}會顯示 {3}。",
        ["{0} has a text for {1}, which {2} does not show; it will never be used."] = "{0}有 {1} 的文案，但{2}不顯示這個語系，所以永遠不會用到。",
        ["{0} ({1}) uses {2}, which is not one of {3}."] = "{0}（{1}）使用了 {2}，它不屬於 {3}。",
        ["The window ends ({0}) before it starts ({1})."] = "有效期的結束時間（{0}）早於開始時間（{1}）。",
        ["The window ends when it starts ({0}): it is empty; it must end after it starts."] = "有效期的結束時間等於開始時間（{0}）：有效期是空的；結束時間必須晚於開始時間。",
        ["{0} '{1}' is not a category path like health/medicine."] = "{0}「{1}」不是類目路徑（例如 health/medicine）。",
        ["{0} ({1}) holds {2}; texts are one line."] = "{0}（{1}）含有{2}；文案必須是單行。",
        ["{0} holds {1}; texts are one line."] = "{0}含有{1}；文字必須是單行。",
        ["{0} '{1}' starts or ends with a space, which nobody sees but which keeps it from matching; remove it."] = "{0}「{1}」的開頭或結尾有空格，看不見卻會使它比對不符；請刪除。",
        ["{0} '{1}' holds an invisible character ({2}), which keeps it from matching; remove it."] = "{0}「{1}」含有看不見的字元（{2}），會使它比對不符；請刪除。",

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
        ["Nudge texts are only shown for Cart rules; this SingleItem rule ignores them."] = "只有 Cart 規則會顯示提示文案；此 SingleItem 規則會忽略它們。",
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
        // The JSON reader's reasons (System.Text.Json's own English, as JsonInput quotes them without their final period).
        // A '}' in a translation is doubled: translations are format strings.
        ["The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true"] = "沒有任何 JSON 內容",
        ["'{0}' is an invalid start of a value"] = "「{0}」不能作為值的開頭",
        ["'{0}' is invalid after a value. Expected either ',', '}', or ']'"] = "值之後不能是「{0}」，應為「,」、「}}」或「]」",
        ["'{0}' is invalid after a single JSON value. Expected end of data"] = "JSON 內容已結束，之後不能再有「{0}」",
        ["'{0}' is an invalid start of a property name. Expected a '\"'"] = "「{0}」不能作為屬性名稱的開頭，屬性名稱須以「\"」括起",
        ["'{0}' is invalid after a property name. Expected a ':'"] = "屬性名稱之後不能是「{0}」，應為「:」",
        ["'{0}' is invalid without a matching open"] = "「{0}」沒有對應的左括號",
        ["Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed"] = "JSON 已結束，但仍有未關閉的物件或陣列（缺少「}}」或「]」）",
        ["Expected end of string, but instead reached end of data"] = "字串缺少結尾的「\"」，JSON 就已結束",
        ["Expected a value, but instead reached end of data"] = "此處應有一個值，JSON 卻已結束",
        ["Expected start of a property name or value, but instead reached end of data"] = "此處應有屬性名稱或值，JSON 卻已結束",
        ["'{0}' is an invalid escapable character within a JSON string. The string should be correctly escaped"] = "JSON 字串中的反斜線之後不能是「{0}」，請正確跳脫",
        ["'{0}' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped"] = "JSON 字串中「\\u」之後的「{0}」不是十六進位數字，請正確跳脫",
        ["'{0}' is invalid within a JSON string. The string should be correctly escaped"] = "JSON 字串中不能直接出現「{0}」，請正確跳脫（例如換行寫成 \\n）",
        ["'{0}' is an invalid JSON literal. Expected the literal 'true'"] = "「{0}」不是有效的 JSON 值，應為 true",
        ["'{0}' is an invalid JSON literal. Expected the literal 'false'"] = "「{0}」不是有效的 JSON 值，應為 false",
        ["'{0}' is an invalid JSON literal. Expected the literal 'null'"] = "「{0}」不是有效的 JSON 值，應為 null",
        ["Invalid leading zero before '{0}'"] = "數字在「{0}」之前不能有多餘的 0",
        ["'{0}' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9')"] = "數字中的正負號或 E 之後不能是「{0}」，應為 0-9 的數字",
        ["'{0}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9')"] = "數字的小數點之後不能是「{0}」，應為 0-9 的數字",
        ["'{0}' is an invalid end of a number. Expected a delimiter"] = "數字之後不能緊接「{0}」，應為分隔符號",
        ["'{0}' is an invalid end of a number. Expected 'E' or 'e'"] = "數字之後不能緊接「{0}」，應為 E 或 e",
        ["The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options"] = "JSON 物件的最後一項之後不能有逗號",
        ["The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options"] = "JSON 陣列的最後一項之後不能有逗號",
        ["The maximum configured depth of {0} has been exceeded. Cannot read next JSON array"] = "巢狀層數超過上限 {0} 層，無法再讀取下一個 JSON 陣列",
        ["The maximum configured depth of {0} has been exceeded. Cannot read next JSON object"] = "巢狀層數超過上限 {0} 層，無法再讀取下一個 JSON 物件",
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
        ["The file is larger than {0} MB."] = "檔案大於 {0} MB。",
        ["The file is for {0}; this change request is for {1}."] = "此檔案屬於 {0}；此變更申請屬於 {1}。",
        [Features.Editing.ConfigurationTransfer.NotUtf8] = "此檔案不是 UTF-8 文字，其中的中文無法正確讀取。請另存為 UTF-8（在記事本：另存新檔，編碼選 UTF-8），再匯入該檔案。",

        // Reading a restricted-goods CSV file
        ["The file is {0} MB; at most {1} MB can be imported."] = "檔案有 {0} MB；最多只能匯入 {1} MB。",
        ["The row is not valid CSV near “{0}” (check the quotes)."] = "此列不是有效的 CSV，問題在「{0}」附近（請檢查引號）。",
        ["The file is empty; the first line must name the columns."] = "檔案是空的；第一行必須列出欄位名稱。",
        [Features.Editing.RestrictedGoodsCsv.NotUtf8] = "此檔案不是 UTF-8 文字，其中的中文無法正確讀取。請在 Excel 以「另存新檔」選擇「CSV UTF-8 (逗號分隔) (*.csv)」，再匯入該檔案。",
        ["This column is missing from the header."] = "標題列缺少此欄位。",
        ["Unknown column. The columns are {0}."] = "未知的欄位。欄位有 {0}。",
        ["Id {0} is already used on line {1}."] = "編號 {0} 已在第 {1} 行使用。",
        ["The file cannot be read as CSV: {0}"] = "無法以 CSV 讀取此檔案：{0}",
        ["“{0}” is not a whole number of at least {1}."] = "「{0}」不是大於或等於 {1} 的整數。",
        ["“{0}” is not a UTC instant like 2026-12-01T00:00:00Z."] = "「{0}」不是 UTC 時間，例如 2026-12-01T00:00:00Z。",
        ["“{0}” is not one of {1}."] = "「{0}」不屬於：{1}。",

        ["an object"] = "物件",
        ["an array"] = "陣列",
        ["nothing"] = "空值",

        // The change-request workflow's refusals
        ["There is no site '{0}'."] = "沒有「{0}」這個站點。",
        // The audit log's filters, read from an address
        ["There is no audit action '{0}'."] = "沒有「{0}」這個稽核動作。",
        ["'{0}' must be a date written {1}; '{2}' is not one."] = "「{0}」必須是寫成 {1} 的日期；「{2}」不是日期。",
        ["'{0}' is given {1} times; give it once."] = "「{0}」出現了 {1} 次；請只給一次。",
        ["'{0}' is not a filter of the audit log; the filters are site, action, actor, from and to."] = "「{0}」不是稽核紀錄的篩選條件；篩選條件有 site、action、actor、from 和 to。",
        ["Only {0} editors can propose changes to {1}."] = "只有 {0} 的編輯者可以提出 {1} 的變更。",
        ["Give the change request a title of at most 200 characters."] = "請為變更申請輸入最多 200 個字元的標題。",
        ["The configuration is not valid JSON for a site configuration; nothing was saved."] = "此設定不是有效的站點設定 JSON；沒有儲存任何內容。",
        ["Only {0} editors can edit this change request."] = "只有 {0} 的編輯者可以編輯此變更申請。",
        ["A {0} change request cannot be edited."] = "{0}的變更申請不能編輯。",
        ["The configuration is for {0}, but this change request is for {1}."] = "此設定屬於 {0}，但此變更申請屬於 {1}。",
        ["Only {0} editors can submit this change request."] = "只有 {0} 的編輯者可以送審此變更申請。",
        ["Only a draft can be submitted; this one is {0}."] = "只有草稿可以送審；此申請目前為{0}。",
        ["The proposal has {0} {0:error|errors}; fix {0:it|them} before submitting."] = "提案有 {0} 個錯誤；請先修正再送審。",
        ["The proposal is the same as v{0}; there is nothing to review. Change something first, or withdraw it."] = "提案與 v{0} 相同，沒有可審核的內容。請先修改，或撤回此申請。",
        ["The proposal has {0} {0:warning|warnings}; acknowledge {0:it|them} to approve."] = "提案有 {0} 則警告；請確認後再核准。",
        ["Only {0} approvers can reject this change request."] = "只有 {0} 的審核人可以退回此變更申請。",
        ["Only a change request in review or approved can be rejected; this one is {0}."] = "只有審核中或已核准的變更申請可以退回；此申請目前為{0}。",
        ["Say why you reject it: the author needs to know what to change."] = "請說明退回原因：申請人需要知道要修改什麼。",
        ["The reason is {0} characters long; at most {1} are kept. Shorten it."] = "退回原因有 {0} 個字元；最多保留 {1} 個。請縮短。",
        ["Only the author can withdraw a change request."] = "只有申請人可以撤回變更申請。",
        ["expected entry {0} next, found {1}: an entry is missing"] = "下一筆應為第 {0} 筆，卻是第 {1} 筆：有紀錄遺失",
        ["it does not link to the entry before it"] = "它沒有連到前一筆紀錄",
        ["its content does not match its hash ({0} by {1} at {2})"] = "內容與其雜湊值不符（{1} 於 {2} 的 {0}）",
        ["A rollback proposes v{0}'s configuration as it was and cannot be edited; withdraw it and open a change request to change something else."] = "回復申請提議的是 v{0} 原本的設定，不能編輯；如要變更其他內容，請撤回後另開變更申請。",
        ["This change request is already {0}."] = "此變更申請已經是{0}。",
        ["There is no change request {0}."] = "沒有變更申請 {0}。",
        ["Only {0} editors and approvers can publish."] = "只有 {0} 的編輯者與審核人可以發佈。",
        ["Only an approved change request can be published; this one is {0}."] = "只有已核准的變更申請可以發佈；此申請目前為{0}。",
        ["{0} is now at v{1}, but this change request is based on v{2}. Rebase it onto v{3}; that clears its approvals."] =
            "{0} 目前為 v{1}，但此變更申請以 v{2} 為基準。請改以 v{3} 為基準（會清除已有的核准）。",
        ["{0} was published by someone else at the same moment; nothing was published. Reload and try again."] = "{0} 在同一時間被其他人發佈；沒有發佈任何內容。請重新載入後再試。",
        ["The database did not answer, so nothing was changed. What you entered is kept here: try again in a moment."] = "資料庫沒有回應，因此沒有任何變更。您輸入的內容仍保留在此：請稍後再試。",
        ["Not saved: the console may no longer write to its database (the database file or its folder has become read-only for it), so nothing was changed. What you entered is kept here. Trying again will not help until whoever runs the console makes the data folder and the files in it writable for it again."] =
            "未儲存：主控台已無法寫入其資料庫（資料庫檔案或其資料夾對它已變成唯讀），因此沒有任何變更。您輸入的內容仍保留在此。在負責運行主控台的人員讓資料夾及其中的檔案重新可供主控台寫入之前，重試也不會成功。",
        ["Not saved: the console's database file was moved, deleted or replaced while the console was running, so nothing was changed. What you entered is kept here. Saving will not work again until the console is restarted, which whoever runs it must do: keep a copy of your edits until then."] =
            "未儲存：主控台運行期間，其資料庫檔案被移動、刪除或取代，因此沒有任何變更。您輸入的內容仍保留在此。在負責運行主控台的人員重新啟動主控台之前，儲存都不會成功：在此之前請保留一份您的修改。",
        ["Only {0} editors can rebase this change request."] = "只有 {0} 的編輯者可以更新此變更申請的基準。",
        ["A {0} change request cannot be rebased."] = "{0}的變更申請不能更新基準。",
        ["This change request is already based on the current release."] = "此變更申請已經以目前版本為基準。",
        ["Both this change request and v{0} changed {1}: choose for each whether to keep yours or take v{2}'s."] = "此變更申請與 v{0} 都修改了 {1}：請逐項選擇保留您的內容或採用 v{2} 的內容。",
        ["Only {0} editors can propose a rollback."] = "只有 {0} 的編輯者可以提出回復。",
        ["{0} has no release v{1}."] = "{0} 沒有 v{1} 這個版本。",
        ["v{0} is the current release already."] = "v{0} 已經是目前版本。",
        ["v{0} has the configuration of the current release, v{1}: there is nothing to roll back."] = "v{0} 的設定與目前版本 v{1} 相同：沒有可回復的內容。",
        ["Only an administrator can roll back in an emergency."] = "只有系統管理員可以緊急回復。",
        ["An emergency rollback needs a reason: it skips the four-eyes review."] = "緊急回復需要填寫原因：它會略過雙人審核。",
        ["The reason for an emergency rollback is {0} characters long; at most {1} are kept. Shorten it."] = "緊急回復的原因有 {0} 個字元；最多保留 {1} 個。請縮短。",
        ["Only {0} approvers can approve this change request."] = "只有 {0} 的審核人可以核准此變更申請。",
        ["You wrote this change request; someone else must approve it."] = "這是您提出的變更申請，必須由其他人核准。",
        ["You edited this change request; someone else must approve it."] = "您編輯過此變更申請，必須由其他人核准。",
        ["Only a change request in review can be approved; this one is {0}."] = "只有審核中的變更申請可以核准；此申請目前為{0}。",
        ["You have approved it already; it needs another approver."] = "您已經核准過；還需要另一位審核人。",
        ["Only administrators can change site settings."] = "只有系統管理員可以變更站點設定。",
        ["Approvals for restricted goods must be from {0} to {1}; {2} was not saved."] = "禁限售商品所需核准數必須介於 {0} 到 {1}；{2} 沒有儲存。",
        ["Someone else set {0}'s approvals for restricted goods to {1} since you opened the page; nothing was saved. Reload to see it, then decide again."] =
            "您開啟頁面後，有其他人已將 {0} 的禁限售商品所需核准數設為 {1}；沒有儲存任何內容。請重新載入查看後再決定。",
        ["A change request of {0} changed at the same moment; nothing was saved. Try again."] = "{0} 的某個變更申請在同一時間被修改；沒有儲存任何內容。請再試一次。",
        ["{0} was changed by someone else at {1} ({2} time), after you opened it. Your input is kept: reload to see their version, then apply yours again."] =
            "您開啟 {0} 後，其他人已於 {1}（{2} 時間）修改它。您輸入的內容仍保留：請重新載入查看對方的版本，再套用您的修改。",
        ["{0} was changed by you, in another tab or window, at {1} ({2} time), after this page opened it. Your input is kept: reload to see that version, then apply yours again."] =
            "此頁面開啟 {0} 後，您已於 {1}（{2} 時間）在另一個分頁或視窗修改它。您輸入的內容仍保留：請重新載入查看該版本，再套用您的修改。",
        ["{0} was changed by {1} at {2} ({3} time), after you opened it. Your input is kept: reload to see their version, then apply yours again."] =
            "您開啟 {0} 後，{1} 已於 {2}（{3} 時間）修改它。您輸入的內容仍保留：請重新載入查看對方的版本，再套用您的修改。",
        ["{0} was changed by someone else at the same moment. Your input is kept: reload and apply it again."] = "{0} 在同一時間被其他人修改。您輸入的內容仍保留：請重新載入後再套用一次。",
        ["The configuration proposed in {0} was changed by {1} at {2} ({3} time), after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."] =
            "您開啟 {0} 後，{1} 已於 {2}（{3} 時間）變更其提議的設定：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。",
        ["The title of {0} was changed from “{1}” to “{2}” by {3} at {4} ({5} time), after you opened it: the proposal is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."] =
            "您開啟 {0} 後，{3} 已於 {4}（{5} 時間）將其標題由「{1}」改為「{2}」：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。",
        ["The configuration proposed in {0} and its title (from “{1}” to “{2}”) were changed by {3} at {4} ({5} time), after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."] =
            "您開啟 {0} 後，{3} 已於 {4}（{5} 時間）變更其提議的設定與標題（標題由「{1}」改為「{2}」）：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。",
        ["The proposal of {0} was changed after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."] =
            "您開啟 {0} 後，其提案已變更：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。",
        ["At {0} ({1} time), after you opened {2}, {3} changed how many approvals a restricted-goods change of {4} needs: {5} now needs {6} {6:approval|approvals}, has {7} and is {8}. Nothing was recorded, and your input is kept: look at it again, then act."] =
            "您開啟 {2} 後，{3} 於 {0}（{1} 時間）變更了 {4} 禁限售商品變更所需的核准數：{5} 現在需要 {6} 個核准，已有 {7} 個，目前為{8}。沒有記錄任何操作，您輸入的內容仍保留：請再看一次，然後再操作。",
        // API keys
        ["Give the key a name that says who uses it."] = "請為金鑰取一個說明使用者的名稱。",
        ["The name is longer than {0} characters."] = "名稱超過 {0} 個字元。",
        ["Name at least one site."] = "請至少指定一個站點。",
        ["Sites are {0}."] = "站點有 {0}。",
        ["A key in force is already named '{0}': give this one a name that tells them apart, or revoke that one first."] =
            "已有一把使用中的金鑰名為「{0}」：請為這把金鑰取一個能與它區分的名稱，或先撤銷那一把。",

        ["draft"] = "草稿",
        ["in review"] = "審核中",
        ["approved"] = "已核准",
        ["published"] = "已發佈",
        ["withdrawn"] = "已撤回",

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
        ["The legal reference"] = "法規依據",
        ["The category prefix"] = "類目前綴",
        ["The title keyword"] = "標題關鍵字",
        ["The attribute"] = "屬性",
        ["The area"] = "區域",
        ["The postal-code prefix"] = "郵遞區號前綴",
        ["The included category"] = "包含類目",
        ["The excluded category"] = "排除類目",
        ["a line break"] = "換行",
        ["a tab"] = "定位字元（Tab）",
        ["a control character ({0})"] = "控制字元（{0}）",
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

    /// <summary>
    /// The titles the console writes itself (ChangeRequestService, ReleaseImporter). They are stored in English, which the
    /// API, the verbs and the audit log show; matched apart from the messages, since a title someone typed is shown as typed.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> TitlesZhHant = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Roll back to v{0}"] = "回復至 v{0}",
        ["Emergency rollback to v{0}"] = "緊急回復至 v{0}",
        ["Imported from {0}"] = "匯入自 {0}",
    };

    private static readonly Template[] TitleTemplates = [.. TitlesZhHant.Select(entry => new Template(entry.Key, entry.Value))];

    /// <summary>A change request's or release's title in the console's language when the console wrote it, else as written.</summary>
    public static string Title(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (ConsoleTexts.IsTraditionalChinese(CultureInfo.CurrentUICulture))
        {
            foreach (var template in TitleTemplates)
            {
                if (template.TryMatch(title, out var values))
                {
                    return string.Format(CultureInfo.InvariantCulture, template.Translation, [.. values.Cast<object>()]);
                }
            }
        }

        return title;
    }

    // Longest literal text first: a specific template ("Discount amount {0} has more decimals ...") wins over a general
    // one that would also match ("{0} {1} has more decimals ...").
    private static readonly Template[] Templates =
        [.. ZhHant.Select(entry => new Template(entry.Key, entry.Value)).OrderByDescending(t => t.LiteralLength)];

    // A page shows the same report at every render (each keystroke in an editor): a message is matched once, then looked up.
    // Bounded in count and (by LongestTranslated) in size, since messages carry what users typed; when full it starts again.
    private const int RememberedMessages = 4_096;
    private static readonly ConcurrentDictionary<string, string> Translated = new(StringComparer.Ordinal);

    /// <summary>
    /// The message about <paramref name="site"/>'s configuration in the console's language, its instants on the site's clock
    /// (see <see cref="Features.SiteClock.InMessage"/>).
    /// </summary>
    public static string Translate(string message, Domain.Sites.SiteInfo site) =>
        Translate(Features.SiteClock.InMessage(site, message));

    /// <summary>The message in the console's language: Traditional Chinese when the UI culture is, else as written.</summary>
    public static string Translate(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ConsoleTexts.IsTraditionalChinese(CultureInfo.CurrentUICulture) || message.Length > LongestTranslated)
        {
            return message;
        }

        if (Translated.TryGetValue(message, out var known))
        {
            return known;
        }

        var translated = ToZhHant(message, depth: 0);
        if (Translated.Count >= RememberedMessages)
        {
            Translated.Clear();
        }

        Translated[message] = translated;
        return translated;
    }

    // Messages carry what users typed (a field name in an imported file, a category); past this length one is shown as written
    // rather than matched, and no match runs longer than the timeout below.
    private const int LongestTranslated = 2_000;

    private static string ToZhHant(string text, int depth)
    {
        if (text.Length > LongestTranslated)
        {
            return text;
        }

        foreach (var template in Templates)
        {
            if (template.TryMatch(text, out var values))
            {
                // Values are translated too, up to two levels down: labels, and the words inside one like "Free-shipping rule FS-1".
                // A quoted value is what someone typed (a title, a key's name): it reads as they wrote it.
                return string.Format(CultureInfo.InvariantCulture, template.Translation,
                    [.. values.Select((v, i) => (object)(depth < 2 && !template.Quotes(i) ? ToZhHant(v, depth + 1) : v))]);
            }
        }

        return text;
    }

    internal sealed class Template
    {
        // A value, {0} or formatted ({0:N0}), or an English plural choice on one, {0:error|errors} (see PluralFormat): the
        // message shows one of the choice's words, and the template matches either. A format without a '|' is no choice:
        // taken for one, "{0:N0}" would have matched only the letters "N0".
        private static readonly Regex Item = new(@"\{(\d+)(?::([^{}]+))?\}", RegexOptions.CultureInvariant);
        private readonly Regex pattern;
        private readonly string prefix;
        private readonly string suffix;
        private readonly List<bool> quoted = [];

        public Template(string english, string translation)
        {
            Translation = translation;
            var items = Item.Matches(english);
            var regex = new StringBuilder("^");
            var literals = 0;
            var end = 0;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                regex.Append(Regex.Escape(english[end..item.Index]));
                literals += item.Index - end;
                end = item.Index + item.Length;
                if (IsChoice(item))
                {
                    var words = item.Groups[2].Value.Split('|');
                    regex.Append("(?:").AppendJoin('|', words.Select(Regex.Escape)).Append(')');
                    literals += words.Min(w => w.Length);
                }
                else
                {
                    // A value is matched as short as it can be, except a label right before its amount ("{0} {1} must not be
                    // negative", "First price -1 ..."): that one takes all but the last word.
                    var label = i + 1 < items.Count && !IsChoice(items[i + 1]) && items[i + 1].Index == end + 1 && english[end] == ' ';
                    regex.Append(label ? "(.+)" : "(.+?)");
                    quoted.Add(item.Index > 0 && end < english.Length && (english[item.Index - 1], english[end]) is ('\'', '\'') or ('“', '”'));
                }
            }

            regex.Append(Regex.Escape(english[end..])).Append('$');
            LiteralLength = literals + english.Length - end;
            prefix = items.Count > 0 ? english[..items[0].Index] : english;
            suffix = english[end..];
            pattern = new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
        }

        public string Translation { get; }

        public int LiteralLength { get; }

        /// <summary>Whether the template quotes its <paramref name="value"/>th value ('{0}', “{0}”): something typed, not a word of the console's.</summary>
        public bool Quotes(int value) => quoted[value];

        private static bool IsChoice(Match item) => item.Groups[2].Success && item.Groups[2].Value.Contains('|', StringComparison.Ordinal);

        public bool TryMatch(string text, out string[] values)
        {
            values = [];
            if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }

            Match match;
            try
            {
                match = pattern.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }

            if (!match.Success)
            {
                return false;
            }

            values = [.. match.Groups.Values.Skip(1).Select(g => g.Value)];
            return true;
        }
    }
}
