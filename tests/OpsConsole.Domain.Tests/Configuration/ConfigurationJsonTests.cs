using System.Text.Json;
using System.Text.Json.Nodes;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Tests.Support;

namespace OpsConsole.Domain.Tests.Configuration;

public class ConfigurationJsonTests
{
    private static readonly string Example = TestFiles.Example("config.HK.json");

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Example)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static void AssertFailsAt(string json, string path, string messagePart)
    {
        var result = ConfigurationJson.Parse(json);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(messagePart, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ContractExample_ReadsEveryField()
    {
        var config = TestFiles.HongKong();

        Assert.Equal("HK", config.Site);
        Assert.Equal(["DIRECT_STD", "DIRECT_EXP", "CONSOL", "PICKUP"], config.Channels.Select(c => c.Code));
        var standard = config.Channels[0];
        Assert.Equal(new Rate(500, 18m, 500, 8m, 20000), standard.Rate);
        Assert.Equal(new TimeOnly(15, 0), standard.Transit.CutoffLocalTime);
        Assert.Equal([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26), new DateOnly(2027, 1, 1)], standard.Transit.Holidays);
        Assert.Equal("Direct mail", standard.Names["en-HK"]);
        var newBuyers = config.FreeShipping.Single(r => r.Id == "FS-HK-NEW-99");
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), newBuyers.ValidFrom);
        Assert.Equal(Audience.NewBuyers, newBuyers.Audience);
        Assert.True(newBuyers.WaivesSurcharges);
        var promo = Assert.Single(config.ConsolidationPromos);
        Assert.Equal(new PromoTier(6, new PromoDiscount(DiscountKind.Free, null)), promo.Tiers[2]);
        Assert.Equal(6, config.RestrictedGoods.Single(r => r.Id == "RG-HK-MED-LIMIT").MaxQuantity);
    }

    [Fact]
    public void Serialize_WritesAmountsWithTheSiteMinorUnitsAndInstantsInUtc()
    {
        var json = ConfigurationJson.Serialize(TestFiles.HongKong());

        Assert.Contains("\"firstPrice\":18.00", json, StringComparison.Ordinal);
        Assert.Contains("\"validFrom\":\"2026-11-01T00:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"cutoffLocalTime\":\"15:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":20}", json, StringComparison.Ordinal);
        Assert.Contains("直郵標準", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_NormalisesAmountsToMinorUnits()
    {
        var hk = ConfigurationJson.Parse(Mutate(root => root["channels"]![0]!["rate"]!["firstPrice"] = JsonValue.Create(18m)));
        var tw = TestFiles.HongKong() with { Site = "TW" };
        tw = tw with { Channels = [tw.Channels[0] with { Rate = tw.Channels[0].Rate with { FirstPrice = 150.0m, StepPrice = 40.000m } }] };

        Assert.Contains("\"firstPrice\":18.00,", ConfigurationJson.Serialize(hk.Value!), StringComparison.Ordinal);
        Assert.Contains("\"firstPrice\":150,", ConfigurationJson.Serialize(tw), StringComparison.Ordinal);
        Assert.Contains("\"stepPrice\":40,", ConfigurationJson.Serialize(tw), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_KeepsDecimalsAnAmountShouldNotHave_SoValidationStillSeesThem()
    {
        var config = TestFiles.HongKong();
        config = config with { Channels = [config.Channels[0] with { Rate = config.Channels[0].Rate with { StepPrice = 8.005m } }] };

        var roundTripped = TestFiles.Configuration(ConfigurationJson.Serialize(config));

        Assert.Equal(8.005m, roundTripped.Channels[0].Rate.StepPrice);
    }

    [Fact]
    public void Serialize_ThenParse_IsAFixedPoint()
    {
        var once = ConfigurationJson.Serialize(TestFiles.HongKong());
        var twice = ConfigurationJson.Serialize(TestFiles.Configuration(once));

        Assert.Equal(once, twice);
        Assert.Equal(TestFiles.HongKong(), TestFiles.Configuration(once));
    }

    [Fact]
    public void Sha256_IsPrefixedLowercaseHexOfTheCanonicalBytes()
    {
        var config = TestFiles.HongKong();

        var hash = ConfigurationJson.Sha256(config);

        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.Equal(hash, ConfigurationJson.Sha256(TestFiles.Configuration(ConfigurationJson.Serialize(config, indented: true))));
        Assert.NotEqual(hash, ConfigurationJson.Sha256(config with { FreeShipping = [.. config.FreeShipping.Skip(1)] }));
    }

    [Fact]
    public void SerializeSections_IsTheReleaseConfigObjectWithoutSite_AndParsesBack()
    {
        var config = TestFiles.HongKong();

        var sections = ConfigurationJson.SerializeSections(config);
        using var document = JsonDocument.Parse(sections);

        Assert.Equal(["channels", "freeShipping", "consolidationPromos", "restrictedGoods"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(config, ConfigurationJson.ParseSections("HK", sections).Value);
    }

    [Fact]
    public void Parse_MalformedJson_FailsAtTheDocumentWithItsPosition() =>
        AssertFailsAt("{\"site\": \"HK\", \"channels\": [", "$", "Malformed JSON at line 1");

    [Fact]
    public void Parse_UnknownField_FailsAtItsPath() =>
        AssertFailsAt(Mutate(root => root["channels"]![1]!["rate"]!["fuelSurcharge"] = 3), "channels[1].rate.fuelSurcharge", "Unknown field 'fuelSurcharge'");

    [Fact]
    public void Parse_WrongType_FailsAtItsPath() =>
        AssertFailsAt(Mutate(root => root["channels"]![1]!["rate"]!["stepPrice"] = "12"), "channels[1].rate.stepPrice", "Expected a number");

    [Fact]
    public void Parse_UnknownEnumValue_FailsAtItsPathNamingTheValues() =>
        AssertFailsAt(Mutate(root => root["restrictedGoods"]![0]!["action"] = "Confiscate"), "restrictedGoods[0].action", "not one of: BlockSale, BlockChannels, QuantityLimit, RequireIdDocument");

    [Fact]
    public void Parse_MissingRequiredMember_FailsAtItsPath() =>
        AssertFailsAt(Mutate(root => root["freeShipping"]![2]!.AsObject().Remove("threshold")), "freeShipping[2].threshold", "Required");

    [Fact]
    public void Parse_TimeNotHoursAndMinutes_FailsAtItsPath() =>
        AssertFailsAt(Mutate(root => root["channels"]![0]!["transit"]!["cutoffLocalTime"] = "3pm"), "channels[0].transit.cutoffLocalTime", "HH:mm");

    [Fact]
    public void Parse_InstantWithoutOffset_FailsAtItsPath() =>
        AssertFailsAt(Mutate(root => root["freeShipping"]![1]!["validFrom"] = "2026-11-01T00:00:00"), "freeShipping[1].validFrom", "with an offset");

    [Fact]
    public void Parse_UnknownSite_Fails() =>
        AssertFailsAt(Mutate(root => root["site"] = "JP"), "site", "Unknown site 'JP'");

    [Fact]
    public void Parse_CollectsEveryProblem_NotOnlyTheFirst()
    {
        var json = Mutate(root =>
        {
            root["channels"]![0]!["enabled"] = "yes";
            root["restrictedGoods"]![2]!["extra"] = true;
        });

        var result = ConfigurationJson.Parse(json);

        Assert.Equal(["channels[0].enabled", "restrictedGoods[2].extra"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_OffsetInstant_IsKeptAsTheSameInstantInUtc()
    {
        var config = ConfigurationJson.Parse(Mutate(root => root["freeShipping"]![1]!["validFrom"] = "2026-11-01T08:00:00+08:00")).Value!;

        Assert.Contains("\"validFrom\":\"2026-11-01T00:00:00Z\"", ConfigurationJson.Serialize(config), StringComparison.Ordinal);
    }
}
