using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Diff;

public class ConfigurationMergePutOnTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static SiteConfiguration WithThreshold(SiteConfiguration config, string id, decimal threshold) =>
        config with { FreeShipping = [.. config.FreeShipping.Select(r => r.Id == id ? r with { Threshold = threshold } : r)] };

    [Fact]
    public void PutOn_DifferentItemsOfOneSection_KeepsBothChanges()
    {
        var mine = WithThreshold(HongKong, "FS-HK-NEW-99", 89m);
        var theirs = WithThreshold(HongKong, "FS-HK-CART-299", 249m);

        var result = ConfigurationMerge.PutOn(HongKong, mine, theirs);

        Assert.Equal(WithThreshold(theirs, "FS-HK-NEW-99", 89m), result.Merged);
        Assert.Empty(result.BothChanged);
    }

    [Fact]
    public void PutOn_OneItemChangedOnBothSides_KeepsMineAndNamesIt()
    {
        var mine = WithThreshold(HongKong, "FS-HK-CART-299", 199m);
        var theirs = WithThreshold(HongKong, "FS-HK-CART-299", 249m);

        var result = ConfigurationMerge.PutOn(HongKong, mine, theirs);

        Assert.Equal(mine, result.Merged);
        Assert.Equal([(ConfigurationSection.FreeShipping, "FS-HK-CART-299")], result.BothChanged);
    }

    [Fact]
    public void PutOn_ItemsAddedAndRemoved_FollowMineAndKeepTheirs()
    {
        var added = HongKong.FreeShipping[0] with { Id = "FS-HK-MINE" };
        var mine = HongKong with { FreeShipping = [.. HongKong.FreeShipping.Where(r => r.Id != "FS-HK-NEW-99"), added] };
        var theirs = HongKong with { RestrictedGoods = [.. HongKong.RestrictedGoods.Skip(1)] };

        var result = ConfigurationMerge.PutOn(HongKong, mine, theirs);

        Assert.Equal(theirs with { FreeShipping = mine.FreeShipping }, result.Merged);
        Assert.Empty(result.BothChanged);
    }
}
