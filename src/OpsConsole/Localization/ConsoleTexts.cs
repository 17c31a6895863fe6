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
        ["Promotion budgets"] = "優惠預算",
        ["Promotion"] = "優惠",
        ["This order spends"] = "此訂單用掉",
        ["Orders like it a day"] = "每日可支應的同類訂單",
        ["no limit"] = "不設上限",
        ["nothing (it does not apply)"] = "無（此優惠不適用）",
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

        // Overview
        ["Sites"] = "站點",
        ["Site"] = "站點",
        ["Shipping channels, free shipping, consolidation promotions and restricted goods for each site."] = "各站點的物流渠道、免運規則、集運優惠與禁限售商品。",
        ["Name"] = "名稱",
        ["Currency"] = "幣別",
        ["Buyer locales"] = "買家語系",
        ["Time zone"] = "時區",
        ["Current release"] = "目前版本",
        ["none yet"] = "尚無",
        ["Open change requests"] = "進行中的變更申請",
        ["Approvals for restricted goods"] = "禁限售商品所需核准數",

        // Change requests list
        ["change requests"] = "變更申請",
        ["State"] = "狀態",
        ["Filter by state"] = "依狀態篩選",
        ["Open (not published or withdrawn)"] = "進行中（未發佈或撤回）",
        ["Author"] = "申請人",
        ["Filter by author"] = "依申請人篩選",
        ["Anyone"] = "所有人",
        ["Title of a new change request"] = "新變更申請的標題",
        ["New change request"] = "新增變更申請",
        ["No change requests match."] = "沒有符合條件的變更申請。",
        ["Title"] = "標題",
        ["Base"] = "基準版本",
        ["Updated (UTC)"] = "更新時間（UTC）",
        ["In review"] = "審核中",
        ["Approved"] = "已核准",
        ["Published"] = "已發佈",
        ["Withdrawn"] = "已撤回",

        // Change request page
        ["Change request not found"] = "找不到變更申請",
        ["{0} has no change request {1}."] = "{0} 沒有編號 {1} 的變更申請。",
        ["All {0} change requests"] = "{0} 的所有變更申請",
        ["Rollback to v{0} of {1} on top of v{2}"] = "{1} 回復至 v{0}，基於 v{2}",
        ["Change of {0} on top of v{1}"] = "{0} 的變更，基於 v{1}",
        ["by {0}"] = "申請人：{0}",
        ["revision {0}"] = "第 {0} 次修訂",
        ["approvals {0} of {1} needed"] = "已核准 {0}／需 {1} 位",
        ["(restricted goods change)"] = "（含禁限售商品變更）",
        ["published as v{0}"] = "已發佈為 v{0}",
        ["This change request or its site changed elsewhere. Your unsaved edits are kept; reloading replaces them."] = "此變更申請或其站點已在別處更新。您未儲存的編輯仍保留；重新載入會以最新內容取代。",
        ["Reload"] = "重新載入",
        ["Out of date"] = "版本已過時",
        ["{0} is now at v{1}; this change request is based on v{2}. It cannot be published until it is rebased, which clears its approvals."] = "{0} 目前為 v{1}，此變更申請基於 v{2}。須先重新基準（rebase）才能發佈，重新基準會清除已有的核准。",
        ["Both sides changed {0}. Choose for each:"] = "雙方都修改了 {0}。請逐項選擇：",
        ["Resolution for {0}"] = "{0} 的處理方式",
        ["Keep mine"] = "保留我的版本",
        ["Take v{0}'s"] = "採用 v{0} 的版本",
        ["Rebase onto v{0}"] = "重新基準至 v{0}",
        ["Actions"] = "操作",
        ["Submit for review"] = "提交審核",
        ["I have read the {0} warning(s)"] = "我已閱讀 {0} 則警告",
        ["Approve"] = "核准",
        ["Publish as v{0}"] = "發佈為 v{0}",
        ["Withdraw"] = "撤回",
        ["Reason for rejecting"] = "退回原因",
        ["Reject"] = "退回",
        ["Changes against v{0}"] = "相對 v{0} 的變更",
        ["Proposal against v{0}"] = "提案相對 v{0}",
        ["Proposed"] = "提案",
        ["The proposal is the same as its base so far."] = "目前提案與基準版本相同。",
        ["Configuration (JSON)"] = "設定（JSON）",
        ["Save"] = "儲存",
        ["Unsaved changes."] = "有未儲存的變更。",
        ["Discard"] = "捨棄",
        ["The JSON cannot be read"] = "無法讀取 JSON",
        ["The JSON cannot be read."] = "無法讀取 JSON。",
        ["{0} error(s), {1} warning(s)."] = "{0} 個錯誤，{1} 則警告。",
        ["{0} error(s), {1} warning(s) in the unsaved text."] = "未儲存的內容有 {0} 個錯誤，{1} 則警告。",
        ["Errors (block submission)"] = "錯誤（無法提交）",
        ["Warnings (the approver acknowledges them)"] = "警告（由審核人確認）",
        ["No approvals or comments yet."] = "尚無核准或意見。",
        ["Approved by"] = "核准人",
        ["Rejected by"] = "退回人",
        ["Comment by"] = "意見提出人",
        ["at {0} UTC"] = "，時間 {0} UTC",
        ["at {0} UTC, warnings acknowledged"] = "，時間 {0} UTC，已確認警告",
        ["Edited by {0}. They cannot approve it."] = "編輯者：{0}。編輯者不能核准此申請。",
        ["Fix the {0} field(s) marked in the editor before saving."] = "請先修正編輯器中標示的 {0} 個欄位再儲存。",
        ["Fix the {0} field(s) marked in the editor and save before submitting."] = "請先修正編輯器中標示的 {0} 個欄位並儲存，再提交。",
        ["Save your changes before submitting."] = "請先儲存變更再提交。",
        ["Fix the {0} error(s) before submitting."] = "請先修正 {0} 個錯誤再提交。",
        ["Saved."] = "已儲存。",
        ["Submitted for review."] = "已提交審核。",
        ["Approved."] = "已核准。",
        ["Rejected: it is back with the author as a draft."] = "已退回：申請已回到申請人手上，成為草稿。",
        ["Withdrawn."] = "已撤回。",
        ["Rebased onto the current release. Its approvals were cleared; submit it again."] = "已重新基準至目前版本。原有核准已清除，請重新提交。",
        ["Published as v{0}."] = "已發佈為 v{0}。",

        // Releases
        ["releases"] = "發佈版本",
        ["{0} has no release yet. An operator bootstraps the first one with"] = "{0} 尚無發佈版本。第一個版本由維運人員以下列指令建立：",
        ["Release history"] = "發佈歷史",
        ["Version"] = "版本",
        ["(current)"] = "（目前）",
        ["Approvers"] = "核准人",
        ["Published (UTC)"] = "發佈時間（UTC）",
        ["Hash"] = "雜湊值",
        ["Propose rollback"] = "提出回復申請",
        ["Compare two releases"] = "比較兩個版本",
        ["From"] = "從",
        ["To"] = "至",
        ["Compare from version"] = "比較的起始版本",
        ["Compare to version"] = "比較的目標版本",
        ["These two releases have the same configuration."] = "這兩個版本的設定相同。",
        ["Emergency rollback"] = "緊急回復",
        ["Publishes an earlier release's configuration at once, without review. Use it only when checkout is harmed; the reason goes into the audit log."] = "立即發佈較早版本的設定，不經審核。僅限結帳受影響時使用；原因會記入稽核紀錄。",
        ["Roll back to"] = "回復至",
        ["Emergency rollback to version"] = "緊急回復的目標版本",
        ["Reason (required)"] = "原因（必填）",
        ["Reason for the emergency rollback"] = "緊急回復的原因",
        ["Roll back now"] = "立即回復",
        ["Published v{0} with v{1}'s configuration."] = "已以 v{1} 的設定發佈 v{0}。",

        // Audit log
        ["Every sign-in, edit, submission, approval, rejection, publication, rollback and key operation. Each entry carries the hash of the one before it."] = "記錄每次登入、編輯、提交、核准、退回、發佈、回復與金鑰操作。每筆紀錄都帶有前一筆的雜湊值。",
        ["Filter by site"] = "依站點篩選",
        ["All"] = "全部",
        ["Filter by action"] = "依動作篩選",
        ["Who"] = "操作者",
        ["Name contains"] = "名稱包含",
        ["Filter by actor"] = "依操作者篩選",
        ["Verify the chain"] = "驗證紀錄鏈",
        ["Audit entries"] = "稽核紀錄項目",
        ["No entries match."] = "沒有符合條件的紀錄。",
        ["When (UTC)"] = "時間（UTC）",
        ["Subject"] = "對象",
        ["Details"] = "詳細資料",

        // Site configuration
        ["configuration"] = "設定",
        ["{0} has no release yet."] = "{0} 尚無發佈版本。",
        [", published {0} UTC by {1}."] = "，由 {1} 於 {0} UTC 發佈。",
        ["History"] = "歷史版本",
        ["{0} warning(s) in this release"] = "此版本有 {0} 則警告",
        ["Consolidation promotions"] = "集運優惠",
        ["Restricted goods ({0} rules)"] = "禁限售商品（{0} 條規則）",
        ["Free-shipping rules"] = "免運規則",
        ["Restricted-goods rules"] = "禁限售商品規則",
        ["Tiers"] = "級距",
        ["{0} first {1} g, then {2} per {3} g (max {4} g)"] = "首重 {1} 克 {0}，續重每 {3} 克 {2}（上限 {4} 克）",
        ["{0}–{1} business days, cut-off {2}"] = "{0}–{1} 個工作天，截單時間 {2}",
        ["{0}–{1} calendar days, cut-off {2}"] = "{0}–{1} 個日曆天，截單時間 {2}",
        ["{0} decimals"] = "{0} 位小數",
        ["default {0}"] = "預設 {0}",

        // Administration
        ["API keys"] = "API 金鑰",
        ["Create API key"] = "建立 API 金鑰",
        ["Checkout, cart and product pages read site configurations and quotes with these keys (header {0})."] = "結帳、購物車與商品頁面以這些金鑰讀取站點設定與運費試算（標頭 {0}）。",
        ["A key is shown once when it is created; only its hash is kept. Last use is recorded about once a minute."] = "金鑰只在建立時顯示一次，系統僅保存其雜湊值。最後使用時間約每分鐘記錄一次。",
        ["Loading API keys"] = "正在載入 API 金鑰",
        ["No API keys yet."] = "尚無 API 金鑰。",
        ["Key"] = "金鑰",
        ["Created"] = "建立",
        ["Last used"] = "最後使用",
        ["Revoked"] = "已撤銷",
        ["never"] = "從未使用",
        ["{0} by {1}"] = "{1} 於 {0}",
        ["Revoke"] = "撤銷",
        ["Revoke {0}"] = "撤銷 {0}",
        ["Revoke API key"] = "撤銷 API 金鑰",
        ["Revoke \"{0}\" ({1}…) for {2}? Consumers using it get 401 at once. This cannot be undone."] = "要撤銷用於 {2} 的「{0}」（{1}…）嗎？使用此金鑰的呼叫端會立即收到 401。此操作無法復原。",
        ["Keep it"] = "保留",
        ["Key revoked"] = "金鑰已撤銷",
        ["Already revoked"] = "金鑰早已撤銷",
        ["Site settings"] = "站點設定",
        ["A change that touches restricted goods needs this many approvals, each from a different approver; other changes need one. A new number applies at once to the site's open change requests: an approved one short of it goes back to review, one in review that has enough is approved."] = "涉及禁限售商品的變更需要這個數目的核准，每一位核准者須為不同的人；其他變更只需一位。新的數目會立即套用到該站點尚未完成的變更申請：已核准但核准數不足的會退回審核中，審核中且核准數已足夠的會變為已核准。",
        ["Loading site settings"] = "正在載入站點設定",
        ["Approvals for restricted goods on {0}"] = "{0} 禁限售商品所需核准數",
        ["Save the settings of {0}"] = "儲存 {0} 的設定",
        ["Not saved"] = "未儲存",
        ["No open change request was affected."] = "沒有受影響的未完成變更申請。",
        ["Back in review: {0}. Approved: {1}."] = "退回審核中：{0}。已核准：{1}。",
        ["{0}: restricted-goods changes now need {1} approval(s)"] = "{0}：禁限售商品變更現在需要 {1} 位核准",
        ["e.g. HK checkout (production)"] = "例如：HK 結帳（正式環境）",
        ["Sites it may read"] = "可讀取的站點",
        ["Cancel"] = "取消",
        ["Create key"] = "建立金鑰",
        ["Copy the key now"] = "請立即複製金鑰",
        ["This is the only time it is shown: OpsConsole keeps only its hash. Give it to the consumer over a secure channel."] = "金鑰只會顯示這一次：OpsConsole 僅保存其雜湊值。請透過安全管道交給使用方。",
        ["{0}, for {1}"] = "{0}，適用 {1}",
        ["The new API key"] = "新的 API 金鑰",
        ["Copy"] = "複製",
        ["Copied"] = "已複製",
        ["Done"] = "完成",

        // Account
        ["No access"] = "沒有存取權限",
        ["You are signed in, but your account has no role in OpsConsole, or not the one this page needs."] = "您已登入，但您的帳號在 OpsConsole 沒有角色，或沒有此頁面所需的角色。",
        ["Ask an administrator to add you to the group for your site."] = "請聯絡管理員將您加入所屬站點的群組。",
        ["Sign in"] = "登入",
        ["Sign in with your company account. What you can see and change follows your groups there."] = "請以公司帳號登入。您可檢視與變更的內容依您在公司帳號中的群組而定。",
        ["Sign in with company account"] = "以公司帳號登入",
        ["Development sign-in: pick a demo user. This page does not exist outside Development."] = "開發環境登入：請選擇示範使用者。此頁面僅存在於開發環境。",
        ["Sign-in failed"] = "登入失敗",
        ["The company sign-in did not complete, so you are not signed in."] = "公司帳號登入未完成，因此您尚未登入。",
        ["This happens when a sign-in page was left open too long or opened twice."] = "登入頁面開啟過久或重複開啟時會發生這種情況。",
        ["Try again"] = "請再試一次",
        ["; if it keeps failing, tell the operators the time it happened (the reason is in the console's log)."] = "；若持續失敗，請告知維運人員發生的時間（原因記錄在主控台日誌中）。",
        ["Signed out"] = "已登出",
        ["You have signed out."] = "您已登出。",
        ["Sign in again"] = "重新登入",

        // Shared
        ["Differences"] = "差異",
        ["Before"] = "變更前",
        ["After"] = "變更後",
        ["No differences."] = "沒有差異。",
        ["{0} change(s)"] = "{0} 項變更",
        ["Section"] = "區段",
        ["Item"] = "項目",
        ["Field"] = "欄位",
        ["As sentences"] = "以文字說明",
        ["Not built yet"] = "尚未開發",
        ["{0} is not built yet. Until it is, this page shows nothing that could be mistaken for real data."] = "{0} 尚未開發。在完成之前，此頁面不會顯示任何可能被誤認為真實資料的內容。",
        ["Your account has no role for this. Ask an administrator to add you to the right group."] = "您的帳號沒有執行此操作的角色。請聯絡管理員將您加入適當的群組。",
        ["Unknown site"] = "未知的站點",
        ["There is no site \"{0}\". The sites are {1}."] = "沒有「{0}」這個站點。現有站點為 {1}。",
        ["You can edit and approve {0}"] = "您可以編輯及核准 {0}",
        ["You can edit {0}"] = "您可以編輯 {0}",
        ["You can approve {0}"] = "您可以核准 {0}",
        ["Read-only for {0}"] = "{0} 僅供檢視",
    };

    /// <summary>The text in the user's console language.</summary>
    public static string T(string english) =>
        IsTraditionalChinese(CultureInfo.CurrentUICulture) && ZhHant.TryGetValue(english, out var text) ? text : english;

    /// <summary>
    /// A text with values in it, in the user's console language: the key is a format string such as
    /// "{0} change(s)", and its translation keeps the same placeholders. Values format in the current
    /// culture, which stays English (only the UI culture switches).
    /// </summary>
    public static string F(string english, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, T(english), args);

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
