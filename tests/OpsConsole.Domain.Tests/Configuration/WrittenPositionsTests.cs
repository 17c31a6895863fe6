using System.Text.Json.Nodes;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Tests.Support;
using OpsConsole.Domain.Validation;

namespace OpsConsole.Domain.Tests.Configuration;

public sealed class WrittenPositionsTests
{
    /// <summary>The example with its channels and restricted-goods rules written in reverse, so content order differs from the file's.</summary>
    private static string Reversed(Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(TestFiles.Example("config.HK.json"))!.AsObject();
        foreach (var section in new[] { "channels", "restrictedGoods" })
        {
            json[section] = new JsonArray([.. json[section]!.AsArray().Select(n => n!.DeepClone()).Reverse()]);
        }

        change?.Invoke(json);
        return json.ToJsonString();
    }

    [Fact]
    public void Locate_AValidationPath_CountsAsTheFileDoes()
    {
        // DIRECT_STD is written last of the four channels, and is first in content order.
        var json = Reversed(j => j["channels"]![3]!["rate"]!["stepPrice"] = 8.005m);
        var config = TestFiles.Configuration(json);

        var error = Assert.Single(ConfigurationValidator.Validate(config).Errors);

        Assert.Equal("channels[0].rate.stepPrice", error.Path);
        Assert.Equal("channels[3].rate.stepPrice", WrittenPositions.Of(json, config).Locate(error.Path));
    }

    [Fact]
    public void Locate_EveryItem_IsWhereItWasWritten()
    {
        var json = Reversed();
        var config = TestFiles.Configuration(json);
        var file = JsonNode.Parse(json)!.AsObject();
        var positions = WrittenPositions.Of(json, config);

        for (var i = 0; i < config.Channels.Count; i++)
        {
            var written = positions.Locate($"channels[{i}]");
            Assert.Equal(config.Channels[i].Code, (string?)file["channels"]![int.Parse(written[9..^1], System.Globalization.CultureInfo.InvariantCulture)]!["code"]);
        }

        for (var i = 0; i < config.RestrictedGoods.Count; i++)
        {
            var written = positions.Locate($"restrictedGoods[{i}].reasons");
            var index = int.Parse(written["restrictedGoods[".Length..written.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(config.RestrictedGoods[i].Id, (string?)file["restrictedGoods"]![index]!["id"]);
        }
    }

    [Theory]
    [InlineData("site")]
    [InlineData("freeShipping")]
    [InlineData("channels[99].code")]
    public void Locate_APathNamingNoItemOfTheFile_IsUnchanged(string path)
    {
        var json = Reversed();

        Assert.Equal(path, WrittenPositions.Of(json, TestFiles.Configuration(json)).Locate(path));
    }

    [Fact]
    public void Locate_DuplicateCodes_KeepTheirWrittenOrder()
    {
        var json = Reversed(j => j["channels"]!.AsArray().Add(j["channels"]![3]!.DeepClone()));
        var config = TestFiles.Configuration(json);
        var positions = WrittenPositions.Of(json, config);

        Assert.Equal(["DIRECT_STD", "DIRECT_STD"], config.Channels.Take(2).Select(c => c.Code));
        Assert.Equal(["channels[3]", "channels[4]"], [positions.Locate("channels[0]"), positions.Locate("channels[1]")]);
    }
}
