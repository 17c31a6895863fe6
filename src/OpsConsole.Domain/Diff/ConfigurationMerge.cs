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
}
