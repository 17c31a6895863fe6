using Bunit;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Preview;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The preview shows each consolidation promotion's daily budget and what the sample order would spend of it, in the user's language.</summary>
public sealed class PreviewBudgetTests : PreviewContext
{
    [Fact]
    public void DefaultCart_TwoStoresOnTheConsolidationChannel_SpendsTwentyPercentOfItsBaseFee()
    {
        var preview = RenderHk();

        // Phone case and face cream: 200 g from two stores; CONSOL's first kilogram costs HK$25.00, the 2-store tier takes 20%.
        var row = BudgetRow(preview, "CP-HK-BAG");
        Assert.Contains("HK$50,000.00", row, StringComparison.Ordinal);
        Assert.Contains("HK$5.00", row, StringComparison.Ordinal);
        Assert.Equal("10,000", preview.Find("[data-testid='budget-orders-CP-HK-BAG']").TextContent);
    }

    [Fact]
    public void CartFromOneStore_SpendsNothing()
    {
        var preview = RenderHk();

        preview.Find("input[aria-label='Quantity of Face cream']").Change("0");

        Assert.Contains("nothing (it does not apply)", BudgetRow(preview, "CP-HK-BAG"), StringComparison.Ordinal);
        Assert.Equal("—", preview.Find("[data-testid='budget-orders-CP-HK-BAG']").TextContent);
    }

    [Fact]
    public void DraftWithoutABudget_SaysThereIsNoLimit()
    {
        var release = DemoConfigurations.For("HK");
        var draft = release with { ConsolidationPromos = [.. release.ConsolidationPromos.Select(p => p with { DailyBudget = null })] };

        var preview = RenderHk(draft);

        var row = BudgetRow(preview, "CP-HK-BAG");
        Assert.Contains("no limit", row, StringComparison.Ordinal);
        Assert.Contains("HK$5.00", row, StringComparison.Ordinal);
        Assert.Equal("—", preview.Find("[data-testid='budget-orders-CP-HK-BAG']").TextContent);
    }

    [Fact]
    public void DraftWithAmountsPastDecimal_SaysSo_AndTheCartStillChanges()
    {
        var release = DemoConfigurations.For("HK");
        var draft = release with { Channels = [.. release.Channels.Select(c => c with { Rate = c.Rate with { StepPrice = decimal.MaxValue / 2 } })] };

        var preview = RenderHk(draft);
        preview.Find("input[aria-label='Quantity of Bookshelf']").Change("1");

        Assert.NotNull(preview.Find("[data-testid='preview-unquotable']"));
        Assert.Empty(preview.FindAll("[data-testid='preview-budgets']"));
    }

    [Fact]
    public void AnOverweightChannel_SaysWhyInWords_NotTheEnginesCode()
    {
        using var culture = UiCulture.Use("en");
        var preview = RenderHk();

        preview.Find("input[aria-label='Quantity of Bookshelf']").Change("2"); // 24 kg, above direct mail's 20 kg

        Assert.Contains("Unavailable: over the channel's maximum weight", preview.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Overweight", preview.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void InTraditionalChinese_ThePreviewsOwnWordsAreChinese()
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var markup = RenderHk().Markup;

        Assert.Contains("每日可支應的同類訂單", markup, StringComparison.Ordinal);
        Assert.Contains("基本 HK$25.00", markup, StringComparison.Ordinal);
        Assert.Contains(">可用<", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Available", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Changed lines are marked", markup, StringComparison.Ordinal);
    }

    /// <summary>The preview of HK's demo release (v1) against <paramref name="draft"/>, by default the release itself.</summary>
    [Fact]
    public void TheQuoteTime_ReadsWhole_AndSaysAnEmptyOneMeansNow()
    {
        using var culture = UiCulture.Use("en");
        var preview = RenderHk();

        // The label used to carry "empty = now" and was cut off at the field's width; it is said beneath the field now.
        var field = preview.Find(".rz-form-field:has(input[name='pv-at'])");
        Assert.Equal("At (HK time)", field.QuerySelector(".rz-form-field-label")!.TextContent.Trim());
        Assert.Equal("Empty means now", field.QuerySelector(".rz-form-field-helper")!.TextContent.Trim());
        // Named by the label (its "for"), described by the words beneath.
        var input = preview.Find("input[name='pv-at']");
        Assert.Equal(input.Id, field.QuerySelector("label")!.GetAttribute("for"));
        Assert.Equal("Empty means now", preview.Find("#" + input.GetAttribute("aria-describedby")).TextContent);
    }

    private static string BudgetRow(IRenderedComponent<Preview> preview, string promoId) =>
        preview.FindAll("[data-testid='preview-budgets'] tbody tr").Single(r => r.TextContent.Contains(promoId, StringComparison.Ordinal)).TextContent;
}
