using Bunit;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components.Editing;

public sealed class ChannelEditorTests : EditorTestContext
{
    [Fact]
    public void ChannelEditor_BadStepPrice_ShowsMessageAtField()
    {
        var context = NewContext(SiteCatalog.TW);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-step-price]").Input("12.5");

        Assert.Contains("TWD amounts are whole numbers", editor.Find("#ch-step-price-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
    }

    [Theory]
    [InlineData("ch-first-weight", "2.5", "First weight: enter a whole number of grams")]
    [InlineData("ch-max-weight", "99999999999999", "Maximum weight: enter a whole number of grams")]
    [InlineData("ch-max-days", "1e3", "Maximum days: enter a whole number of days")]
    [InlineData("ch-min-days", "three", "Minimum days: enter a whole number of days")]
    public void ChannelEditor_AWeightOrDaysThatIsNoWholeNumber_IsKeptAsTyped_AndSaidAtTheField(string field, string typed, string message)
    {
        // A number box emptied "2.5" and a number too large for it (what was typed was lost, the message asked for a
        // number as if none had been typed), and read "1e3" as 13 without a word.
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var before = context.Config.FindChannel("DIRECT_STD")!;

        // Left, as a browser sends it to a number box (a text box hears each keystroke as well).
        editor.Find($"input[name={field}]").Change(typed);

        Assert.Equal(typed, editor.Find($"input[name={field}]").GetAttribute("value"));
        Assert.Contains(message, editor.Find($"#{field}-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(before, context.Config.FindChannel("DIRECT_STD"));
    }

    [Fact]
    public void ChannelEditor_WholeNumbersTyped_AreTaken_AndTheDomainJudgesThem()
    {
        var context = NewContext(SiteCatalog.MY);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-first-weight]").Input(" 1000 ");
        editor.Find("input[name=ch-min-days]").Input("8");
        editor.Find("input[name=ch-max-days]").Input("7");

        var channel = context.Config.FindChannel("DIRECT_STD")!;
        Assert.Equal(1000, channel.Rate.FirstWeightGrams);
        Assert.Equal((8, 7), (channel.Transit.MinDays, channel.Transit.MaxDays));
        Assert.Equal(0, context.InputErrorCount);
        Assert.Contains("must be at least the minimum", editor.Find("#ch-max-days-messages").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "-3", "Step price: an amount cannot be negative.")]
    [InlineData("en", " -0.50 ", "Step price: an amount cannot be negative.")]
    [InlineData("zh-Hant-TW", "-3", "續重價格：金額不可為負數。")]
    public void ChannelEditor_ANegativePrice_IsSaidToBeNegative_NotToBeWrittenOtherwise(string culture, string typed, string expected)
    {
        // "-3" was told to be "an amount like 1299, without currency or thousands separators": what it looks like already.
        using var language = Infrastructure.UiCulture.Use(culture);
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-step-price]").Input(typed);

        Assert.Equal(expected, editor.Find("#ch-step-price-messages").TextContent.Trim());
        Assert.Equal(1, context.InputErrorCount);
    }

    [Fact]
    public void ChannelEditor_LowercaseCode_ShowsDomainMessageAtCode()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-code]").Input("direct std");

        Assert.Contains("upper snake case", editor.Find("#ch-code-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, context.InputErrorCount);
    }

    [Fact]
    public void ChannelEditor_SurchargesCanBeAddedAndRemoved()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var before = context.Config.FindChannel("DIRECT_STD")!.Surcharges.Count;

        editor.FindAll("button").Single(b => b.TextContent.Contains("Add surcharge", StringComparison.Ordinal)).Click();
        Assert.Equal(before + 1, context.Config.FindChannel("DIRECT_STD")!.Surcharges.Count);

        editor.Find("button[aria-label='Remove surcharge 1']").Click();
        var after = context.Config.FindChannel("DIRECT_STD")!.Surcharges;
        Assert.Equal(before, after.Count);
        Assert.Equal(SurchargeKind.HomeDelivery, after[0].Kind);
    }

    [Theory]
    [InlineData("en", "Reads: “Direct mail in 3 to 6 days”")]
    [InlineData("zh-Hant-HK", "顯示為：「Direct mail in 3 to 6 days」")]
    public void ChannelEditor_PromiseTemplate_ReadsInTheConsolesPunctuation(string culture, string expected)
    {
        // Chinese was left with an English colon and straight quotes around the buyer's text (顯示為: “…”).
        using var language = Infrastructure.UiCulture.Use(culture);
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-promise-en-HK]").Input("{channelName} in {minDays} to {maxDays} days");

        var reads = editor.Find("#ch-promise-en-HK-rendered");
        Assert.Equal(expected, reads.TextContent);
        // The buyer's text alone carries its locale.
        Assert.Equal("Direct mail in 3 to 6 days", reads.QuerySelector("span[lang=en-HK]")?.TextContent);
    }

    [Fact]
    public void ChannelEditor_PromiseTemplate_RendersAsTheBuyerReadsIt()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-promise-en-HK]").Input("{channelName} in {minDays} to {maxDays} days");

        Assert.Contains(editor.FindAll("[data-testid=rendered-text]"), r => r.TextContent.Contains("Direct mail in 3 to 6 days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("880-885, 890", "880-885")]
    [InlineData("880 881", "880 881")]
    [InlineData("880；881", "880;881")]
    public void ChannelEditor_APostalCodePrefixThatNoPostalCodeCanStartWith_IsSaidAtTheField_AndThePrefixesAreKept(string typed, string named)
    {
        // A range, or prefixes separated by spaces or a full-width semicolon, was kept as one prefix that no postal code
        // starts with: buyers on the islands were quoted without the remote-area surcharge, and nothing said so.
        var context = NewContext(SiteCatalog.TW);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var before = context.Config.FindChannel("DIRECT_STD")!.Surcharges[0].PostalCodePrefixes;

        editor.Find("input[name=ch-s0-postal]").Input(typed);

        Assert.Contains($"“{named}”", editor.Find("#ch-s0-postal-messages").TextContent, StringComparison.Ordinal);
        Assert.Equal("ch-s0-postal-messages", editor.Find("input[name=ch-s0-postal]").GetAttribute("aria-describedby"));
        Assert.Equal(1, context.InputErrorCount);
        Assert.Equal(before, context.Config.FindChannel("DIRECT_STD")!.Surcharges[0].PostalCodePrefixes);
    }

    [Fact]
    public void ChannelEditor_PostalCodePrefixesListedOneByOne_AreTaken()
    {
        var context = NewContext(SiteCatalog.TW);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-s0-postal]").Input("880, 881,882, 209");

        Assert.Equal(0, context.InputErrorCount);
        Assert.Equal(["880", "881", "882", "209"], context.Config.FindChannel("DIRECT_STD")!.Surcharges[0].PostalCodePrefixes);
    }

    [Fact]
    public void ChannelEditor_BadHoliday_ShowsMessageAtField()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-holidays]").Input("2026-12-25, 25/12/2026");

        Assert.Contains("Holidays: enter dates like", editor.Find("#ch-holidays-messages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHoliday_WithNoDatePicked_StaysPressable_AndSaysWhatIsMissing()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        var before = context.Config.FindChannel("DIRECT_STD")!.Transit.Holidays;

        var add = editor.Button("Add holiday");
        Assert.False(add.HasAttribute("disabled"));
        add.Click();

        Assert.Equal("Pick or type a date first.", editor.Find("[data-testid=holiday-hint]").TextContent);
        Assert.Equal(before, context.Config.FindChannel("DIRECT_STD")!.Transit.Holidays);
    }

    [Fact]
    public void AddHoliday_AddsTheTypedDate_InOrder_AndClearsThePicker()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        editor.Find("input[name=ch-holidays]").Input("2026-12-31, 2026-12-24");

        editor.Find("input[name=ch-holiday-pick]").Change("2026-12-25");
        editor.Button("Add holiday").Click();

        Assert.Equal("2026-12-24, 2026-12-25, 2026-12-31", editor.Find("input[name=ch-holidays]").GetAttribute("value"));
        Assert.Equal(
            new[] { new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 31) },
            context.Config.FindChannel("DIRECT_STD")!.Transit.Holidays);
        Assert.Equal("", editor.Find("[data-testid=holiday-hint]").TextContent);
        Assert.True(string.IsNullOrEmpty(editor.Find("input[name=ch-holiday-pick]").GetAttribute("value")));
    }

    [Fact]
    public void AddHoliday_WhileTheHolidaysFieldDoesNotRead_SaysToCorrectItFirst()
    {
        var context = NewContext(SiteCatalog.HK);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));
        editor.Find("input[name=ch-holidays]").Input("2026-13-01");

        editor.Find("input[name=ch-holiday-pick]").Change("2026-12-25");
        editor.Button("Add holiday").Click();

        Assert.Equal("Correct the holidays above first.", editor.Find("[data-testid=holiday-hint]").TextContent);
        Assert.Equal("2026-13-01", editor.Find("input[name=ch-holidays]").GetAttribute("value"));
    }

    [Fact]
    public void Surcharge_SwitchedToHomeDelivery_LeavesItsHiddenAreasOutOfTheChannel()
    {
        var channel = OpsConsole.Domain.Demo.DemoConfigurations.For("HK").Channels.First(c => c.Surcharges.Any(s => s.Kind == SurchargeKind.RemoteArea));
        var model = new ChannelModel(SiteCatalog.HK, channel);
        var remote = model.Surcharges.First(s => s.Kind == SurchargeKind.RemoteArea);

        remote.Kind = SurchargeKind.HomeDelivery;

        var switched = model.ToChannel().Surcharges.Where(s => s.Kind == SurchargeKind.HomeDelivery).ToList();
        Assert.All(switched, s => Assert.Empty(s.Areas));
        Assert.All(switched, s => Assert.Empty(s.PostalCodePrefixes));
    }

    [Fact]
    public void ChannelEditor_EditingOneChannel_LeavesAnothersHolidaysAsWritten()
    {
        // Holidays written out of order (as a JSON import may): they were sorted and de-duplicated whenever any channel
        // was edited, a change in the diff that nobody made.
        var demo = OpsConsole.Domain.Demo.DemoConfigurations.For("HK");
        var holidays = new[] { new DateOnly(2027, 1, 1), new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 25) }.ToValueList();
        var config = demo with { Channels = demo.Channels.Select(c => c.Code == "DIRECT_EXP" ? c with { Transit = c.Transit with { Holidays = holidays } } : c).ToValueList() };
        var context = NewContext(SiteCatalog.HK, config);
        var editor = Render<ChannelEditor>(p => p.Add(e => e.Context, context));

        editor.Find("input[name=ch-step-price]").Input("9.00"); // DIRECT_STD, the first channel, is open

        Assert.Equal(9.00m, context.Config.FindChannel("DIRECT_STD")!.Rate.StepPrice);
        Assert.Equal(holidays, context.Config.FindChannel("DIRECT_EXP")!.Transit.Holidays);
    }
}
