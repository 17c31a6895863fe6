using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Tests.Sites;

public class SiteCatalogTests
{
    [Theory]
    [InlineData("HK", "1299", "HK$1,299.00")]
    [InlineData("TW", "150", "NT$150")]
    [InlineData("TW", "149.5", "NT$150")]
    [InlineData("SG", "12.5", "S$12.50")]
    [InlineData("MY", "9.9", "RM9.90")]
    [InlineData("HK", "0.005", "HK$0.01")]
    public void FormatMoney_UsesSymbolSeparatorsAndMinorUnits(string site, string amount, string expected) =>
        Assert.Equal(expected, SiteCatalog.Get(site).FormatMoney(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("HK", "1299", "HK$1,299.00")]
    [InlineData("TW", "1500", "NT$1,500")]
    [InlineData("SG", "4.5", "S$4.50")]
    [InlineData("TW", "149.5", "NT$149.5")]
    [InlineData("HK", "0.005", "HK$0.005")]
    public void ShowMoney_IsTheBuyersForm_ButNeverRoundsAnInvalidAmountIntoAnother(string site, string amount, string expected) =>
        Assert.Equal(expected, SiteCatalog.Get(site).ShowMoney(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("HK", "en-HK", "en-HK")]
    [InlineData("HK", "fr-FR", "zh-Hant-HK")]
    [InlineData("MY", null, "en-MY")]
    [InlineData("HK", "en-hk", "en-HK")]
    [InlineData("MY", "ZH-HANS-MY", "zh-Hans-MY")]
    [InlineData("HK", "en", "zh-Hant-HK")]
    public void ResolveLocale_IgnoresCase_AndFallsBackToSiteDefault(string site, string? requested, string expected) =>
        Assert.Equal(expected, SiteCatalog.Get(site).ResolveLocale(requested));

    [Fact]
    public void EverySite_IsUtcPlusEightWithoutDaylightSaving()
    {
        foreach (var site in SiteCatalog.All)
        {
            // Hong Kong observed summer time until 1979; today every site is a steady UTC+8.
            Assert.Equal(TimeSpan.FromHours(8), site.TimeZone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero)));
            Assert.Equal(TimeSpan.FromHours(8), site.TimeZone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero)));
        }
    }

    [Fact]
    public void Get_UnknownSite_NamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => SiteCatalog.Get("JP"));
        Assert.Contains("HK, TW, SG, MY", error.Message);
    }
}
