using Bunit;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

public sealed class ConsolidationPromoEditorTests : EditorTestContext
{
    private IReadOnlyList<PromoTier> Tiers(EditorContext context) => context.Config.ConsolidationPromos.Single(p => p.Id == "CP-HK-BAG").Tiers;

    [Fact]
    public void ConsolidationPromoEditor_AddTier_AppendsARisingTier()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.FindAll("button").Single(b => b.TextContent.Contains("Add tier", StringComparison.Ordinal)).Click();

        Assert.Equal(4, Tiers(context).Count);
        Assert.Equal(7m, Tiers(context)[3].Min);
        Assert.Equal(4, editor.FindAll("[data-testid=tier]").Count);
    }

    [Fact]
    public void ConsolidationPromoEditor_RemoveTier_DropsThatTier()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.Find("button[aria-label='Remove tier 2']").Click();

        Assert.Equal([2m, 6m], Tiers(context).Select(t => t.Min));
        Assert.Equal(2, editor.FindAll("[data-testid=tier]").Count);
    }

    [Fact]
    public void ConsolidationPromoEditor_MoveTierUp_ShowsNotRisingAtItsMinimum()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.Find("button[aria-label='Move tier 2 up']").Click();

        Assert.Equal([4m, 2m, 6m], Tiers(context).Select(t => t.Min));
        Assert.Contains("must rise strictly", editor.Find("#cp-t1-min-messages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsolidationPromoEditor_BadPercent_ShowsMessageAtTierValue()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=cp-t0-value]").Input("150");

        Assert.Contains("at most 100", editor.Find("#cp-t0-value-messages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsolidationPromoEditor_BudgetWithTooManyDecimals_ShowsMessageAtField()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=cp-budget]").Input("100.005");

        Assert.Contains("at most 2 decimals", editor.Find("#cp-budget-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
    }
}
