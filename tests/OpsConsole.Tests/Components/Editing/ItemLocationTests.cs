using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.Editing;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Tests.Components.Editing;

public sealed class ItemLocationTests
{
    private static readonly SiteConfiguration Hk = DemoConfigurations.For("HK");

    [Theory]
    [InlineData("channels[1].rate.stepPrice", ConfigurationSection.Channels, 1)]
    [InlineData("freeShipping[2]", ConfigurationSection.FreeShipping, 2)]
    [InlineData("consolidationPromos[0].tiers[1].discount", ConfigurationSection.ConsolidationPromos, 0)]
    [InlineData("restrictedGoods[4].reasons['en-HK']", ConfigurationSection.RestrictedGoods, 4)]
    [InlineData("restrictedGoods[3][0]", ConfigurationSection.RestrictedGoods, 3)]
    public void APathIntoAnItem_NamesItsSectionIndexAndId(string path, ConfigurationSection section, int index)
    {
        var item = ItemLocation.Of(path, Hk);

        Assert.NotNull(item);
        Assert.Equal((section, index), (item.Section, item.Index));
        var expected = section switch
        {
            ConfigurationSection.Channels => Hk.Channels[index].Code,
            ConfigurationSection.FreeShipping => Hk.FreeShipping[index].Id,
            ConfigurationSection.ConsolidationPromos => Hk.ConsolidationPromos[index].Id,
            _ => Hk.RestrictedGoods[index].Id,
        };
        Assert.Equal(expected, item.Name);
    }

    [Theory]
    [InlineData("site")]
    [InlineData("")]
    [InlineData("channels")]
    [InlineData("channels[]")]
    [InlineData("channels[9]")]
    [InlineData("channels[-1]")]
    [InlineData("channels[ 1]")]
    [InlineData("channels[1")]
    [InlineData("channels[1]x")]
    [InlineData("channelsX[1]")]
    [InlineData("freeShipping[99999999999999999999]")]
    public void APathOutsideTheItems_OrPastThem_HasNone(string path) => Assert.Null(ItemLocation.Of(path, Hk));

    [Fact]
    public void AnItemWithABlankId_IsNamedByWhereItIs()
    {
        var blank = Hk with { FreeShipping = Hk.FreeShipping.Select((r, i) => i == 1 ? r with { Id = " " } : r).ToValueList() };
        // Configuration order is by content (ADR 0005), so the blank id may have moved.
        var at = blank.FreeShipping.ToList().FindIndex(r => r.Id == " ");

        Assert.Equal($"freeShipping[{at}]", ItemLocation.Of($"freeShipping[{at}].id", blank)!.Name);
    }
}
