using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Quoting;

/// <summary>
/// Each case is a configuration, a cart and the quote worked out by hand. The contract example is
/// one of them; the others live in Golden/&lt;case&gt;/ with a README of how they were worked out.
/// </summary>
public class GoldenQuoteTests
{
    // The instant used when a cart has no "at"; every golden cart sets one, so this must not matter.
    private static readonly DateTimeOffset Now = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string> { Path.Combine("TestData", "examples") + "|HK" };
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden");
        foreach (var directory in (Directory.Exists(golden) ? Directory.GetDirectories(golden) : []).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.Combine("Golden", Path.GetFileName(directory)));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quote_OfGoldenCart_MatchesTheQuoteWorkedOutByHand(string goldenCase)
    {
        var (folder, site) = goldenCase.Split('|') is [var f, var s] ? (f, "." + s) : (goldenCase, string.Empty);
        var config = TestFiles.Configuration(TestFiles.Read(folder, $"config{site}.json"));
        var request = TestFiles.Request(TestFiles.Read(folder, $"cart{site}.json"));

        var quote = QuoteEngine.Quote(config, request, Now);

        JsonTree.AssertEqual(TestFiles.Read(folder, $"quote{site}.json"), QuoteJson.Serialize(quote, indented: true));
    }

    [Fact]
    public void Golden_HasHandWorkedCasesBesideTheContractExample() =>
        Assert.True(Cases().Count >= 3, "Golden/ should hold hand-worked TW and MY cases.");
}
