using Bunit;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Preview;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The preview's sample cart and what it says of the draft's quotes: counts in words, grams grouped as the console groups numbers.</summary>
public sealed class PreviewCartTests : PreviewContext
{
    [Fact]
    public void TheCart_CountsItsItemsInTheSingularAndThePlural_WithGramsGrouped()
    {
        using var culture = UiCulture.Use("en");
        var preview = RenderHk();

        Assert.Equal("Cart: 2 items, HK$248.00, 200 g", Summary(preview));

        preview.Find("input[aria-label='Quantity of Face cream']").Change("0");
        Assert.Equal("Cart: 1 item, HK$59.00, 120 g", Summary(preview));

        preview.Find("input[aria-label='Quantity of Bookshelf']").Change("1");
        Assert.Equal("Cart: 2 items, HK$958.00, 12,120 g", Summary(preview));
    }

    /// <summary>No sample product was restricted by these demo rules, so the preview could not show what they do.</summary>
    [Theory]
    [InlineData("HK", "Hair spray (aerosol)", "RG-HK-AEROSOL")]
    [InlineData("TW", "Pork jerky", "RG-TW-PORK")]
    [InlineData("SG", "Chewing gum", "RG-SG-GUM")]
    [InlineData("SG", "Vape pen", "RG-SG-VAPE")]
    public void AProductOneSiteRestricts_ShowsItsRuleInThePreview(string code, string product, string rule)
    {
        using var culture = UiCulture.Use("en");
        var preview = RenderSite(code);
        Assert.DoesNotContain(rule, preview.Markup, StringComparison.Ordinal);

        preview.Find($"input[aria-label='Quantity of {product}']").Change("1");

        var items = preview.Find("table[aria-label='Items']").TextContent;
        Assert.Contains("Not purchasable", items, StringComparison.Ordinal);
        Assert.Contains(rule + ":", items, StringComparison.Ordinal);
    }

    [Fact]
    public void AProductsWeight_IsGroupedLikeEveryOtherNumber()
    {
        using (UiCulture.Use("en"))
        {
            Assert.Equal("12,000 g", WeightOf(RenderHk(), "Bookshelf"));
        }

        using (UiCulture.Use("zh-Hant-HK"))
        {
            var preview = RenderHk();
            Assert.Equal("12,000 克", WeightOf(preview, "書架"));
            Assert.Equal("購物車：2 件，HK$248.00，200 克", Summary(preview));
        }
    }

    /// <summary>The sample products were named in English whatever the reader's language, amid a preview in Chinese.</summary>
    [Theory]
    [InlineData("HK")]
    [InlineData("TW")]
    [InlineData("SG")]
    [InlineData("MY")]
    public void InTraditionalChinese_EverySampleProductIsNamedInChinese(string code)
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var preview = RenderSite(code);

        var names = preview.FindAll(".ops-preview-cart > table > tbody > tr > th").Select(th => th.TextContent).ToList();
        Assert.Equal(SampleCatalogue.For(SiteCatalog.Get(code)).Count, names.Count);
        Assert.All(names, name => Assert.Matches(Scripts.Chinese(), name));

        preview.Find("input[aria-label='書架 的數量']").Change("1");
        Assert.StartsWith("購物車：3 件，", Summary(preview), StringComparison.Ordinal);
        Assert.EndsWith("，12,200 克", Summary(preview), StringComparison.Ordinal);
    }

    [Fact]
    public void ChannelsQuotedDifferently_AreCountedInTheSingularAndThePlural()
    {
        using var culture = UiCulture.Use("en");
        var release = DemoConfigurations.For("HK");
        SiteConfiguration Dearer(int channels) =>
            release with { Channels = [.. release.Channels.Select((c, i) => i < channels ? c with { Rate = c.Rate with { FirstPrice = c.Rate.FirstPrice + 1m } } : c)] };

        Assert.Contains("The draft quotes this cart exactly as v1.", RenderHk().Markup, StringComparison.Ordinal);
        Assert.Contains("The draft quotes 1 channel differently from v1.", RenderHk(Dearer(1)).Markup, StringComparison.Ordinal);
        Assert.Contains("The draft quotes 2 channels differently from v1.", RenderHk(Dearer(2)).Markup, StringComparison.Ordinal);
    }

    private static string Summary(IRenderedComponent<Preview> preview) => preview.Find(".ops-preview-cart > summary").TextContent.Trim();

    private static string WeightOf(IRenderedComponent<Preview> preview, string product) =>
        preview.FindAll(".ops-preview-cart > table > tbody > tr").Single(r => r.QuerySelector("th")!.TextContent == product).Children[2].TextContent.Trim();
}
