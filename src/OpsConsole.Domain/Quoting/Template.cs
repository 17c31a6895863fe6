using System.Text;

namespace OpsConsole.Domain.Quoting;

/// <summary>Fills <c>{name}</c> placeholders; an unknown placeholder is left as written (validation rejects it).</summary>
public static class Template
{
    [ThreadStatic]
    private static StringBuilder? cached;

    public static IReadOnlyList<string> PromisePlaceholders { get; } = ["minDays", "maxDays", "earliestDate", "latestDate", "channelName"];

    public static IReadOnlyList<string> FreeShippingNudgePlaceholders { get; } = ["remaining", "threshold"];

    public static IReadOnlyList<string> PromoNudgePlaceholders { get; } = ["remaining", "nextTierMin"];

    public static string Fill(string template, ReadOnlySpan<(string Name, string Value)> values)
    {
        if (template.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            return template;
        }

        var builder = cached ?? new StringBuilder(128);
        cached = null;
        builder.Clear();
        var rest = template.AsSpan();
        while (true)
        {
            var open = rest.IndexOf('{');
            if (open < 0)
            {
                builder.Append(rest);
                break;
            }

            builder.Append(rest[..open]);
            var close = rest[open..].IndexOf('}');
            if (close < 0)
            {
                builder.Append(rest[open..]);
                break;
            }

            var name = rest.Slice(open + 1, close - 1);
            var replaced = false;
            foreach (var (placeholder, value) in values)
            {
                if (name.SequenceEqual(placeholder))
                {
                    builder.Append(value);
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                builder.Append(rest.Slice(open, close + 1));
            }

            rest = rest[(open + close + 1)..];
        }

        var text = builder.ToString();
        cached = builder;
        return text;
    }

    /// <summary>The placeholder names a template uses, in order of appearance.</summary>
    public static IEnumerable<string> PlaceholdersIn(string template)
    {
        var start = 0;
        while (true)
        {
            var open = template.IndexOf('{', start);
            if (open < 0)
            {
                yield break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                yield break;
            }

            yield return template.Substring(open + 1, close - open - 1);
            start = close + 1;
        }
    }
}
