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

    private static SiteConfiguration WithChannel(string code, Func<Channel, Channel> change) =>
        HongKong with { Channels = [.. HongKong.Channels.Select(c => c.Code == code ? change(c) : c)] };

    private static SiteConfiguration WithPromo(string id, Func<ConsolidationPromo, ConsolidationPromo> change) =>
        HongKong with { ConsolidationPromos = [.. HongKong.ConsolidationPromos.Select(p => p.Id == id ? change(p) : p)] };

    private static PromoTier Tier(decimal min, decimal percent) => new(min, new PromoDiscount(DiscountKind.Percent, percent));

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
        // The holiday added, not the whole list on both sides for the reader to compare.
        Assert.Equal((DiffKind.Added, null, "2027-02-17"), (entries[2].Kind, entries[2].OldValue, entries[2].NewValue));
        Assert.Equal("HK channel DIRECT_STD: transit.holidays added: 2027-02-17", entries[2].Summary);
    }

    [Fact]
    public void Compare_FirstOfTwoSurchargesRemoved_IsThatSurchargeRemoved()
    {
        // Compared by position, this read as the remote-area surcharge turning into the home-delivery one, and the
        // home-delivery one removed.
        var changed = WithChannel("DIRECT_STD", c => c with { Surcharges = [c.Surcharges[1]] });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(new DiffEntry(ConfigurationSection.Channels, "DIRECT_STD", "surcharges[0]", DiffKind.Removed,
            "{kind: RemoteArea, areas: [NT-ISLANDS], postalCodePrefixes: [], amount: HK$12.00}", null,
            "HK channel DIRECT_STD: surcharges[0] removed: {kind: RemoteArea, areas: [NT-ISLANDS], postalCodePrefixes: [], amount: HK$12.00}"), entry);
    }

    [Fact]
    public void Compare_TierInsertedAtTheFront_IsOneTierAdded()
    {
        var changed = WithPromo("CP-HK-BAG", p => p with { Tiers = [Tier(1, 10), .. p.Tiers] });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(("tiers[0]", DiffKind.Added, null, "{min: 1, discount.kind: Percent, discount.value: 10}"), (entry.Field, entry.Kind, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public void Compare_TierListLongerThanTen_ReadsInTheTiersOrder()
    {
        var promo = HongKong.ConsolidationPromos[0];
        var before = HongKong with { ConsolidationPromos = [promo with { Tiers = [.. Enumerable.Range(1, 12).Select(i => Tier(i, 5 * i))] }] };
        var after = HongKong with
        {
            ConsolidationPromos = [promo with { Tiers = [.. Enumerable.Range(1, 12).Select(i => Tier(i, i is 2 or 10 or 11 ? 5 * i + 1 : 5 * i))] }],
        };

        var entries = ConfigurationDiff.Compare(before, after);

        // As text, tiers[10] and tiers[11] came before tiers[2].
        Assert.Equal(["tiers[1].discount.value", "tiers[9].discount.value", "tiers[10].discount.value"], entries.Select(e => e.Field));
    }

    [Fact]
    public void Compare_ElementKeptAfterAnInsertion_ReadsAsItsChangedFieldOnly_AtBothPlaces()
    {
        // The second tier (minimum 4) is the third after the insertion; only its discount changed.
        var changed = WithPromo("CP-HK-BAG", p => p with { Tiers = [Tier(1, 10), p.Tiers[0], Tier(4, 60), p.Tiers[2]] });

        var entries = ConfigurationDiff.Compare(HongKong, changed);

        Assert.Equal(
            [
                ("tiers[0]", DiffKind.Added, null, "{min: 1, discount.kind: Percent, discount.value: 10}"),
                ("tiers[1→2].discount.value", DiffKind.Changed, "50", "60"),
            ],
            entries.Select(e => (e.Field, e.Kind, e.OldValue, e.NewValue)));
        Assert.Equal("HK consolidation promotion CP-HK-BAG: tiers[1→2].discount.value 50 → 60", entries[1].Summary);
    }

    [Fact]
    public void Compare_SurchargeChangedAfterTheFirstWasRemoved_ReadsAsTheRemovalAndItsAmount()
    {
        // Surcharges have no unique field (two remote-area surcharges may name different areas): the one kept is found by
        // being alike, not by its kind.
        var changed = WithChannel("DIRECT_STD", c => c with { Surcharges = [c.Surcharges[1] with { Amount = 18m }] });

        var entries = ConfigurationDiff.Compare(HongKong, changed);

        Assert.Equal(
            [
                ("surcharges[0]", DiffKind.Removed, "{kind: RemoteArea, areas: [NT-ISLANDS], postalCodePrefixes: [], amount: HK$12.00}", null),
                ("surcharges[1→0].amount", DiffKind.Changed, "HK$15.00", "HK$18.00"),
            ],
            entries.Select(e => (e.Field, e.Kind, e.OldValue, e.NewValue)));
    }

    [Fact]
    public void Compare_TierMinimumEditedInPlace_IsAChangeOfTheMinimum()
    {
        // The minimum is what tells tiers apart, but one tier put in the place of one is an edit of it.
        var changed = WithPromo("CP-HK-BAG", p => p with { Tiers = [p.Tiers[0], p.Tiers[1] with { Min = 5 }, p.Tiers[2]] });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(("tiers[1].min", DiffKind.Changed, "4", "5"), (entry.Field, entry.Kind, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public void Compare_TiersWithTheSameMinimum_StillCompareByContent()
    {
        // An invalid draft: the minimums do not tell the tiers apart, so equal tiers are matched instead.
        var duplicated = WithPromo("CP-HK-BAG", p => p with { Tiers = [p.Tiers[0], p.Tiers[0] with { Discount = new PromoDiscount(DiscountKind.Percent, 30m) }, .. p.Tiers.Skip(1)] });
        var changed = WithPromo("CP-HK-BAG", p => p with { Tiers = [.. p.Tiers.Skip(1)] });

        var entries = ConfigurationDiff.Compare(duplicated, changed);

        Assert.Equal(["tiers[0]", "tiers[1]"], entries.Select(e => e.Field));
        Assert.All(entries, e => Assert.Equal(DiffKind.Removed, e.Kind));
    }

    [Fact]
    public void Compare_FirstHolidayRemoved_IsThatHolidayRemoved()
    {
        var changed = WithChannel("DIRECT_STD", c => c with { Transit = c.Transit with { Holidays = [.. c.Transit.Holidays.Skip(1)] } });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(new DiffEntry(ConfigurationSection.Channels, "DIRECT_STD", "transit.holidays", DiffKind.Removed, "2026-12-25", null,
            "HK channel DIRECT_STD: transit.holidays removed: 2026-12-25"), entry);
    }

    [Fact]
    public void Compare_FirstSurchargeAddedToAChannelWithNone_IsOneSurchargeAdded()
    {
        // An empty list has no element to say it is a list of surcharges rather than of plain values.
        var changed = WithChannel("CONSOL", c => c with { Surcharges = [new Surcharge(SurchargeKind.HomeDelivery, [], [], 20m)] });

        var entry = Assert.Single(ConfigurationDiff.Compare(HongKong, changed));

        Assert.Equal(("surcharges[0]", DiffKind.Added, "{kind: HomeDelivery, areas: [], postalCodePrefixes: [], amount: HK$20.00}"), (entry.Field, entry.Kind, entry.NewValue));
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
