using System.Globalization;
using OpsConsole.Localization;

namespace OpsConsole.Tests.Components;

public sealed class PluralFormatTests
{
    [Theory]
    [InlineData(0, "0 errors")]
    [InlineData(1, "1 error")]
    [InlineData(2, "2 errors")]
    [InlineData(11, "11 errors")]
    [InlineData(-1, "-1 errors")]
    public void English_ChoosesTheSingularForOne_AndThePluralForEveryOtherCount(int count, string expected)
    {
        Assert.Equal(expected, PluralFormat.English("{0} {0:error|errors}", count));
    }

    [Theory]
    [InlineData(1, 1, "1 error, 1 warning.")]
    [InlineData(1, 3, "1 error, 3 warnings.")]
    [InlineData(2, 1, "2 errors, 1 warning.")]
    [InlineData(0, 0, "0 errors, 0 warnings.")]
    public void English_TwoCounts_EachTakesItsOwnWord(int errors, int warnings, string expected)
    {
        Assert.Equal(expected, PluralFormat.English("{0} {0:error|errors}, {1} {1:warning|warnings}.", errors, warnings));
    }

    [Fact]
    public void English_AChoiceCanBeAnyWords_AndComeBackLater()
    {
        const string Format = "The proposal has {0} {0:warning|warnings}; acknowledge {0:it|them} to approve.";

        Assert.Equal("The proposal has 1 warning; acknowledge it to approve.", PluralFormat.English(Format, 1));
        Assert.Equal("The proposal has 4 warnings; acknowledge them to approve.", PluralFormat.English(Format, 4));
    }

    [Fact]
    public void English_CountsOfEveryWholeNumberType()
    {
        Assert.Equal("1 release", PluralFormat.English("{0} {0:release|releases}", 1L));
        Assert.Equal("1 release", PluralFormat.English("{0} {0:release|releases}", (byte)1));
        Assert.Equal("7 releases", PluralFormat.English("{0} {0:release|releases}", 7u));
        Assert.Equal("1.00 store", PluralFormat.English("{0} {0:store|stores}", 1.00m));
        Assert.Equal("4 stores", PluralFormat.English("{0} {0:store|stores}", 4m));
    }

    [Fact]
    public void OtherValues_FormatInTheCultureAsWithoutChoices()
    {
        var at = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Utc);

        Assert.Equal("12,000 g", PluralFormat.English("{0:N0} g", 12_000));
        Assert.Equal("12.000 g, 1 item", string.Format(PluralFormat.For(CultureInfo.GetCultureInfo("de-DE")), "{0:N0} g, {1} {1:item|items}", 12_000, 1));
        Assert.Equal("[   HK] 2026-12-01 08:30 and nothing", PluralFormat.English("[{0,5}] {1:yyyy-MM-dd HH:mm} and {2}nothing", "HK", at, null));
    }

    [Theory]
    [InlineData("{0:error|errors|errata}", 1)]
    [InlineData("{0:error|errors}", 1.0)]
    [InlineData("{0:error|errors}", "1")]
    public void AChoiceThatIsNotTwoWordsOnAWholeNumber_IsAMistakeInTheFormat(string format, object count)
    {
        Assert.Throws<FormatException>(() => PluralFormat.English(format, count));
    }

    [Fact]
    public void AChoiceOnADecimalWithAFraction_IsAMistake()
    {
        Assert.Throws<FormatException>(() => PluralFormat.English("{0} {0:store|stores}", 1.5m));
    }
}
