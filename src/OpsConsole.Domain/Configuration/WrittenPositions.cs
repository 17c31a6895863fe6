using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsConsole.Domain.Configuration;

/// <summary>
/// Where each channel and rule of a configuration was written in the file it was read from. A parsed configuration holds
/// its items in content order (<see cref="SiteConfiguration"/>), so a validation path such as
/// <c>channels[0].rate.stepPrice</c> counts in that order; told to someone looking at their own file, it must count as
/// the file does, or it names another channel.
/// </summary>
public sealed partial class WrittenPositions
{
    private readonly Dictionary<string, int[]> writtenIndexBySection;

    private WrittenPositions(Dictionary<string, int[]> writtenIndexBySection) => this.writtenIndexBySection = writtenIndexBySection;

    /// <summary>The positions in <paramref name="json"/>, the file <paramref name="config"/> was parsed from.</summary>
    public static WrittenPositions Of(string json, SiteConfiguration config)
    {
        var sections = new Dictionary<string, int[]>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json.TrimStart('\uFEFF'));
        Add("channels", "code", config.Channels.Select(c => c.Code));
        Add("freeShipping", "id", config.FreeShipping.Select(r => r.Id));
        Add("consolidationPromos", "id", config.ConsolidationPromos.Select(r => r.Id));
        Add("restrictedGoods", "id", config.RestrictedGoods.Select(r => r.Id));
        return new WrittenPositions(sections);

        void Add(string section, string keyName, IEnumerable<string> contentOrder)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(section, out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            var writtenAt = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
            var position = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(keyName, out var key) && key.ValueKind == JsonValueKind.String)
                {
                    var positions = writtenAt.TryGetValue(key.GetString()!, out var found) ? found : writtenAt[key.GetString()!] = new Queue<int>();
                    positions.Enqueue(position);
                }

                position++;
            }

            // The k-th item with a key in content order is the k-th written with that key (duplicates keep their written
            // order: the sort is stable).
            sections[section] = [.. contentOrder.Select((key, index) =>
                writtenAt.TryGetValue(key, out var positions) && positions.TryDequeue(out var written) ? written : index)];
        }
    }

    /// <summary><paramref name="path"/> with its item counted as the file counts it (unchanged when it names no item).</summary>
    public string Locate(string path)
    {
        var match = ItemPath().Match(path);
        if (!match.Success
            || !writtenIndexBySection.TryGetValue(match.Groups["section"].Value, out var written)
            || !int.TryParse(match.Groups["index"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index >= written.Length)
        {
            return path;
        }

        return $"{match.Groups["section"].Value}[{written[index].ToString(CultureInfo.InvariantCulture)}]{path[match.Length..]}";
    }

    [GeneratedRegex(@"^(?<section>channels|freeShipping|consolidationPromos|restrictedGoods)\[(?<index>\d+)\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ItemPath();
}
