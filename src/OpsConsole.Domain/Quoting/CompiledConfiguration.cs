using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Quoting;

/// <summary>
/// A configuration prepared for quoting: restricted-goods rules indexed so that an item only looks
/// at the rules that could match it, and per channel its rules, promotions and holidays. Build it
/// once per release (<see cref="QuoteEngine.Compile"/>); it is immutable and safe to share.
/// </summary>
public sealed class CompiledConfiguration
{
    internal CompiledConfiguration(SiteConfiguration config)
    {
        Configuration = config;
        Site = SiteCatalog.Get(config.Site);
        Rules = [.. config.RestrictedGoods];

        // A rule is indexed under the criteria it cannot match without, as selectively as it allows:
        // by attribute and category prefix together when it has both, else by category prefix, else
        // by attribute, else by its title keywords (one vectorised multi-string search per title
        // decides whether any keyword rule needs a look). Only rules with none of these (a minimum
        // weight alone) are checked for every item. Candidates are then checked in full.
        var byCategory = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byAttribute = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byAttributeAndCategory = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byKeyword = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var unindexed = new List<int>();
        for (var i = 0; i < Rules.Length; i++)
        {
            var match = Rules[i].Match;
            var prefixes = match.CategoryPrefixes.Select(p => p.TrimEnd('/')).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var attributes = match.Attributes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (prefixes.Count > 0 && attributes.Count > 0)
            {
                foreach (var key in attributes.SelectMany(a => prefixes.Select(p => CompositeKey(a, p))))
                {
                    Add(byAttributeAndCategory, key, i);
                }
            }
            else if (prefixes.Count > 0)
            {
                prefixes.ForEach(prefix => Add(byCategory, prefix, i));
            }
            else if (attributes.Count > 0)
            {
                attributes.ForEach(attribute => Add(byAttribute, attribute, i));
            }
            else if (match.TitleKeywords.Any(k => k.Length > 0))
            {
                foreach (var keyword in match.TitleKeywords.Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Add(byKeyword, keyword, i);
                }
            }
            else
            {
                unindexed.Add(i);
            }
        }

        RulesByAttributeAndCategory = byAttributeAndCategory.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        RulesByAttribute = byAttribute.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        RulesByCategory = byCategory.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        KeywordRules = new KeywordIndex(byKeyword);
        UnindexedRules = [.. unindexed];

        FreeShipping = [.. config.FreeShipping];
        Channels = [.. config.Channels.Where(c => c.Enabled).Select(c => new CompiledChannel(c, config, FreeShipping))];
    }

    public SiteConfiguration Configuration { get; }

    public SiteInfo Site { get; }

    internal RestrictedGoodsRule[] Rules { get; }

    internal Dictionary<string, int[]> RulesByAttribute { get; }

    /// <summary>Keyed by <see cref="CompositeKey"/>: attribute, a separator no attribute or path contains, prefix.</summary>
    internal Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> RulesByAttributeAndCategory { get; }

    internal Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> RulesByCategory { get; }

    internal KeywordIndex KeywordRules { get; }

    internal int[] UnindexedRules { get; }

    internal FreeShippingRule[] FreeShipping { get; }

    internal CompiledChannel[] Channels { get; }

    internal const char KeySeparator = '\u001f';

    internal static string CompositeKey(string attribute, string prefix) => attribute + KeySeparator + prefix;

    private static void Add(Dictionary<string, List<int>> index, string key, int rule)
    {
        if (!index.TryGetValue(key, out var rules))
        {
            index[key] = rules = [];
        }

        rules.Add(rule);
    }
}

internal sealed class CompiledChannel
{
    public CompiledChannel(Channel channel, SiteConfiguration config, FreeShippingRule[] freeShipping)
    {
        Channel = channel;
        Holidays = [.. channel.Transit.Holidays];
        var ruleIndexes = new List<int>();
        for (var i = 0; i < freeShipping.Length; i++)
        {
            if (freeShipping[i].Channels.Contains(channel.Code))
            {
                ruleIndexes.Add(i);
            }
        }

        FreeShippingRules = [.. ruleIndexes];
        Promos = [.. config.ConsolidationPromos.Where(p => string.Equals(p.Channel, channel.Code, StringComparison.Ordinal))];
    }

    public Channel Channel { get; }

    public HashSet<DateOnly> Holidays { get; }

    /// <summary>Indexes into <see cref="CompiledConfiguration.FreeShipping"/> of the rules naming this channel.</summary>
    public int[] FreeShippingRules { get; }

    public ConsolidationPromo[] Promos { get; }

    public bool IsWorkingDay(DateOnly day) =>
        !Holidays.Contains(day) && (!Channel.Transit.BusinessDays || (day.DayOfWeek != DayOfWeek.Saturday && day.DayOfWeek != DayOfWeek.Sunday));
}
