using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Diff;

public class ConfigurationDiffTests
{
    private static readonly SiteConfiguration HongKong = TestFiles.HongKong();

    private static SiteConfiguration WithFreeShipping(string id, Func<FreeShippingRule, FreeShippingRule> change) =>
        HongKong with { FreeShipping = [.. HongKong.FreeShipping.Select(r => r.Id == id ? change(r) : r)] };

    [Fact]
    public void Compare_SameConfiguration_IsEmpty() => Assert.Empty(ConfigurationDiff.Compare(HongKong, TestFiles.HongKong()));

    [Fact]
    public void Compare_ChangedThreshold_IsOneFieldWithAReadableSummary()
    {
        var changed = WithFreeShipping("FS-HK-CART-299", r => r with { Threshold = 249m });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-CART-299", "threshold", DiffKind.Changed, "299", "249",
            "HK free shipping FS-HK-CART-299: threshold 299 → 249"), entry);
    }

    [Fact]
    public void Compare_NestedFieldsAndTexts_HaveTheirPaths()
    {
        var standard = HongKong.Channels[0];
        var changed = HongKong with
        {
            Channels = [.. HongKong.Channels.Skip(1), standard with
            {
                Rate = standard.Rate with { StepPrice = 9.5m },
                Names = LocalizedText.Of(("en-HK", "Standard mail"), ("zh-Hant-HK", "直郵標準")),
                Transit = standard.Transit with { Holidays = [.. standard.Transit.Holidays, new DateOnly(2027, 2, 17)] },
            }],
        };

        var entries = ConfigurationDiff.Compare(HongKong, changed);

        Assert.Equal(["names.en-HK", "rate.stepPrice", "transit.holidays"], entries.Select(e => e.Field));
        Assert.All(entries, e => Assert.Equal("DIRECT_STD", e.ItemKey));
        Assert.Equal("HK channel DIRECT_STD: rate.stepPrice 8 → 9.5", entries[1].Summary);
        Assert.Equal("[2026-12-25, 2026-12-26, 2027-01-01, 2027-02-17]", entries[2].NewValue);
    }

    [Fact]
    public void Compare_AddedAndRemovedItems_AreWholeItemEntriesInSectionThenKeyOrder()
    {
        var changed = HongKong with
        {
            FreeShipping = [.. HongKong.FreeShipping.Where(r => r.Id != "FS-HK-NEW-99")],
            RestrictedGoods = [.. HongKong.RestrictedGoods, HongKong.RestrictedGoods[1] with { Id = "RG-HK-AEROSOL", Name = "Aerosols" }],
            Channels = [.. HongKong.Channels.Select(c => c.Code == "PICKUP" ? c with { Enabled = true } : c)],
        };

        var entries = ConfigurationDiff.Compare(HongKong, changed);

        Assert.Equal(
            [
                (ConfigurationSection.Channels, "PICKUP", DiffKind.Changed),
                (ConfigurationSection.FreeShipping, "FS-HK-NEW-99", DiffKind.Removed),
                (ConfigurationSection.RestrictedGoods, "RG-HK-AEROSOL", DiffKind.Added),
            ],
            entries.Select(e => (e.Section, e.ItemKey, e.Kind)));
        Assert.Equal("HK restricted goods RG-HK-AEROSOL: added", entries[2].Summary);
        Assert.Contains("\"name\":\"Aerosols\"", entries[2].NewValue, StringComparison.Ordinal);
        Assert.Equal("HK channel PICKUP: enabled false → true", entries[0].Summary);
    }

    [Fact]
    public void Compare_WindowSetWhereThereWasNone_ShowsNone()
    {
        var changed = WithFreeShipping("FS-HK-CART-299", r => r with { ValidTo = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(("validTo", "none", "2027-01-01T00:00:00Z"), (entry.Field, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public void ChangedSections_NamesOnlyTheSectionsThatDiffer()
    {
        var changed = WithFreeShipping("FS-HK-CART-299", r => r with { Threshold = 249m }) with { RestrictedGoods = [] };

        Assert.Equal([ConfigurationSection.FreeShipping, ConfigurationSection.RestrictedGoods], ConfigurationDiff.ChangedSections(HongKong, changed));
        Assert.Empty(ConfigurationDiff.ChangedSections(HongKong, TestFiles.HongKong()));
    }
}

public class ConfigurationMergeTests
{
    private static readonly SiteConfiguration Base = TestFiles.HongKong();

    private static SiteConfiguration Threshold(decimal threshold) =>
        Base with { FreeShipping = [.. Base.FreeShipping.Select(r => r.Id == "FS-HK-CART-299" ? r with { Threshold = threshold } : r)] };

    private static SiteConfiguration WithoutBlades(SiteConfiguration config) =>
        config with { RestrictedGoods = [.. config.RestrictedGoods.Where(r => r.Id != "RG-HK-BLADE")] };

    [Fact]
    public void Merge_SectionsChangedOnDifferentSides_TakesEachChange()
    {
        var mine = Threshold(249m);
        var theirs = WithoutBlades(Base);

        var result = ConfigurationMerge.Merge(Base, mine, theirs);

        Assert.True(result.IsClean);
        Assert.Equal(WithoutBlades(Threshold(249m)), result.Merged);
    }

    [Fact]
    public void Merge_SameChangeOnBothSides_IsNotAConflict()
    {
        var result = ConfigurationMerge.Merge(Base, Threshold(249m), Threshold(249m));

        Assert.True(result.IsClean);
        Assert.Equal(Threshold(249m), result.Merged);
    }

    [Fact]
    public void Merge_SectionChangedDifferentlyOnBothSides_IsAConflictAndNothingIsMerged()
    {
        var result = ConfigurationMerge.Merge(Base, WithoutBlades(Threshold(249m)), Threshold(199m));

        Assert.False(result.IsClean);
        Assert.Null(result.Merged);
        Assert.Equal([ConfigurationSection.FreeShipping], result.ConflictingSections);
    }

    [Fact]
    public void Merge_NothingChangedOnMySide_IsTheirs()
    {
        var theirs = WithoutBlades(Base);

        Assert.Equal(theirs, ConfigurationMerge.Merge(Base, TestFiles.HongKong(), theirs).Merged);
    }

    [Fact]
    public void Merge_AcrossSites_IsABrokenInvariant() =>
        Assert.Throws<ArgumentException>(() => ConfigurationMerge.Merge(Base, Base with { Site = "TW" }, Base));
}
