using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Preview;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>The impact panel runs the domain's simulation over the sample carts and shows what it found, with progress and a stop.</summary>
public sealed class ImpactPanelTests : BunitContext
{
    // A weekday noon in Hong Kong: inside every demo window.
    private static readonly DateTimeOffset Noon = new(2026, 11, 18, 4, 0, 0, TimeSpan.Zero);
    private readonly SteppingTime clock = new(Noon);

    public ImpactPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        Services.AddSingleton<TimeProvider>(clock);
    }

    private static SiteConfiguration Release => DemoConfigurations.For("HK");

    /// <summary>Free direct mail from HK$199 instead of HK$299: more carts ship free.</summary>
    private static SiteConfiguration LowerThreshold =>
        Release with { FreeShipping = [.. Release.FreeShipping.Select(r => r.Id == "FS-HK-CART-299" ? r with { Threshold = 199m } : r)] };

    private IRenderedComponent<ImpactPanel> Render(SiteConfiguration draft) =>
        Render<ImpactPanel>(p => p
            .Add(x => x.Site, SiteCatalog.HK)
            .Add(x => x.Draft, draft)
            .Add(x => x.Release, Release)
            .Add(x => x.ReleaseVersion, 4));

    private static void Simulate(IRenderedComponent<ImpactPanel> panel, int carts)
    {
        panel.Find("input[name='impact-carts']").Change(carts.ToString(CultureInfo.InvariantCulture));
        panel.Find("[data-testid='impact-run']").Click();
        panel.WaitForElement("[data-testid='impact-summary']");
    }

    [Fact]
    public void LowerThreshold_ShowsWhatTheSimulationOfTheSameSampleGives()
    {
        var panel = Render(LowerThreshold);

        Simulate(panel, 400);

        var expected = ImpactSimulation.Run(Release, LowerThreshold, ImpactSample.Carts(SiteCatalog.HK, [Release, LowerThreshold], 400, Noon), Noon);
        Assert.True(expected.RevenueAfter < expected.RevenueBefore);
        Assert.Equal($"{expected.CartsQuotedDifferently:N0} of 400 carts", panel.Find("[data-testid='impact-differ']").TextContent);
        var revenue = panel.Find("[data-testid='impact-revenue']").TextContent;
        Assert.Contains(SiteCatalog.HK.FormatMoney(expected.RevenueBefore), revenue, StringComparison.Ordinal);
        Assert.Contains(SiteCatalog.HK.FormatMoney(expected.RevenueAfter), revenue, StringComparison.Ordinal);
        Assert.Contains($"(−{Math.Abs(expected.RevenueChangePercent!.Value):0.0}%)", revenue, StringComparison.Ordinal);
        Assert.NotNull(panel.Find("[data-testid='impact-tolerance']"));
        var rule = expected.Rules.Single(r => r.RuleId == "FS-HK-CART-299");
        Assert.Contains(SiteCatalog.HK.FormatMoney(rule.SpendAfter), panel.Find("[data-testid='impact-rule-FS-HK-CART-299']").TextContent, StringComparison.Ordinal);
        Assert.Equal(expected.LargestChanges.Count, panel.FindAll("[data-testid='impact-largest'] tbody tr").Count);
        Assert.Empty(panel.FindAll("[data-testid='impact-stale']"));
    }

    [Fact]
    public void DraftWithAmountsPastDecimal_SaysSo_InsteadOfEndingTheSession()
    {
        // Validation refuses such a step price, but a draft may hold it while its author corrects it; its fees overflow.
        var draft = Release with { Channels = [.. Release.Channels.Select(c => c with { Rate = c.Rate with { StepPrice = decimal.MaxValue / 2 } })] };
        var panel = Render(draft);

        panel.Find("input[name='impact-carts']").Change("100");
        panel.Find("[data-testid='impact-run']").Click();

        panel.WaitForElement("[data-testid='impact-unquotable']");
        Assert.Empty(panel.FindAll("[data-testid='impact-summary']"));
        Assert.Null(panel.Find("[data-testid='impact-run']").GetAttribute("disabled"));
    }

    [Fact]
    public void NoChange_SaysNoCartDiffers_AndWarnsOfNothing()
    {
        var panel = Render(Release);

        Simulate(panel, 200);

        Assert.Equal("0 of 200 carts", panel.Find("[data-testid='impact-differ']").TextContent);
        Assert.Equal("Simulation finished: 0 of 200 carts would see a different quote.", panel.Find("[aria-live] .rz-sr-only").TextContent);
        Assert.Contains("(0.0%)", panel.Find("[data-testid='impact-revenue']").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid='impact-tolerance']"));
        Assert.Empty(panel.FindAll("[data-testid='impact-largest']"));
    }

    [Fact]
    public void DraftEditedAfterASimulation_SaysTheFiguresAreOfAnEarlierDraft()
    {
        var panel = Render(LowerThreshold);
        Simulate(panel, 200);

        panel.Render(p => p.Add(x => x.Draft, LowerThreshold with { ConsolidationPromos = [] }));

        Assert.NotNull(panel.Find("[data-testid='impact-stale']"));
        Assert.NotNull(panel.Find("[data-testid='impact-summary']"));
    }

    [Fact]
    public async Task Stop_EndsTheRunEarly_AndSaysHowManyCartsTheFiguresCover()
    {
        var panel = Render(LowerThreshold);
        panel.Find("input[name='impact-carts']").Change("5000");
        // Every reading of the clock is a second later: the panel hands back after each cart.
        clock.Step = TimeSpan.FromSeconds(1);

        var run = panel.Find("[data-testid='impact-run']").ClickAsync(new MouseEventArgs());
        panel.WaitForAssertion(() => Assert.Contains("of 5,000 carts quoted", panel.Find("[data-testid='impact-progress']").TextContent, StringComparison.Ordinal));
        Assert.True(panel.Find("[data-testid='impact-run']").HasAttribute("disabled"));
        await panel.Find("[data-testid='impact-stop']").ClickAsync(new MouseEventArgs());
        await run;

        var stopped = panel.WaitForElement("[data-testid='impact-stopped']").TextContent;
        Assert.StartsWith("Stopped after ", stopped, StringComparison.Ordinal);
        var covered = int.Parse(stopped["Stopped after ".Length..stopped.IndexOf(" of", StringComparison.Ordinal)], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(covered, 1, 4999);
        Assert.EndsWith($" of {covered:N0} carts", panel.Find("[data-testid='impact-differ']").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid='impact-stop']"));
        Assert.False(panel.Find("[data-testid='impact-run']").HasAttribute("disabled"));
    }

    [Fact]
    public void InTraditionalChinese_ThePanelsWordsAreChinese()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var panel = Render(LowerThreshold);
        Simulate(panel, 200);

        Assert.Equal("對範例購物車的影響", panel.Find("#impact-heading").TextContent);
        Assert.Contains("範例中的各渠道", panel.Find("[data-testid='impact-channels'] caption").TextContent, StringComparison.Ordinal);
        Assert.Contains("草稿", panel.Find("[data-testid='impact-revenue']").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Fixed wall-clock time; the timestamp moves by <see cref="Step"/> at every reading.</summary>
    private sealed class SteppingTime(DateTimeOffset now) : TimeProvider
    {
        private long ticks;

        public TimeSpan Step { get; set; }

        public override DateTimeOffset GetUtcNow() => now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, Step.Ticks);
    }
}
