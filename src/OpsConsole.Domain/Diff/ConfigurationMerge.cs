using OpsConsole.Domain.Configuration;

namespace OpsConsole.Domain.Diff;

/// <summary>
/// The result of rebasing. <see cref="Merged"/> is null when a section changed on both sides in
/// different ways; those sections are resolved by hand.
/// </summary>
public sealed record MergeResult(SiteConfiguration? Merged, IReadOnlyList<ConfigurationSection> ConflictingSections)
{
    public bool IsClean => Merged is not null && ConflictingSections.Count == 0;
}

/// <summary>Three-way merge by section, for rebasing a change request onto a newer release.</summary>
public static class ConfigurationMerge
{
    /// <param name="baseConfig">The release the change request started from.</param>
    /// <param name="mine">The change request's proposal.</param>
    /// <param name="theirs">The current release.</param>
    public static MergeResult Merge(SiteConfiguration baseConfig, SiteConfiguration mine, SiteConfiguration theirs)
    {
        if (!string.Equals(baseConfig.Site, mine.Site, StringComparison.Ordinal) || !string.Equals(baseConfig.Site, theirs.Site, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge configurations of different sites ({baseConfig.Site}, {mine.Site}, {theirs.Site}).");
        }

        var merged = theirs;
        var conflicts = new List<ConfigurationSection>();
        foreach (var section in ConfigurationSections.All)
        {
            var mineChanged = !ConfigurationSections.SectionEquals(baseConfig, mine, section);
            var theirsChanged = !ConfigurationSections.SectionEquals(baseConfig, theirs, section);
            if (!mineChanged)
            {
                continue;
            }

            if (!theirsChanged || ConfigurationSections.SectionEquals(mine, theirs, section))
            {
                merged = merged.WithSectionFrom(mine, section);
            }
            else
            {
                conflicts.Add(section);
            }
        }

        return new MergeResult(conflicts.Count == 0 ? merged : null, conflicts);
    }

    /// <summary>
    /// Puts on <paramref name="theirs"/> what <paramref name="mine"/> changed since <paramref name="baseConfig"/>, item by
    /// item (a channel by its code, a rule or promotion by its id): items mine added, removed or changed replace theirs.
    /// For an edit saved while someone else saved the same draft first: unlike a rebase, neither side is a release both
    /// must agree on, so a finer merge than by section keeps both people's work where they touched different items.
    /// Where both changed one item, mine is kept and the item is named in <see cref="EditMerge.BothChanged"/>.
    /// </summary>
    public static EditMerge PutOn(SiteConfiguration baseConfig, SiteConfiguration mine, SiteConfiguration theirs)
    {
        var both = new List<(ConfigurationSection, string)>();
        var merged = theirs with
        {
            Channels = [.. Items(baseConfig.Channels, mine.Channels, theirs.Channels, c => c.Code, ConfigurationSection.Channels, both)],
            FreeShipping = [.. Items(baseConfig.FreeShipping, mine.FreeShipping, theirs.FreeShipping, r => r.Id, ConfigurationSection.FreeShipping, both)],
            ConsolidationPromos = [.. Items(baseConfig.ConsolidationPromos, mine.ConsolidationPromos, theirs.ConsolidationPromos, p => p.Id, ConfigurationSection.ConsolidationPromos, both)],
            RestrictedGoods = [.. Items(baseConfig.RestrictedGoods, mine.RestrictedGoods, theirs.RestrictedGoods, r => r.Id, ConfigurationSection.RestrictedGoods, both)],
        };
        return new EditMerge(merged, both);
    }

    private static IReadOnlyList<T> Items<T>(IReadOnlyList<T> baseItems, IReadOnlyList<T> mine, IReadOnlyList<T> theirs, Func<T, string> key,
        ConfigurationSection section, List<(ConfigurationSection, string)> both)
        where T : class
    {
        if (baseItems.SequenceEqual(mine))
        {
            return theirs;
        }

        // A draft may hold two items with one key (validation reports it); items cannot be matched then, so the section
        // is taken whole, as a rebase does.
        if (HasDuplicates(baseItems, key) || HasDuplicates(mine, key) || HasDuplicates(theirs, key))
        {
            if (!baseItems.SequenceEqual(theirs) && !mine.SequenceEqual(theirs))
            {
                both.Add((section, ""));
            }

            return mine;
        }

        var before = baseItems.ToDictionary(key, StringComparer.Ordinal);
        var after = mine.ToDictionary(key, StringComparer.Ordinal);
        var theirsByKey = theirs.ToDictionary(key, StringComparer.Ordinal);
        var result = theirs.ToList();
        foreach (var id in before.Keys.Union(after.Keys, StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(id);
            var now = after.GetValueOrDefault(id);
            if (Equals(was, now))
            {
                continue;
            }

            var their = theirsByKey.GetValueOrDefault(id);
            if (!Equals(was, their) && !Equals(now, their))
            {
                both.Add((section, id));
            }

            var at = result.FindIndex(item => key(item) == id);
            if (now is null)
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                result[at] = now;
            }
            else
            {
                result.Add(now);
            }
        }

        return result;
    }

    private static bool HasDuplicates<T>(IReadOnlyList<T> items, Func<T, string> key) =>
        items.Select(key).Distinct(StringComparer.Ordinal).Count() != items.Count;
}

/// <summary>An edit put on a version saved meanwhile, and the items both sides changed (mine kept; an empty key is a whole section).</summary>
public sealed record EditMerge(SiteConfiguration Merged, IReadOnlyList<(ConfigurationSection Section, string Key)> BothChanged);
