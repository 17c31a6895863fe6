using System.Buffers;
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

        // A rule is indexed under one criterion it cannot match without, the most selective it has:
        // any of its category prefixes, else any of its attributes, else its title keywords (one
        // vectorised multi-string search per title decides whether any keyword rule needs a look).
        // Only rules with none of these (a minimum weight alone) are checked for every item.
        var byCategory = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byAttribute = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var keywordRules = new List<int>();
        var keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unindexed = new List<int>();
        for (var i = 0; i < Rules.Length; i++)
        {
            var match = Rules[i].Match;
            if (match.CategoryPrefixes.Count > 0)
            {
                foreach (var prefix in match.CategoryPrefixes.Select(p => p.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Add(byCategory, prefix, i);
                }
            }
            else if (match.Attributes.Count > 0)
            {
                foreach (var attribute in match.Attributes.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    Add(byAttribute, attribute, i);
                }
            }
            else if (match.TitleKeywords.Any(k => k.Length > 0))
            {
                keywordRules.Add(i);
                keywords.UnionWith(match.TitleKeywords.Where(k => k.Length > 0));
            }
            else
            {
                unindexed.Add(i);
            }
        }

        RulesByAttribute = byAttribute.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        RulesByCategory = byCategory.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        KeywordRules = [.. keywordRules];
        Keywords = SearchValues.Create([.. keywords], StringComparison.OrdinalIgnoreCase);
        UnindexedRules = [.. unindexed];

        FreeShipping = [.. config.FreeShipping];
        Channels = [.. config.Channels.Where(c => c.Enabled).Select(c => new CompiledChannel(c, config, FreeShipping))];
    }

    public SiteConfiguration Configuration { get; }

    public SiteInfo Site { get; }

    internal RestrictedGoodsRule[] Rules { get; }

    internal Dictionary<string, int[]> RulesByAttribute { get; }

    internal Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> RulesByCategory { get; }

    internal int[] KeywordRules { get; }

    internal SearchValues<string> Keywords { get; }

    internal int[] UnindexedRules { get; }

    internal FreeShippingRule[] FreeShipping { get; }

    internal CompiledChannel[] Channels { get; }

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
            if (freeShipping[i].Channels.Contains(channel.Code, StringComparer.Ordinal))
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
