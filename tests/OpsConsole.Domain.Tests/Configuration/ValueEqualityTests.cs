using System.Text;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Configuration;

public class ValueEqualityTests
{
    [Fact]
    public void ValueList_ComparesElements()
    {
        ValueList<string> a = ["A", "B"];
        ValueList<string> b = new[] { "A", "B" };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, (ValueList<string>)["B", "A"]);
        Assert.True(a.Contains("B"));
    }

    [Fact]
    public void LocalizedText_IgnoresTheOrderTextsWereGivenIn()
    {
        var a = LocalizedText.Of(("en-HK", "Direct"), ("zh-Hant-HK", "直郵"));
        var b = LocalizedText.Of(("zh-Hant-HK", "直郵"), ("en-HK", "Direct"));

        Assert.Equal(a, b);
        Assert.Equal(["en-HK", "zh-Hant-HK"], b.Keys);
        Assert.Equal("Direct", b.For("fr-FR", "en-HK"));
        Assert.Null(b.For("fr-FR", "de-DE"));
    }

    [Fact]
    public void SiteConfiguration_WithChangedSection_IsInConfigurationOrder()
    {
        var config = TestFiles.HongKong();

        var reversed = config with { Channels = [.. config.Channels.Reverse()], RestrictedGoods = [.. config.RestrictedGoods.Reverse()] };

        Assert.Equal(config, reversed);
        Assert.Equal(["RG-HK-BATTERY-AIR", "RG-HK-BLADE", "RG-HK-MED-LIMIT"], reversed.RestrictedGoods.Select(r => r.Id));
    }

    [Fact]
    public void Parse_Utf8BytesWithByteOrderMark_Succeeds()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TestFiles.Example("config.HK.json"))).ToArray();

        Assert.Equal(TestFiles.HongKong(), ConfigurationJson.Parse(bytes).Value);
    }

    [Fact]
    public void Compile_IsCachedPerConfigurationInstance()
    {
        var config = DemoConfigurations.For("SG");

        Assert.Same(QuoteEngine.Compile(config), QuoteEngine.Compile(config));
        Assert.NotSame(QuoteEngine.Compile(config), QuoteEngine.Compile(config with { }));
    }
}
