using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Editing;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The domain's validation messages read in Traditional Chinese on a Chinese console, and as written otherwise.</summary>
public sealed class MessageTextsTests
{
    private static readonly SiteConfiguration Hk = DemoConfigurations.For("HK");

    /// <summary>The demo HK configuration broken in every way the domain reports, one way per configuration.</summary>
    public static IEnumerable<SiteConfiguration> Broken()
    {
        var channel = Hk.Channels[0];
        var consol = Hk.Channels.Single(c => c.Kind == ChannelKind.Consolidation);
        var rule = Hk.FreeShipping[0];
        var promo = Hk.ConsolidationPromos[0];
        var goods = Hk.RestrictedGoods[0];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        SiteConfiguration Channel(Channel changed) => Hk with { Channels = [changed, .. Hk.Channels.Skip(1)] };
        SiteConfiguration Rule(FreeShippingRule changed) => Hk with { FreeShipping = [changed, .. Hk.FreeShipping.Skip(1)] };
        SiteConfiguration Promo(ConsolidationPromo changed) => Hk with { ConsolidationPromos = [changed] };
        SiteConfiguration Goods(RestrictedGoodsRule changed) => Hk with { RestrictedGoods = [changed, .. Hk.RestrictedGoods.Skip(1)] };
        PromoTier Tier(decimal min, DiscountKind kind, decimal? value) => new(min, new PromoDiscount(kind, value));

        yield return Hk with { Site = "XX" };
        yield return Channel(channel with { Code = "direct-std" });
        yield return Hk with { Channels = [.. Hk.Channels, channel] };
        yield return Hk with { Channels = [.. Hk.Channels.Select(c => c with { Enabled = false })] };
        yield return Hk with { Channels = [], FreeShipping = [], ConsolidationPromos = [], RestrictedGoods = [] };
        yield return Channel(channel with { Rate = channel.Rate with { FirstWeightGrams = 0, StepWeightGrams = 0, FirstPrice = -1m, StepPrice = 1.005m } });
        yield return Channel(channel with { Rate = channel.Rate with { MaxWeightGrams = 2_000_000 } });
        yield return Channel(channel with { Rate = channel.Rate with { FirstWeightGrams = 500, MaxWeightGrams = 100 } });
        yield return Channel(channel with { Transit = channel.Transit with { MinDays = -1 } });
        yield return Channel(channel with { Transit = channel.Transit with { MinDays = 5, MaxDays = 2 } });
        yield return Channel(channel with { Transit = channel.Transit with { MaxDays = 200 } });
        yield return Channel(channel with { Surcharges = [new Surcharge(SurchargeKind.RemoteArea, [], [], 12.005m)] });
        yield return Channel(channel with { Names = LocalizedText.Of(("en-HK", "Direct"), ("fr-FR", "Direct")) });
        yield return Channel(channel with { PromiseTemplates = LocalizedText.Of(("en-HK", "In {weeks} weeks"), ("zh-Hant-HK", "{minDays} 天")) });
        yield return Rule(rule with { Id = "", Name = "", Channels = [] });
        yield return Rule(rule with { Channels = ["NOPE"], Threshold = 199.999m, MaxWeightGrams = 0, IncludeCategories = ["/health"], ExcludeCategories = ["a//b"] });
        yield return Rule(rule with { ValidFrom = start.AddDays(10), ValidTo = start });
        yield return Rule(rule with { ValidFrom = start, ValidTo = start });
        yield return Rule(rule with { Scope = FreeShippingScope.SingleItem });
        yield return Rule(rule with { IncludeCategories = ["health/medicine"] }) with
        {
            RestrictedGoods = [goods with { Match = new GoodsMatch(["health"], [], [], null), Action = RestrictionAction.BlockSale, Channels = [], MaxQuantity = null }],
        };
        yield return Hk with { FreeShipping = [.. Hk.FreeShipping, rule with { Id = "FS-TWIN", Threshold = rule.Threshold + 100, ValidFrom = null, ValidTo = null }] };
        yield return Hk with { FreeShipping = [.. Hk.FreeShipping, rule] };
        yield return Hk with { Channels = [.. Hk.Channels.Select(c => rule.Channels.Contains(c.Code) || c.Code == promo.Channel ? c with { Enabled = false } : c)] };
        yield return Promo(promo with { Tiers = [] });
        yield return Promo(promo with { Channel = "NOPE" });
        yield return Promo(promo with { Channel = Hk.Channels.First(c => c.Kind != ChannelKind.Consolidation).Code });
        yield return Promo(promo with { DailyBudget = -5m, Basis = PromoBasis.StoreCount, Tiers = [Tier(-1, DiscountKind.Percent, 150), Tier(1.5m, DiscountKind.Amount, 0), Tier(1m, DiscountKind.Free, 3)] });
        yield return Promo(promo with { Basis = PromoBasis.Subtotal, Tiers = [Tier(1.005m, DiscountKind.Amount, 2.005m), Tier(100m, DiscountKind.Percent, 10), Tier(200m, DiscountKind.Percent, 5)] });
        yield return Promo(promo with { Basis = PromoBasis.WeightGrams, Tiers = [Tier(500m, DiscountKind.Percent, 10), Tier(500m, DiscountKind.Free, null), Tier(800m, DiscountKind.Amount, 1m)] });
        yield return Hk with { ConsolidationPromos = [promo, promo] };
        yield return Goods(goods with { Id = "", Match = new GoodsMatch([], [], [], null), Reasons = LocalizedText.Of(("en-HK", "No")) });
        yield return Goods(goods with { Match = new GoodsMatch(["//x"], ["Radioactive"], [], 0) });
        yield return Goods(goods with { Action = RestrictionAction.BlockChannels, Channels = [], MaxQuantity = 3 });
        yield return Goods(goods with { Action = RestrictionAction.BlockChannels, Channels = ["NOPE"] });
        yield return Goods(goods with { Action = RestrictionAction.QuantityLimit, Channels = [consol.Code], MaxQuantity = 0 });
        yield return Goods(goods with { Action = RestrictionAction.QuantityLimit, Channels = [], MaxQuantity = null });
        yield return Hk with { RestrictedGoods = [.. Hk.RestrictedGoods, goods] };
        yield return Channel(channel with { Names = LocalizedText.Of(("en-HK", "Direct\nStandard"), ("zh-Hant-HK", "直郵\t標準")), Surcharges = [new Surcharge(SurchargeKind.RemoteArea, ["ISLANDS "], ["99\u0007"], 10m)] });
        yield return Rule(rule with { Id = rule.Id + "\u200B", Name = "Cart\n299", IncludeCategories = ["beauty "] });
        yield return Promo(promo with { Name = "Bag\u2028of stores" });
        yield return Goods(goods with { LegalReference = "Cap. 295\ns. 4", Match = new GoodsMatch(["health "], ["\uFEFFBattery"], [" gun"], null) });
    }

    private static IReadOnlyList<ValidationIssue> Issues() =>
        [.. Broken().Select(ConfigurationValidator.Validate).SelectMany(r => r.Errors.Concat(r.Warnings)).DistinctBy(i => i.Message)];

    [Fact]
    public void TheBrokenConfigurations_ReachEveryIssueCode()
    {
        var codes = typeof(IssueCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        var reached = Issues().Select(i => i.Code).ToHashSet();

        var unreached = codes.Where(c => !reached.Contains(c)).ToList();
        Assert.True(unreached.Count == 0, "Not reached: " + string.Join(", ", unreached));
    }

    [Fact]
    public void InTraditionalChinese_EveryMessageIsTranslated_KeepingItsValues()
    {
        var issues = Issues();
        Assert.True(issues.Count > 50, $"{issues.Count} messages");

        var translated = InCulture("zh-Hant-TW", () => issues.Select(i => (i.Message, Text: MessageTexts.Translate(i.Message))).ToList());

        Assert.All(translated, t => AssertTranslated(t.Message, t.Text));
    }

    /// <summary>A restricted-goods CSV file that cannot be imported, in every way the reader reports.</summary>
    [Fact]
    public void InTraditionalChinese_EveryProblemOfARestrictedGoodsImportIsTranslated()
    {
        var columns = RestrictedGoodsCsv.Columns(SiteCatalog.HK);
        var valid = new Dictionary<string, string> { ["id"] = "RG-T-1", ["name"] = "Test rule", ["categoryPrefixes"] = "health", ["action"] = "BlockSale" };
        string Row(params (string Column, string Value)[] changes) => string.Join(',', columns.Select(column =>
            changes.Where(c => c.Column == column).Select(c => c.Value).FirstOrDefault()
            ?? valid.GetValueOrDefault(column) ?? (column.StartsWith("reason.", StringComparison.Ordinal) ? "Not sold here" : "")));
        var good = Row();
        var header = string.Join(',', columns);
        string[] files =
        [
            "",
            string.Join(',', columns.Skip(1).Append("colour")),
            string.Join("\n", header, Row(("id", ""), ("name", ""), ("minUnitWeightGrams", "heavy"), ("action", "Burn"), ("validFrom", "tomorrow"))),
            string.Join("\n", header, good, good),
            string.Join("\n", header, Row(("name", "Half \"quoted")), good),
        ];

        var problems = files.SelectMany(f => RestrictedGoodsCsv.ReadInto(Hk, f).Problems).Select(p => p.Reason).Distinct().ToList();

        Assert.True(problems.Count >= 9, string.Join("\n", problems));
        Assert.All(problems, reason => AssertTranslated(reason, InCulture("zh-Hant", () => MessageTexts.Translate(reason))));
    }

    /// <summary>
    /// Translated, and nothing of the English left but its values: no two English words in a row (the second in lower case);
    /// what stays in Latin letters is codes, ids, locales and values, and every number of the message is still there.
    /// </summary>
    private static void AssertTranslated(string message, string text)
    {
        Assert.Matches(Scripts.Chinese(), text);
        Assert.DoesNotMatch(@"\b[A-Za-z]{2,} [a-z]{2,}\b", text);
        foreach (Match number in Regex.Matches(message, @"-?\d+(?:\.\d+)?"))
        {
            Assert.Contains(number.Value, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Threshold 199.999 has more decimals than HKD allows (2).", "門檻 199.999 的小數位數超過 HKD 允許的 2 位。")]
    [InlineData("Discount amount 2.005 has more decimals than HKD allows (2).", "折扣金額 2.005 的小數位數超過 HKD 允許的 2 位。")]
    [InlineData("The channel name has no text for zh-Hant-HK; Hong Kong shows zh-Hant-HK, en-HK.", "渠道名稱缺少 zh-Hant-HK 的文案；香港會顯示 zh-Hant-HK, en-HK。")]
    [InlineData("Free-shipping rule FS-1 names channel NOPE, which does not exist. Channels are A, B.", "免運規則 FS-1 指定的渠道 NOPE 不存在。現有渠道：A, B。")]
    [InlineData("A higher tier must not give a smaller discount: 5 % follows free.", "較高級距的折扣不可較小：5 % 排在 免費 之後。")]
    [InlineData("First price -1 must not be negative.", "首重價格 -1 不可為負數。")]
    [InlineData("Daily budget 12.345 has more decimals than HKD allows (2).", "每日預算 12.345 的小數位數超過 HKD 允許的 2 位。")]
    [InlineData("The file is for TW; this change request is for HK.", "此檔案屬於 TW；此變更申請屬於 HK。")]
    [InlineData("The file is 25 MB; at most 20 MB can be imported.", "檔案有 25 MB；最多只能匯入 20 MB。")]
    [InlineData("“Burn” is not one of BlockSale, BlockChannels, QuantityLimit.", "「Burn」不屬於：BlockSale, BlockChannels, QuantityLimit。")]
    [InlineData("Free-shipping rules FS-A and FS-B both apply to DIRECT_STD at the same time with different thresholds (HK$299.00 and HK$1,099.00).",
        "免運規則 FS-A 與 FS-B 在同一時段都適用於 DIRECT_STD，但門檻不同（HK$299.00 與 HK$1,099.00）。")]
    [InlineData("Something the console has no template for.", "Something the console has no template for.")]
    public void InTraditionalChinese_AMessageReadsAsItsTemplateSays(string english, string chinese)
    {
        Assert.Equal(chinese, InCulture("zh-Hant", () => MessageTexts.Translate(english)));
    }

    /// <summary>A configuration file that cannot be read, in every way the reader reports.</summary>
    [Theory]
    [InlineData("{ \"site\": \"HK\", ")]
    [InlineData("[]")]
    [InlineData("{ \"site\": \"HK\", \"site\": \"HK\" }")]
    [InlineData("{ \"site\": \"HK\", \"colour\": 1 }")]
    [InlineData("{ \"site\": 5, \"channels\": {}, \"freeShipping\": [], \"consolidationPromos\": [], \"restrictedGoods\": [] }")]
    [InlineData("{ \"site\": \"XX\", \"channels\": [], \"freeShipping\": [], \"consolidationPromos\": [], \"restrictedGoods\": [] }")]
    public void InTraditionalChinese_ReadingErrorsAreTranslatedToo(string json)
    {
        var parsed = ConfigurationJson.Parse(json);
        Assert.False(parsed.Succeeded);

        Assert.All(parsed.Errors, e => Assert.Matches(Scripts.Chinese(), InCulture("zh-Hant", () => MessageTexts.Translate(e.Message))));
    }

    /// <summary>
    /// JSON that is not JSON, in each way an editor's typing leaves it: the reader's reason was left in English inside the
    /// translated message ("JSON 格式錯誤，第 3 行第 14 個位置：'}' is an invalid start of a value。").
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{ \"site\": }")]
    [InlineData("{ \"site\": \"HK\", }")]
    [InlineData("{ \"site\": [1, 2, ] }")]
    [InlineData("{ \"site\": \"HK\" \"channels\": [] }")]
    [InlineData("{ \"site\": [1 2] }")]
    [InlineData("{ \"site\" \"HK\" }")]
    [InlineData("{ site: \"HK\" }")]
    [InlineData("{ \"site\": \"HK\" }}")]
    [InlineData("{ \"site\": \"HK\" ]")]
    [InlineData("{ \"site\": \"HK\"")]
    [InlineData("{ \"site\": \"HK")]
    [InlineData("{ \"site\": \"H\\qK\" }")]
    [InlineData("{ \"site\": \"H\\u00G0\" }")]
    [InlineData("{ \"site\": \"H\nK\" }")]
    [InlineData("{ \"site\": tru }")]
    [InlineData("{ \"site\": nul }")]
    [InlineData("{ \"site\": fals }")]
    [InlineData("{ \"site\": 01 }")]
    [InlineData("{ \"site\": 1. }")]
    [InlineData("{ \"site\": 1e }")]
    [InlineData("{ \"site\": -x }")]
    [InlineData("{ \"site\": 1 /* HK */ }")]
    [InlineData("{ \"site\":")]
    [InlineData("{ \"site\"")]
    [InlineData("{")]
    public void InTraditionalChinese_TheReasonJsonIsMalformed_IsTranslatedToo(string json)
    {
        var parsed = ConfigurationJson.Parse(json);
        var error = Assert.Single(parsed.Errors);
        Assert.StartsWith("Malformed JSON at line ", error.Message, StringComparison.Ordinal);

        AssertTranslated(error.Message, InCulture("zh-Hant", () => MessageTexts.Translate(error.Message)));
    }

    [Fact]
    public void InTraditionalChinese_JsonNestedTooDeeply_IsTranslated()
    {
        var parsed = ConfigurationJson.Parse("{ \"site\": " + new string('[', 70) + new string(']', 70) + " }");
        var error = Assert.Single(parsed.Errors);

        AssertTranslated(error.Message, InCulture("zh-Hant", () => MessageTexts.Translate(error.Message)));
    }

    [Fact]
    public void InTraditionalChinese_EveryWayAFieldCanBeMisreadIsTranslated()
    {
        var json = DemoConfigurations.Json("HK");
        string[] broken =
        [
            json.Replace("\"enabled\": true", "\"enabled\": \"yes\"", StringComparison.Ordinal),
            json.Replace("\"firstWeightGrams\": 500", "\"firstWeightGrams\": 500.5", StringComparison.Ordinal),
            json.Replace("\"firstPrice\": 18.00", "\"firstPrice\": \"18\"", StringComparison.Ordinal),
            json.Replace("\"kind\": \"DirectStandard\"", "\"kind\": \"Teleport\"", StringComparison.Ordinal),
            json.Replace("\"cutoffLocalTime\": \"15:00\"", "\"cutoffLocalTime\": \"3pm\"", StringComparison.Ordinal),
            json.Replace("\"2026-12-25\"", "\"25/12/2026\"", StringComparison.Ordinal),
            json.Replace("\"holidays\": [", "\"holidays\": { \"x\": [", StringComparison.Ordinal).Replace("\"2027-01-01\"\n        ]", "\"2027-01-01\"\n        ] }", StringComparison.Ordinal),
            json.Replace("\"names\": {", "\"names\": [ {", StringComparison.Ordinal),
        ];

        var messages = broken.Select(ConfigurationJson.Parse).Where(p => !p.Succeeded).SelectMany(p => p.Errors).Select(e => e.Message).Distinct().ToList();

        Assert.True(messages.Count >= 6, string.Join("\n", messages));
        Assert.All(messages, m => Assert.Matches(Scripts.Chinese(), InCulture("zh-Hant", () => MessageTexts.Translate(m))));
    }

    /// <summary>Every refusal the change-request service writes has a template, so none reaches a Chinese console in English.</summary>
    [Fact]
    public void EveryRefusalOfTheWorkflow_HasATemplate()
    {
        var source = string.Join("\n", SourceTree.ChangeRequestServiceFiles().Select(File.ReadAllText));

        var refusals = Refusals(source).Distinct().ToList();

        Assert.True(refusals.Count > 35, string.Join("\n", refusals));
        var missing = refusals.Where(r => !MessageTexts.ZhHant.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "No template for:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("Only HK approvers can approve this change request.", "只有 HK 的審核人可以核准此變更申請。")]
    [InlineData("Only a draft can be submitted; this one is in review.", "只有草稿可以送審；此申請目前為審核中。")]
    [InlineData("CR-7 was changed by Hana Ho at 2026-12-05 18:15 (HK time), after you opened it. Your input is kept: reload to see their version, then apply yours again.",
        "您開啟 CR-7 後，Hana Ho 已於 2026-12-05 18:15（HK 時間）修改它。您輸入的內容仍保留：請重新載入查看對方的版本，再套用您的修改。")]
    [InlineData("CR-7 was changed by you, in another tab or window, at 2026-12-05 18:15 (HK time), after this page opened it. Your input is kept: reload to see that version, then apply yours again.",
        "此頁面開啟 CR-7 後，您已於 2026-12-05 18:15（HK 時間）在另一個分頁或視窗修改它。您輸入的內容仍保留：請重新載入查看該版本，再套用您的修改。")]
    [InlineData("CR-7 was changed by someone else at the same moment. Your input is kept: reload and apply it again.", "CR-7 在同一時間被其他人修改。您輸入的內容仍保留：請重新載入後再套用一次。")]
    [InlineData(DatabaseFailures.Message, "資料庫沒有回應，因此沒有任何變更。您輸入的內容仍保留在此：請稍後再試。")]
    [InlineData(DatabaseFailures.MovedMessage, "未儲存：主控台運行期間，其資料庫檔案被移動、刪除或取代，因此沒有任何變更。您輸入的內容仍保留在此。在負責運行主控台的人員重新啟動主控台之前，儲存都不會成功：在此之前請保留一份您的修改。")]
    [InlineData(DatabaseFailures.ReadOnlyMessage, "未儲存：主控台已無法寫入其資料庫（資料庫檔案或其資料夾對它已變成唯讀），因此沒有任何變更。您輸入的內容仍保留在此。在負責運行主控台的人員讓資料夾及其中的檔案重新可供主控台寫入之前，重試也不會成功。")]
    [InlineData("The title of CR-7 was changed from “From HK$199” to “From HK$149” by Hana Ho at 2026-12-05 18:15 (HK time), after you opened it: the proposal is not the one you read, and your approval was not recorded. Read the new proposal, then approve it.",
        "您開啟 CR-7 後，Hana Ho 已於 2026-12-05 18:15（HK 時間）將其標題由「From HK$199」改為「From HK$149」：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。")]
    [InlineData("At 2026-12-05 18:15 (HK time), after you opened CR-7, Ada Admin changed how many approvals a restricted-goods change of HK needs: CR-7 now needs 2 approvals, has 1 and is in review. Nothing was recorded, and your input is kept: look at it again, then act.",
        "您開啟 CR-7 後，Ada Admin 於 2026-12-05 18:15（HK 時間）變更了 HK 禁限售商品變更所需的核准數：CR-7 現在需要 2 個核准，已有 1 個，目前為審核中。沒有記錄任何操作，您輸入的內容仍保留：請再看一次，然後再操作。")]
    // What people typed, quoted, is shown as they typed it: a title "Promotion" is not the word 優惠, a key named "none" not 無.
    [InlineData("The title of CR-7 was changed from “Promotion” to “free” by Hana Ho at 2026-12-05 18:15 (HK time), after you opened it: the proposal is not the one you read, and your approval was not recorded. Read the new proposal, then approve it.",
        "您開啟 CR-7 後，Hana Ho 已於 2026-12-05 18:15（HK 時間）將其標題由「Promotion」改為「free」：這不是您閱讀過的提案，您的核准沒有記錄。請先閱讀新的提案，再核准。")]
    [InlineData("A key in force is already named 'none': give this one a name that tells them apart, or revoke that one first.",
        "已有一把使用中的金鑰名為「none」：請為這把金鑰取一個能與它區分的名稱，或先撤銷那一把。")]
    [InlineData("The proposal has 1 error; fix it before submitting.", "提案有 1 個錯誤；請先修正再送審。")]
    [InlineData("The proposal has 12 errors; fix them before submitting.", "提案有 12 個錯誤；請先修正再送審。")]
    [InlineData("The proposal has 1 warning; acknowledge it to approve.", "提案有 1 則警告；請確認後再核准。")]
    [InlineData("The proposal has 2 warnings; acknowledge them to approve.", "提案有 2 則警告；請確認後再核准。")]
    public void InTraditionalChinese_ARefusalReadsAsItsTemplateSays(string english, string chinese)
    {
        Assert.Equal(chinese, InCulture("zh-Hant", () => MessageTexts.Translate(english)));
    }

    /// <summary>What a verification of the audit chain finds wrong (AuditLog.VerifyAsync), as the audit page shows it; its instant stays UTC, as the page's are.</summary>
    [Theory]
    [InlineData("expected entry 5 next, found 7: an entry is missing", "下一筆應為第 5 筆，卻是第 7 筆：有紀錄遺失")]
    [InlineData("it does not link to the entry before it", "它沒有連到前一筆紀錄")]
    [InlineData("its content does not match its hash (ChangeRequestEdited by Hana Ho at 2026-12-05 10:15:00Z)", "內容與其雜湊值不符（Hana Ho 於 2026-12-05 10:15:00Z 的 ChangeRequestEdited）")]
    public void InTraditionalChinese_WhatTheAuditChainsVerificationFindsReadsInChinese(string english, string chinese)
    {
        Assert.Equal(chinese, InCulture("zh-Hant", () => MessageTexts.Translate(english)));
    }

    /// <summary>
    /// The message literal after each <c>WorkflowFailure.X,</c>, its interpolation holes written {0}, {1}, ...; or the format
    /// string of a message with English plurals (<c>WorkflowFailure.X, PluralFormat.English("...", ...)</c>) as written.
    /// </summary>
    private static IEnumerable<string> Refusals(string source)
    {
        foreach (Match start in Regex.Matches(source, @"WorkflowFailure\.\w+,\s*(\$|PluralFormat\.English\()?"""))
        {
            var interpolated = start.Groups[1].Value == "$";
            var text = new System.Text.StringBuilder();
            var holes = 0;
            var i = start.Index + start.Length;
            while (source[i] != '"')
            {
                if (interpolated && source[i] == '{' && source[i + 1] != '{')
                {
                    // Skip the hole, its own braces and any string inside it.
                    for (var depth = 0; ; i++)
                    {
                        if (source[i] == '"')
                        {
                            i = source.IndexOf('"', i + 1);
                        }
                        else if (source[i] == '{')
                        {
                            depth++;
                        }
                        else if (source[i] == '}' && --depth == 0)
                        {
                            break;
                        }
                    }

                    text.Append('{').Append(holes++).Append('}');
                    i++;
                }
                else
                {
                    text.Append(source[i]);
                    i += interpolated && source[i] is '{' or '}' && source[i + 1] == source[i] ? 2 : 1;
                }
            }

            yield return text.ToString();
        }
    }

    [Fact]
    public void AMessageCarryingAVeryLongValue_IsShownAsWritten()
    {
        var name = new string('x', 100_000);
        var parsed = ConfigurationJson.Parse($"{{ \"site\": \"HK\", \"{name}\": 1 }}");
        var message = parsed.Errors.Single(e => e.Message.Contains(name, StringComparison.Ordinal)).Message;

        Assert.Equal(message, InCulture("zh-Hant", () => MessageTexts.Translate(message)));
    }

    [Fact]
    public void InEnglish_MessagesAreAsWritten()
    {
        var issues = Issues();

        Assert.All(InCulture("en", () => issues.Select(i => (i.Message, Text: MessageTexts.Translate(i.Message))).ToList()), t => Assert.Equal(t.Message, t.Text));
    }

    [Fact]
    public void Translations_KeepThePlaceholdersOfTheirTemplates()
    {
        static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal)];

        Assert.All(MessageTexts.ZhHant, entry => Assert.Equal(Placeholders(entry.Key), Placeholders(entry.Value)));
    }

    private static T InCulture<T>(string culture, Func<T> action)
    {
        using var _ = UiCulture.Use(culture);
        return action();
    }

    [Fact]
    public void ATemplateWithAFormattedValue_TakesTheValue_AndAChoiceStillMatchesEitherWord()
    {
        // A format such as N0 is no plural choice: taken for one, the template would have matched the letters "N0".
        var formatted = new MessageTexts.Template("Showing the first {0:N0} of {1:N0} changes.", "顯示 {1} 項變更中的前 {0} 項。");
        Assert.True(formatted.TryMatch("Showing the first 1,000 of 1,450 changes.", out var values));
        Assert.Equal(["1,000", "1,450"], values);

        var choice = new MessageTexts.Template("{0} {0:error|errors} in {1}.", "{1} 有 {0} 個錯誤。");
        Assert.True(choice.TryMatch("1 error in HK.", out var one));
        Assert.Equal(["1", "HK"], one);
        Assert.True(choice.TryMatch("3 errors in HK.", out var three));
        Assert.Equal(["3", "HK"], three);
        Assert.False(choice.TryMatch("3 mistakes in HK.", out _));
    }
}
