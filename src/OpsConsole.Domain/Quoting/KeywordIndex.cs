using System.Buffers;

namespace OpsConsole.Domain.Quoting;

/// <summary>
/// Finds the keyword-only restricted-goods rules whose keywords occur in a title. Most titles contain
/// none, so a quick vectorised gate comes first: ASCII keywords through one multi-string search, the
/// others (Chinese keywords, mostly) through a search for their first characters, which is much
/// faster than a multi-string search over non-ASCII text. Only a title that passes a gate is
/// searched keyword by keyword.
/// </summary>
internal sealed class KeywordIndex
{
    private readonly Dictionary<string, int[]> rulesByKeyword;
    private readonly string[] asciiKeywords;
    private readonly SearchValues<string> asciiGate;
    private readonly string[] otherKeywords;
    private readonly SearchValues<char> otherGate;

    public KeywordIndex(Dictionary<string, List<int>> rulesByKeyword)
    {
        this.rulesByKeyword = rulesByKeyword.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        asciiKeywords = [.. rulesByKeyword.Keys.Where(k => k.All(char.IsAscii)).Order(StringComparer.Ordinal)];
        otherKeywords = [.. rulesByKeyword.Keys.Where(k => !k.All(char.IsAscii)).Order(StringComparer.Ordinal)];
        asciiGate = SearchValues.Create(asciiKeywords, StringComparison.OrdinalIgnoreCase);
        otherGate = SearchValues.Create([.. otherKeywords.SelectMany(k => new[] { char.ToUpperInvariant(k[0]), char.ToLowerInvariant(k[0]) }).Distinct()]);
    }

    public bool IsEmpty => rulesByKeyword.Count == 0;

    public void AddCandidates(string title, List<int> candidates)
    {
        var span = title.AsSpan();
        if (asciiKeywords.Length > 0 && span.IndexOfAny(asciiGate) >= 0)
        {
            Add(title, asciiKeywords, candidates);
        }

        if (otherKeywords.Length > 0 && span.IndexOfAny(otherGate) >= 0)
        {
            Add(title, otherKeywords, candidates);
        }
    }

    private void Add(string title, string[] keywords, List<int> candidates)
    {
        foreach (var keyword in keywords)
        {
            if (title.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                candidates.AddRange(rulesByKeyword[keyword]);
            }
        }
    }
}
