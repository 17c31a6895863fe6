using System.Text.Json.Nodes;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Properties;

/// <summary>Properties of the canonical form, the hash and the diff, over seeded random configurations.</summary>
public class ConfigurationPropertyTests
{
    private const int Cases = 200;
    private static readonly DateTimeOffset Around = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SiteConfiguration[] Seeds =
        [TestFiles.HongKong(), .. DemoConfigurations.Sites.Select(DemoConfigurations.For), SyntheticConfiguration.Create(restrictedGoodsRules: 60, seed: 5)];

    /// <summary>A configuration with a few random edits: amounts, flags, texts, removed or copied rules.</summary>
    private static SiteConfiguration Mutate(Random random, SiteConfiguration config)
    {
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            config = random.Next(6) switch
            {
                0 when config.Channels.Count > 0 => config with { Channels = [.. config.Channels.Select((c, i) => i == random.Next(config.Channels.Count) ? c with { Rate = c.Rate with { StepPrice = c.Rate.StepPrice + random.Next(1, 5) } } : c)] },
                1 when config.Channels.Count > 0 => config with { Channels = [.. config.Channels.Select(c => random.Next(3) == 0 ? c with { Enabled = !c.Enabled } : c)] },
                2 when config.FreeShipping.Count > 0 => config with { FreeShipping = [.. config.FreeShipping.Skip(1)] },
                3 when config.RestrictedGoods.Count > 0 => config with { RestrictedGoods = [.. config.RestrictedGoods, config.RestrictedGoods[random.Next(config.RestrictedGoods.Count)] with { Id = $"RG-COPY-{random.Next(1000)}" }] },
                4 when config.FreeShipping.Count > 0 => config with { FreeShipping = [.. config.FreeShipping.Select(r => r with { Threshold = r.Threshold + random.Next(1, 100), ValidTo = random.Next(2) == 0 ? null : Around.AddDays(random.Next(1, 90)) })] },
                _ when config.RestrictedGoods.Count > 0 => config with { RestrictedGoods = [.. config.RestrictedGoods.Select(r => random.Next(4) == 0 ? r with { Reasons = LocalizedText.From([.. r.Reasons.Select(p => KeyValuePair.Create(p.Key, p.Value + " (updated)"))]) } : r)] },
                _ => config,
            };
        }

        return config;
    }

    private static IEnumerable<SiteConfiguration> Generated(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            yield return Mutate(random, Seeds[random.Next(Seeds.Length)]);
        }
    }

    /// <summary>The same document with every array of the four sections shuffled and every object's members reversed.</summary>
    private static string Reorder(string json, Random random)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var section in ConfigurationSections.All.Select(s => s.JsonName()))
        {
            var items = root[section]!.AsArray().Select(n => n!.DeepClone()).OrderBy(_ => random.Next()).ToList();
            root[section] = new JsonArray([.. items.Select(Reverse)]);
        }

        return Reverse(root)!.ToJsonString();
    }

    private static JsonNode? Reverse(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(n => Reverse(n?.DeepClone()))]),
        _ => node?.DeepClone(),
    };

    [Fact]
    public void Reordering_RulesAndChannelsInTheJson_ChangesNeitherTheHashNorAnyQuote()
    {
        var random = new Random(21);
        foreach (var config in Generated(21).Take(60))
        {
            var reordered = TestFiles.Configuration(Reorder(ConfigurationJson.Serialize(config), random));

            Assert.Equal(ConfigurationJson.Sha256(config), ConfigurationJson.Sha256(reordered));
            Assert.Equal(config, reordered);
            for (var i = 0; i < 5; i++)
            {
                var request = RandomCarts.Next(random, config, Around);
                Assert.Equal(QuoteJson.Serialize(QuoteEngine.Quote(config, request, Around)), QuoteJson.Serialize(QuoteEngine.Quote(reordered, request, Around)));
            }
        }
    }

    [Fact]
    public void Reordering_ThroughTheModel_IsTheSameConfiguration()
    {
        var random = new Random(22);
        foreach (var config in Generated(22))
        {
            var shuffled = new SiteConfiguration(config.Site,
                config.Channels.OrderBy(_ => random.Next()), config.FreeShipping.OrderBy(_ => random.Next()),
                config.ConsolidationPromos.OrderBy(_ => random.Next()), config.RestrictedGoods.OrderBy(_ => random.Next()));

            Assert.Equal(config, shuffled);
            Assert.Equal(ConfigurationJson.Serialize(config), ConfigurationJson.Serialize(shuffled));
        }
    }

    [Fact]
    public void Canonical_SerializeParseSerialize_IsAFixedPoint()
    {
        foreach (var config in Generated(23))
        {
            var once = ConfigurationJson.Serialize(config);
            var parsed = TestFiles.Configuration(once);

            Assert.Equal(once, ConfigurationJson.Serialize(parsed));
            Assert.Equal(config, parsed);
        }
    }

    [Fact]
    public void Compare_OfAConfigurationWithItself_IsEmpty_AndWithAnEditIsNot()
    {
        var random = new Random(24);
        foreach (var config in Generated(24))
        {
            Assert.Empty(ConfigurationDiff.Compare(config, TestFiles.Configuration(ConfigurationJson.Serialize(config))));
            var edited = Mutate(random, config);
            var entries = ConfigurationDiff.Compare(config, edited);
            Assert.Equal(config.Equals(edited), entries.Count == 0);
            // Fields by name; a list's entries follow its elements, so only the part before the first index sorts as text.
            Assert.Equal(entries.OrderBy(e => e.Section).ThenBy(e => e.ItemKey, StringComparer.Ordinal).ThenBy(e => e.Field.Split('[')[0], StringComparer.Ordinal), entries);
            Assert.Equal(ConfigurationDiff.ChangedSections(config, edited), entries.Select(e => e.Section).Distinct());
        }
    }

    [Fact]
    public void Compare_OneElementInsertedOrRemovedInAnItemsList_IsOneEntry()
    {
        var random = new Random(26);
        foreach (var config in Generated(26))
        {
            var channel = config.Channels[random.Next(config.Channels.Count)];
            var at = random.Next(channel.Surcharges.Count + 1);
            var surcharge = new Surcharge(SurchargeKind.RemoteArea, [$"AREA-{random.Next(1000)}"], [], 7m);
            var holiday = new DateOnly(2031, 1, 1).AddDays(random.Next(365));
            var edits = new List<(SiteConfiguration Edited, DiffKind Kind)>
            {
                (With(config, channel with { Surcharges = [.. channel.Surcharges.Take(at), surcharge, .. channel.Surcharges.Skip(at)] }), DiffKind.Added),
                (With(config, channel with { Transit = channel.Transit with { Holidays = [.. channel.Transit.Holidays.Take(at), holiday, .. channel.Transit.Holidays.Skip(at)] } }), DiffKind.Added),
            };
            if (channel.Surcharges.Count > 0)
            {
                var removed = random.Next(channel.Surcharges.Count);
                edits.Add((With(config, channel with { Surcharges = [.. channel.Surcharges.Where((_, i) => i != removed)] }), DiffKind.Removed));
            }

            if (config.ConsolidationPromos.Count > 0)
            {
                var promo = config.ConsolidationPromos[random.Next(config.ConsolidationPromos.Count)];
                var tier = new PromoTier(promo.Tiers.Max(t => t.Min) + 1, new PromoDiscount(DiscountKind.Free, null));
                var place = random.Next(promo.Tiers.Count + 1);
                var promos = config.ConsolidationPromos.Select(p => p.Id == promo.Id ? p with { Tiers = [.. p.Tiers.Take(place), tier, .. p.Tiers.Skip(place)] } : p);
                edits.Add((config with { ConsolidationPromos = [.. promos] }, DiffKind.Added));
            }

            foreach (var (edited, kind) in edits)
            {
                Assert.Equal(kind, Assert.Single(ConfigurationDiff.Compare(config, edited)).Kind);
            }
        }

        static SiteConfiguration With(SiteConfiguration config, Channel channel) =>
            config with { Channels = [.. config.Channels.Select(c => c.Code == channel.Code ? channel : c)] };
    }

    [Fact]
    public void Parse_TruncatedJson_FailsAsMalformedAtTheDocument()
    {
        var random = new Random(25);
        var json = ConfigurationJson.Serialize(DemoConfigurations.For("MY"), indented: true);
        for (var i = 0; i < Cases; i++)
        {
            var cut = json[..random.Next(0, json.TrimEnd().Length - 1)];

            var result = ConfigurationJson.Parse(cut);

            Assert.False(result.Succeeded);
            var error = Assert.Single(result.Errors);
            Assert.Equal("$", error.Path);
            Assert.StartsWith("Malformed JSON", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_UnknownFieldAnywhere_FailsAtItsPath()
    {
        var random = new Random(26);
        var json = ConfigurationJson.Serialize(DemoConfigurations.For("SG"));
        for (var i = 0; i < Cases; i++)
        {
            var root = JsonNode.Parse(json)!;
            var objects = Objects(root, "$").ToList();
            var (target, path) = objects[random.Next(objects.Count)];
            var name = $"unexpected{random.Next(100)}";
            target[name] = random.Next(2) == 0 ? 1 : "x";

            var result = ConfigurationJson.Parse(root.ToJsonString());

            var expected = path == "$" ? name : $"{path}.{name}";
            Assert.False(result.Succeeded);
            Assert.Contains(result.Errors, e => e.Path == expected && e.Message.StartsWith("Unknown field", StringComparison.Ordinal));
        }
    }

    /// <summary>Every object that has a fixed set of fields (not the texts-per-locale maps), with its path.</summary>
    private static IEnumerable<(JsonObject Node, string Path)> Objects(JsonNode node, string path)
    {
        if (node is JsonObject obj)
        {
            yield return (obj, path);
            foreach (var (key, value) in obj)
            {
                if (value is null || key is "names" or "promiseTemplates" or "nudgeTemplates" or "reasons")
                {
                    continue;
                }

                foreach (var child in Objects(value, path == "$" ? key : $"{path}.{key}"))
                {
                    yield return child;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } item)
                {
                    foreach (var child in Objects(item, $"{path}[{i}]"))
                    {
                        yield return child;
                    }
                }
            }
        }
    }
}
