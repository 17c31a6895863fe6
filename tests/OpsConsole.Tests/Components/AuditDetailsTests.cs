using System.Text.RegularExpressions;
using OpsConsole.Features.Audit;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The audit log shows an entry's details as lines a person reads, not as the JSON the chain hashes.</summary>
public sealed class AuditDetailsTests
{
    [Fact]
    public void Lines_GiveEachPropertyItsOwnLine_StringsAsWrittenAndListsJoined()
    {
        var lines = AuditDetails.Lines("""{"comment":"HK$99 is too low.\nAsk logistics first.","sites":["HK","TW"],"warnings":2,"approvalsCleared":false,"reason":null}""");

        Assert.Equal(
            [("comment", "HK$99 is too low.\nAsk logistics first."), ("sites", "HK, TW"), ("warnings", "2"), ("approvalsCleared", "false"), ("reason", "—")],
            lines);
    }

    [Fact]
    public void Lines_OfANestedObject_KeepItsJson()
    {
        var lines = AuditDetails.Lines("""{"to":3,"changed":{"freeShipping":1}}""");

        Assert.Equal([("to", "3"), ("changed", """{"freeShipping":1}""")], lines);
    }

    [Fact]
    public void Lines_OfAChangeFromOneValueToAnother_ReadAsFromArrowTo()
    {
        // An administrator's new approvals number read 'approvals for restricted goods: {"from":2,"to":3}'.
        var lines = AuditDetails.Lines("""{"approvalsForRestrictedGoods":{"from":2,"to":3},"backInReview":["CR-4"]}""");

        Assert.Equal([("approvalsForRestrictedGoods", "2 → 3"), ("backInReview", "CR-4")], lines);
    }

    [Fact]
    public void Lines_OfAnEmptyList_ReadAsNone_NotAsNothingAfterTheLabel()
    {
        // "back in review:" followed by nothing looked like a value the page had failed to show.
        var lines = AuditDetails.Lines("""{"backInReview":[],"approved":[],"conflicts":[],"changed":[]}""");

        Assert.Equal([("backInReview", "—"), ("approved", "—"), ("conflicts", "—"), ("changed", "—")], lines);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData(null)]
    public void Lines_OfNothing_AreNone(string? details) => Assert.Empty(AuditDetails.Lines(details));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"comment": "cut off""")]
    public void Lines_OfTextThatIsNotJson_ShowItAsItIs(string details) => Assert.Equal([("", details)], AuditDetails.Lines(details));

    [Fact]
    public void Lines_OfAJsonValueThatIsNotAnObject_ShowThatValue() => Assert.Equal([("", "rolled back by hand")], AuditDetails.Lines("\"rolled back by hand\""));

    [Fact]
    public void Lines_InChinese_SayYesAndNo_AStatesWords_AndWhatChangedInChinese()
    {
        // Only the labels were translated: "已清除核准: true", "狀態: InReview", "已變動: configuration, title".
        const string details = """{"changed":["configuration","title"],"approvalsCleared":true,"state":"InReview","sections":["freeShipping"],"comment":"true"}""";
        using (UiCulture.Use("zh-Hant-HK"))
        {
            Assert.Equal(
                [("changed", "設定, 標題"), ("approvalsCleared", "是"), ("state", "審核中 (InReview)"), ("sections", "freeShipping"), ("comment", "true")],
                AuditDetails.Lines(details));
            Assert.Equal("否", AuditDetails.Lines("""{"approvalsCleared":false}""").Single().Value);
        }

        using (UiCulture.Use("en"))
        {
            Assert.Equal(
                [("changed", "configuration, title"), ("approvalsCleared", "true"), ("state", "InReview"), ("sections", "freeShipping"), ("comment", "true")],
                AuditDetails.Lines(details));
        }
    }

    [Fact]
    public void Label_ReadsAsWords_InTheConsolesLanguage_AndAnUnknownNameAsItsEnglishWords()
    {
        using (UiCulture.Use("en"))
        {
            Assert.Equal("acknowledged warnings", AuditDetails.Label("acknowledgedWarnings"));
            Assert.Equal("something new", AuditDetails.Label("somethingNew"));
        }

        using (UiCulture.Use("zh-Hant-HK"))
        {
            Assert.Equal("已確認的警告", AuditDetails.Label("acknowledgedWarnings"));
            Assert.Equal("原因", AuditDetails.Label("reason"));
            Assert.Equal("something new", AuditDetails.Label("somethingNew"));
        }
    }

    /// <summary>Every property of every audit entry the console writes has words in both languages.</summary>
    [Fact]
    public void Label_CoversEveryPropertyTheConsoleWrites()
    {
        string[] writers = [.. SourceTree.ChangeRequestServiceFiles(), .. new[] { "Features/Releases/ReleaseImporter.cs", "Api/ApiKeyStore.cs", "Auth/SignInRecorder.cs" }.Select(file => Path.Combine(SourceTree.AppFolder, file))];
        var names = writers.SelectMany(file => AnonymousMembers(File.ReadAllText(file))).Distinct().ToList();

        Assert.Contains("acknowledgedWarnings", names);
        Assert.Contains("prefix", names);
        Assert.True(names.Count >= 25, string.Join(", ", names));
        using var culture = UiCulture.Use("zh-Hant-HK");
        Assert.All(names, name => Assert.NotEqual(AuditDetails.Words(name), AuditDetails.Label(name)));
    }

    /// <summary>The JSON names of the members of each <c>new { ... }</c> in C# source, as System.Text.Json's web defaults write them.</summary>
    private static IEnumerable<string> AnonymousMembers(string source)
    {
        foreach (Match start in Regex.Matches(source, @"new\s*\{"))
        {
            var (depth, part, i) = (0, new System.Text.StringBuilder(), start.Index + start.Length);
            for (; i < source.Length && depth >= 0; i++)
            {
                var c = source[i];
                depth += c is '{' or '(' or '[' ? 1 : c is '}' or ')' or ']' ? -1 : 0;
                if (depth < 0 || (depth == 0 && c == ','))
                {
                    if (Member(part.ToString()) is { } name)
                    {
                        yield return name;
                    }

                    part.Clear();
                }
                else
                {
                    part.Append(c);
                }
            }
        }
    }

    private static string? Member(string part)
    {
        var match = Regex.Match(part.Trim(), @"^(?:(?<named>\w+)\s*=[^=]|(?:[\w.]*\.)?(?<projected>\w+)$)", RegexOptions.Singleline);
        var name = match.Groups["named"].Success ? match.Groups["named"].Value : match.Groups["projected"].Success ? match.Groups["projected"].Value : null;
        return name is null ? null : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
