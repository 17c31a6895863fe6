using System.Globalization;
using System.Text.RegularExpressions;
using Bunit;
using OpsConsole.Auth;
using OpsConsole.Components.Layout;
using OpsConsole.Features.Audit;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

public sealed partial class ConsoleTextsTests : BunitContext
{
    public ConsoleTextsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void NavMenu_InTraditionalChinese_ShowsTranslatedShell()
    {
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer);
        using var culture = UiCulture.Use("zh-Hant-HK");
        var menu = Render<NavMenu>();

        Assert.Contains("總覽", menu.Markup, StringComparison.Ordinal);
        Assert.Contains("HK · 香港", menu.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Change requests", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsoleTexts_InEnglish_GivesTheKeyBack()
    {
        using (UiCulture.Use("en"))
        {
            Assert.Equal("Free shipping", ConsoleTexts.T("Free shipping"));
        }

        using (UiCulture.Use("zh-Hant"))
        {
            Assert.Equal("免運規則", ConsoleTexts.T("Free shipping"));
            Assert.Equal("Not translated yet", ConsoleTexts.T("Not translated yet"));
        }
    }

    [Fact]
    public void AuditActions_ReadAsWordsAndName_InChinese_AndAsStoredInEnglish()
    {
        Assert.Contains(AuditActions.SignIn, AuditActions.All);
        Assert.Equal(typeof(AuditActions).GetFields().Length, AuditActions.All.Count);
        using (UiCulture.Use("zh-Hant-HK"))
        {
            Assert.Equal("登入 (SignIn)", AuditActions.TextOf(AuditActions.SignIn));
            var untranslated = AuditActions.All.Where(a => AuditActions.TextOf(a) == a).ToList();
            Assert.True(untranslated.Count == 0, "Audit actions without Chinese words: " + string.Join(", ", untranslated));
        }

        using (UiCulture.Use("en"))
        {
            Assert.All(AuditActions.All, a => Assert.Equal(a, AuditActions.TextOf(a)));
        }
    }

    [Fact]
    public void ConsoleTexts_EveryTranslationIsChineseText()
    {
        // Punctuation alone is translated by its Chinese form: “{0}” is 「{0}」, "{0}: {1}" is "{0}：{1}".
        Assert.All(ConsoleTexts.ZhHant.Where(e => !OnlyPlaceholdersInChinesePunctuation().IsMatch(e.Value)), entry => Assert.Matches(Scripts.Chinese(), entry.Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\{\d+\}|\p{IsCJKSymbolsandPunctuation}|\p{IsHalfwidthandFullwidthForms})+$")]
    private static partial System.Text.RegularExpressions.Regex OnlyPlaceholdersInChinesePunctuation();

    /// <summary>The values of a key are in its translation; its English plural choices ({0:error|errors}) are not, Chinese having no plural.</summary>
    [Fact]
    public void ConsoleTexts_EveryTranslationKeepsThePlaceholdersOfItsKey()
    {
        Assert.All(ConsoleTexts.ZhHant, entry => Assert.Equal(Placeholders(entry.Key).Where(p => !p.Contains('|', StringComparison.Ordinal)), Placeholders(entry.Value)));
    }

    [Fact]
    public void ConsoleTexts_FormatsInTheUsersLanguage_WithTheEnglishWordForTheCount()
    {
        using (UiCulture.Use("en"))
        {
            Assert.Equal("1 change", ConsoleTexts.F("{0:N0} {0:change|changes}", 1));
            Assert.Equal("1,450 changes", ConsoleTexts.F("{0:N0} {0:change|changes}", 1_450));
            Assert.Equal("1 error, 0 warnings.", ConsoleTexts.F("{0} {0:error|errors}, {1} {1:warning|warnings}.", 1, 0));
        }

        using (UiCulture.Use("zh-Hant"))
        {
            Assert.Equal("1 項變更", ConsoleTexts.F("{0:N0} {0:change|changes}", 1));
            Assert.Equal("1,450 項變更", ConsoleTexts.F("{0:N0} {0:change|changes}", 1_450));
            Assert.Equal("1 個錯誤，0 則警告。", ConsoleTexts.F("{0} {0:error|errors}, {1} {1:warning|warnings}.", 1, 0));
        }
    }

    /// <summary>
    /// A count in a text is an English word for one and for many, not "(s)"; and every choice in the texts, the console's and the
    /// messages', is a pair of words that reads for 1 and for 2.
    /// </summary>
    [Fact]
    public void Texts_WritePluralsAsAChoiceOfTwoWords_NeverAsParenthesisS()
    {
        var keys = ConsoleTexts.ZhHant.Keys.Concat(MessageTexts.ZhHant.Keys).ToList();
        var choices = keys.Where(k => k.Contains('|', StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(keys, k => k.Contains("(s)", StringComparison.Ordinal));
        Assert.True(choices.Count >= 18, string.Join("\n", choices));
        Assert.All(choices, key =>
        {
            var values = Regex.Matches(key, @"\{(\d+)").Max(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) + 1;
            foreach (var count in new[] { 1, 2 })
            {
                var text = PluralFormat.English(key, [.. Enumerable.Repeat<object?>(count, values)]);
                Assert.DoesNotContain("|", text, StringComparison.Ordinal);
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void ConsoleTexts_JoinsPartsWithTheListSeparatorOfTheUsersLanguage()
    {
        string[] tiers = ["HK$300 off", "3 stores free"];
        using (UiCulture.Use("en"))
        {
            Assert.Equal("HK$300 off; 3 stores free", ConsoleTexts.Join(tiers));
        }

        using (UiCulture.Use("zh-Hant-TW"))
        {
            Assert.Equal("HK$300 off；3 stores free", ConsoleTexts.Join(tiers));
        }
    }

    /// <summary>
    /// Every literal the markup (and the features' code, such as the form checks) passes to ConsoleTexts.T or ConsoleTexts.F (or to T
    /// and F imported statically) has a translation, so a page never comes out half English in Traditional Chinese.
    /// </summary>
    [Fact]
    public void ConsoleTexts_EveryLiteralInTheMarkupIsTranslated()
    {
        var source = SourceTree.AppFolder;
        // ConsoleTexts.T(...) and, where the folder imports ConsoleTexts statically (the editors, the preview), a bare T(...).
        var call = new Regex(@"(?<![\w.])(?:ConsoleTexts\.)?(?<f>[TF])\(((?:[^()""]|""(?:[^""\\]|\\.)*"")*)", RegexOptions.CultureInvariant);
        var literal = new Regex(@"""((?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant);
        var withContext = new Regex(@"^\s*""(?:[^""\\]|\\.)*""\s*,\s*""(?:[^""\\]|\\.)*""\s*$", RegexOptions.CultureInvariant);
        var files = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(source, "Features"), "*.cs", SearchOption.AllDirectories));
        var missing = files
            .SelectMany(file => call.Matches(File.ReadAllText(file)).SelectMany(Keys)
                .Select(key => (File: Path.GetRelativePath(source, file), Text: key)))
            .Where(x => x.Text.Any(char.IsLetter) && !x.Text.StartsWith('<') && !ConsoleTexts.ZhHant.ContainsKey(x.Text))
            .Select(x => $"{x.File}: {x.Text}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "No translation for:\n" + string.Join("\n", missing));
        Assert.True(ConsoleTexts.ZhHant.Count > 200);

        // T("Action", "Audit") is looked up as "Audit: Action"; every other literal is a key of its own.
        IEnumerable<string> Keys(Match m)
        {
            var texts = literal.Matches(m.Groups[1].Value).Select(l => Regex.Unescape(l.Groups[1].Value)).ToList();
            return m.Groups["f"].Value == "T" && withContext.IsMatch(m.Groups[1].Value) ? [$"{texts[1]}: {texts[0]}"] : texts;
        }
    }

    [Fact]
    public void OneEnglishWord_ReadsAsEachPageMeansIt_InChinese()
    {
        using (UiCulture.Use("zh-Hant-HK"))
        {
            Assert.Equal("動作", ConsoleTexts.T("Action", "Audit"));
            Assert.Equal("處理方式", ConsoleTexts.T("Action"));
            Assert.Equal("全部", ConsoleTexts.T("All", "Audit"));
        }

        using (UiCulture.Use("en"))
        {
            Assert.Equal("Action", ConsoleTexts.T("Action", "Audit"));
        }
    }

    private static string[] Placeholders(string text) =>
        Regex.Matches(text, @"\{\d+(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant).Select(m => m.Value).Order(StringComparer.Ordinal).ToArray();
}
