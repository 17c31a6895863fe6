using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
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

        Assert.Equal(new DiffEntry(ConfigurationSection.FreeShipping, "FS-HK-CART-299", "threshold", DiffKind.Changed, "HK$299.00", "HK$249.00",
            "HK free shipping FS-HK-CART-299: threshold HK$299.00 → HK$249.00"), entry);
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
        Assert.Equal("HK channel DIRECT_STD: rate.stepPrice HK$8.00 → HK$9.50", entries[1].Summary);
        Assert.Equal("[2026-12-25, 2026-12-26, 2027-01-01, 2027-02-17]", entries[2].NewValue);
    }

    [Fact]
    public void Compare_Money_ReadsAsTheSitesMoney_OtherNumbersAsNumbers()
    {
        var taiwan = DemoConfigurations.For("TW");
        var rule = taiwan.FreeShipping[0];
        var channel = taiwan.Channels[0];
        var changed = taiwan with
        {
            FreeShipping = [rule with { Threshold = 1200m, MaxWeightGrams = 6000 }, .. taiwan.FreeShipping.Skip(1)],
            Channels = [channel with { Surcharges = [channel.Surcharges[0] with { Amount = 120m }] }, .. taiwan.Channels.Skip(1)],
        };

        var entries = ConfigurationDiff.Compare(taiwan, changed).Select(e => e.Summary);

        Assert.Contains($"TW free shipping {rule.Id}: threshold NT$990 → NT$1,200", entries);
        Assert.Contains($"TW free shipping {rule.Id}: maxWeightGrams 5000 → 6000", entries);
        Assert.Contains($"TW channel {channel.Code}: surcharges[0].amount NT$100 → NT$120", entries);
    }

    [Fact]
    public void Compare_PromotionTiers_AreMoneyOnlyOnASubtotalBasis_AndForAnAmountOff()
    {
        var promo = HongKong.ConsolidationPromos[0];
        var changed = HongKong with
        {
            ConsolidationPromos =
            [
                promo with
                {
                    Basis = PromoBasis.Subtotal,
                    Tiers = [new PromoTier(500m, new PromoDiscount(DiscountKind.Amount, 15m)), .. promo.Tiers.Skip(1)],
                    DailyBudget = 60000m,
                },
            ],
        };

        var entries = ConfigurationDiff.Compare(HongKong, changed).ToDictionary(e => e.Field, e => (e.OldValue, e.NewValue));

        // The same stored number is a count on one side and money on the other: each side reads as what it is.
        Assert.Equal(("2", "HK$500.00"), entries["tiers[0].min"]);
        Assert.Equal(("20", "HK$15.00"), entries["tiers[0].discount.value"]);
        Assert.Equal(("HK$50,000.00", "HK$60,000.00"), entries["dailyBudget"]);
        Assert.Equal(("StoreCount", "Subtotal"), entries["basis"]);
        // Compared as stored: the second tier's minimum of 3 is not a change, whatever it now counts.
        Assert.False(entries.ContainsKey("tiers[1].min"));
    }

    [Fact]
    public void Compare_MoneyFinerThanTheSite_IsShownUnrounded_NotHidden()
    {
        var taiwan = DemoConfigurations.For("TW");
        var changed = taiwan with { FreeShipping = [taiwan.FreeShipping[0] with { Threshold = 990.4m }, .. taiwan.FreeShipping.Skip(1)] };

        var entry = Assert.Single(ConfigurationDiff.Compare(taiwan, changed));

        Assert.Equal(("NT$990", "NT$990.4"), (entry.OldValue, entry.NewValue));
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
