using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsConsole.Cli;

namespace OpsConsole.Tests.Cli;

public sealed class ConfigurationVerbTests : IDisposable
{
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "TestData", "examples");
    private readonly string scratch = Directory.CreateTempSubdirectory("opsconsole-cli-").FullName;

    [Fact]
    public async Task Quote_OfTheContractExample_PrintsTheContractQuote()
    {
        var (exit, output, error) = await RunAsync("quote", "--config", Example("config.HK.json"), "--cart", Example("cart.HK.json"));

        Assert.True(exit == 0, error);
        AssertJsonEquivalent(await File.ReadAllTextAsync(Example("quote.HK.json")), output);
    }

    [Fact]
    public async Task Validate_ValidConfiguration_ExitsZeroAndListsTheWarning()
    {
        var (exit, output, _) = await RunAsync("validate", Example("config.HK.json"));

        Assert.Equal(0, exit);
        Assert.Contains("config.HK.json: valid (1 warning).", output);
        Assert.Contains("warning freeShipping[", output);
    }

    [Fact]
    public async Task Validate_InvalidConfiguration_ExitsOneWithPathsOfTheErrors()
    {
        var path = Write("bad.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("\"stepPrice\": 8.00", "\"stepPrice\": 8.005", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.Matches(@"error   channels\[\d\]\.rate\.stepPrice: ", error);
        Assert.Contains($"{path}: 1 error, 1 warning.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AReasonWithALineBreak_ExitsOneNamingTheReason()
    {
        // As the section editors, the CSV import and the JSON editor see it: texts are one line.
        var path = Write("multiline.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("Items with batteries cannot", "Items with batteries\\ncannot", StringComparison.Ordinal));

        var (exit, _, error) = await RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.Contains("error   restrictedGoods[0].reasons.en-HK: The reason (en-HK) holds a line break; texts are one line.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MalformedJson_ExitsOneNamingThePath()
    {
        var path = Write("broken.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("\"enabled\": true", "\"enabled\": \"yes\"", StringComparison.Ordinal));

        var (exit, _, error) = await RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.Contains("enabled", error);
    }

    [Fact]
    public async Task Validate_JsonThatDoesNotParse_SaysWhereTheReaderStopped_WithoutABarePath()
    {
        // "$" (the whole document) before the reason named nothing the file's name does not.
        var path = Write("truncated.json", "{\n  \"site\": \"HK\",\n  \"channels\": [,\n");

        var (exit, _, error) = await RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.Equal($"{path}: Malformed JSON at line 3, position 16: ',' is an invalid start of a value.", error.Trim());
    }

    [Fact]
    public async Task Quote_WithACartThatDoesNotParse_SaysWhereTheReaderStopped_WithoutABarePath()
    {
        var cart = Write("cart.json", "{\"at\": ");

        var (exit, _, error) = await RunAsync("quote", "--config", Example("config.HK.json"), "--cart", cart);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{cart}: Malformed JSON at line 1, position 8: ", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AFieldThatIsNotOne_StillNamesItsPath()
    {
        var path = Write("unknown.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("\"site\": \"HK\",", "\"site\": \"HK\", \"colour\": 1,", StringComparison.Ordinal));

        var (exit, _, error) = await RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}: colour: Unknown field 'colour'.", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_PrintsEachChangeWithItsSummary()
    {
        var changed = Write("changed.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("\"threshold\": 299.00", "\"threshold\": 249.00", StringComparison.Ordinal));

        var (exit, output, _) = await RunAsync("diff", Example("config.HK.json"), changed);

        Assert.Equal(0, exit);
        var changes = JsonDocument.Parse(output).RootElement.GetProperty("changes");
        var change = Assert.Single(changes.EnumerateArray());
        Assert.Equal("freeShipping", change.GetProperty("section").GetString());
        Assert.Equal("FS-HK-CART-299", change.GetProperty("itemKey").GetString());
        Assert.Contains("threshold HK$299.00 → HK$249.00", change.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Diff_OfAFileWithItself_IsEmpty()
    {
        var (exit, output, _) = await RunAsync("diff", Example("config.HK.json"), Example("config.HK.json"));

        Assert.Equal(0, exit);
        Assert.Empty(JsonDocument.Parse(output).RootElement.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Impact_OfALowerThreshold_PrintsTheSimulationOfTheSample()
    {
        var changed = Write("changed.json", (await File.ReadAllTextAsync(Example("config.HK.json"))).Replace("\"threshold\": 299.00", "\"threshold\": 199.00", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("impact", Example("config.HK.json"), changed, "--carts", "500");

        Assert.True(exit == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("HK", report.GetProperty("site").GetString());
        Assert.Equal(500, report.GetProperty("carts").GetInt32());
        var (before, after) = (report.GetProperty("revenueBefore").GetDecimal(), report.GetProperty("revenueAfter").GetDecimal());
        Assert.True(after < before, output);
        Assert.Equal(Math.Round((after - before) * 100m / before, 2, MidpointRounding.AwayFromZero), report.GetProperty("revenueChangePercent").GetDecimal());
        Assert.False(report.GetProperty("withinLogisticsTolerance").GetBoolean());
        Assert.Equal(0, report.GetProperty("feeUp").GetInt32());
        var rule = report.GetProperty("discounts").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "FS-HK-CART-299");
        Assert.True(rule.GetProperty("spendAfter").GetDecimal() > rule.GetProperty("spendBefore").GetDecimal());
        var largest = report.GetProperty("largestChanges").EnumerateArray().ToList();
        Assert.InRange(largest.Count, 1, 5);
        Assert.All(largest, c =>
        {
            Assert.Contains(" × ", c.GetProperty("cart").GetString(), StringComparison.Ordinal);
            Assert.True(c.GetProperty("after").GetProperty("fee").GetDecimal() < c.GetProperty("before").GetProperty("fee").GetDecimal());
        });

        // The same sample every time: a second run prints the same figures.
        Assert.Equal(output, (await RunAsync("impact", Example("config.HK.json"), changed, "--carts", "500")).Output);
    }

    [Fact]
    public async Task Impact_OfAFileWithItself_ChangesNothing()
    {
        var (exit, output, _) = await RunAsync("impact", Example("config.HK.json"), Example("config.HK.json"), "--carts", "200", "--seed", "7");

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0, report.GetProperty("cartsQuotedDifferently").GetInt32());
        Assert.Equal(0m, report.GetProperty("revenueChangePercent").GetDecimal());
        Assert.True(report.GetProperty("withinLogisticsTolerance").GetBoolean());
    }

    [Theory]
    [InlineData("--carts", "99", "--carts is a whole number from 100 to 50000, not '99'")]
    [InlineData("--carts", "lots", "--carts is a whole number from 100 to 50000, not 'lots'")]
    [InlineData("--seed", "1.5", "--seed is a whole number, not '1.5'")]
    [InlineData("--colour", "red", "unknown option --colour")]
    public async Task Impact_WithABadOption_ExitsTwoSayingWhich(string option, string value, string message)
    {
        var (exit, output, error) = await RunAsync("impact", Example("config.HK.json"), Example("config.HK.json"), option, value);

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Quote_WithNameEqualsValueOptions_PrintsTheContractQuote()
    {
        // The value is all after the first '=': a path may hold one.
        var config = Write("config=HK.json", await File.ReadAllTextAsync(Example("config.HK.json")));

        var (exit, output, error) = await RunAsync("quote", $"--config={config}", "--cart", Example("cart.HK.json"));

        Assert.True(exit == CommandLine.Ok, error);
        AssertJsonEquivalent(await File.ReadAllTextAsync(Example("quote.HK.json")), output);
    }

    [Fact]
    public async Task Impact_WithANameEqualsValueOption_ReadsItsValue()
    {
        var (exit, output, error) = await RunAsync("impact", Example("config.HK.json"), Example("config.HK.json"), "--carts=99");

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("--carts is a whole number from 100 to 50000, not '99'", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("quote", "--config", "a.json", "--cart", "cart.json", "--config", "b.json")]
    [InlineData("quote", "--config=a.json", "--cart", "cart.json", "--config", "b.json")]
    [InlineData("quote", "--config", "a.json", "--cart=cart.json", "--CART=other.json")]
    [InlineData("impact", "a.json", "b.json", "--seed", "1", "--seed=2")]
    public async Task OptionGivenTwice_ExitsTwoSayingWhich_AndReadsNothing(params string[] args)
    {
        // The files named do not exist: a usage error must come before any of them is read.
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Matches(@"^--(config|cart|CART|seed) is given more than once\. Usage: ", error);
        Assert.DoesNotContain("Cannot read", error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("quote", "--config", "--cart", "cart.json")]
    [InlineData("impact", "a.json", "b.json", "--seed", "--carts", "100")]
    public async Task OptionFollowedByAnotherOption_ExitsTwoSayingItNeedsAValue_AndReadsNothing(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Matches(@"^--(config|seed) needs a value \(write --(config|seed)=--(cart|carts) if that is the value\)\. Usage: ", error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Impact_OfTwoSites_ExitsOne()
    {
        var taiwan = Write("tw.json", OpsConsole.Domain.Configuration.ConfigurationJson.Serialize(OpsConsole.Domain.Demo.DemoConfigurations.For("TW")));

        var (exit, _, error) = await RunAsync("impact", Example("config.HK.json"), taiwan);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Contains("is for HK", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quote", "--config", "x.json")]
    [InlineData("validate")]
    [InlineData("frobnicate")]
    // Options on verbs that take none were read as file names: "--strict: not found", exit 1.
    [InlineData("validate", "--strict", "config.json")]
    [InlineData("diff", "a.json", "b.json", "--format=text")]
    public async Task WrongCommand_ExitsTwoWithUsage(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Usage, exit);
        // The verb's own usage, or for an unknown verb the list of them all (the quote's among them).
        var verb = CommandLine.Verbs.SingleOrDefault(v => v.Name == args[0]);
        Assert.Contains(verb?.Usage ?? "quote --config <config.json> --cart <cart.json>", error, StringComparison.Ordinal);
        if (args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && verb?.Name != "quote") is { } option)
        {
            Assert.StartsWith($"unknown option {option.Split('=')[0]}.", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MissingFile_ExitsOneSayingWhichFile()
    {
        var (exit, _, error) = await RunAsync("validate", Path.Combine(scratch, "nope.json"));

        Assert.Equal(1, exit);
        Assert.Contains("nope.json", error);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("quote")]
    [InlineData("diff")]
    public async Task AFolderNamedAsAFile_ExitsOneSayingItIsAFolder(string verb)
    {
        // It said "Access to the path is denied", sending the operator to look at permissions.
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "configs")).FullName;
        string[] args = verb switch
        {
            "quote" => ["quote", "--config", Example("config.HK.json"), "--cart", folder],
            "diff" => ["diff", folder, Example("config.HK.json")],
            _ => [verb, folder],
        };

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Equal($"Cannot read {folder}: it is a folder, not a file.", error.Trim());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("quote")]
    [InlineData("diff")]
    public async Task AReleaseDocumentNamedAsAConfigFile_ExitsOneSayingSoInOneLine(string verb)
    {
        // What GET /api/v1/sites/HK/config answers, saved to a file: the verbs printed five lines of unknown fields
        // (version, hash, publishedAt, config) and "channels: Required." without saying what the file was.
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Example("config.HK.json")))!.AsObject();
        example.Remove("site");
        var release = Write("release.json", new JsonObject
        {
            ["site"] = "HK", ["version"] = 3, ["hash"] = "sha256:00", ["publishedAt"] = "2026-11-20T09:30:00Z", ["config"] = example,
        }.ToJsonString());
        string[] args = verb switch
        {
            "quote" => ["quote", "--config", release, "--cart", Example("cart.HK.json")],
            "diff" => ["diff", Example("config.HK.json"), release],
            _ => [verb, release],
        };

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Equal(
            $"{release}: this is a release document (site, version, hash, publishedAt, config), not a config file; a config file is its config object plus \"site\", as jq '.config + {{site}}' makes it.",
            error.Trim());
    }

    [Fact]
    public async Task ACartNamedAsTheConfigOrAConfigAsTheCart_ExitsOneSayingSoInOneLine()
    {
        var (exit, output, error) = await RunAsync("quote", "--config", Example("cart.HK.json"), "--cart", Example("config.HK.json"));

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Equal(
            [
                $"{Example("cart.HK.json")}: this is a cart (a quote request), not a config file.",
                $"{Example("config.HK.json")}: this is a config file, not a cart (a quote request).",
            ],
            error.Trim().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Validate_AFileOverTheLimit_ExitsOneSayingSo_WithoutReadingIt()
    {
        // A 3 GB file (a disk image named .json) ended the verb with an unhandled exception from the string it was read into.
        var path = Path.Combine(scratch, "huge.json");
        using (var file = File.Create(path))
        {
            file.SetLength(ConfigFile.MaxBytes + 1);
        }

        var (exit, output, error) = await RunAsync("validate", path);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Equal($"Cannot read {path}: it is larger than {ConfigFile.MaxBytes / 1024 / 1024} MB, the most a configuration or cart file may be.", error.Trim());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("quote")]
    [InlineData("--help")]
    public async Task OutputThatCannotBeWritten_ExitsOneSayingSoInOneLine(string verb)
    {
        // A full disk under "quote ... > quote.json" ended the verb with an unhandled IOException and its stack trace (exit 134).
        string[] args = verb switch
        {
            "quote" => ["quote", "--config", Example("config.HK.json"), "--cart", Example("cart.HK.json")],
            "validate" => ["validate", Example("config.HK.json")],
            _ => [verb],
        };
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(args, new FullDisk(), error);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("The output could not be written: No space left on device", error.ToString().Trim());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("quote")]
    [InlineData("--version")]
    public async Task ClosedOutput_ExitsOneSayingSoInOneLine(string verb)
    {
        // With the output closed (">&-"), .NET's write fails as access denied, not as an IOException: the verb ended with an
        // unhandled exception and its stack trace (exit 134), saying "Access to the path is denied".
        string[] args = verb switch
        {
            "quote" => ["quote", "--config", Example("config.HK.json"), "--cart", Example("cart.HK.json")],
            "validate" => ["validate", Example("config.HK.json")],
            _ => [verb],
        };
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(args, new ClosedOutput(), error);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("The output could not be written: Bad file descriptor", error.ToString().Trim());
    }

    [Fact]
    public async Task Validate_FileWrittenInAnotherOrder_NamesTheItemWhereTheFileHasIt()
    {
        // Validation counts channels in content order (DIRECT_STD first); this file writes DIRECT_STD last, and the error
        // once pointed at channels[0], its PICKUP.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Example("config.HK.json")))!.AsObject();
        json["channels"] = new System.Text.Json.Nodes.JsonArray([.. json["channels"]!.AsArray().Select(n => n!.DeepClone()).Reverse()]);
        json["channels"]![3]!["rate"]!["stepPrice"] = 8.005m;
        var file = Write("reversed.json", json.ToJsonString());

        var (exit, _, error) = await RunAsync("validate", file);

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Contains("error   channels[3].rate.stepPrice:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_OfAConfigurationWithErrors_PrintsTheErrorsAndNoQuote()
    {
        // Transit days in the millions once ended the verb with an unhandled exception (exit 134) in the engine's dates.
        var config = Write("broken.json", File.ReadAllText(Example("config.HK.json")).Replace("\"maxDays\": 6", "\"maxDays\": 5000000", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("quote", "--config", config, "--cart", Example("cart.HK.json"));

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Contains("channels[0].transit.maxDays", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_OfAConfigurationWithErrors_PrintsTheErrorsAndNoReport()
    {
        var broken = Write("broken.json", File.ReadAllText(Example("config.HK.json")).Replace("\"maxDays\": 6", "\"maxDays\": 5000000", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("impact", Example("config.HK.json"), broken, "--carts", "100");

        Assert.Equal(CommandLine.Invalid, exit);
        Assert.Equal("", output);
        Assert.Contains("broken.json: error channels[0].transit.maxDays", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsTheCommands_AndExitsZero(string word)
    {
        Assert.True(CommandLine.IsVerb([word]), "help must not start the server");

        var (exit, output, error) = await RunAsync(word);

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Equal("", error);
        Assert.All(CommandLine.Verbs, v => Assert.Contains(v.Usage, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_PrintsTheBuildsVersionAndCommit_AndDoesNotStartTheServer()
    {
        Assert.True(CommandLine.IsVerb(["--version"]), "--version must not start the server");

        var (exit, output, error) = await RunAsync("--version");

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Equal("", error);
        var informational = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("OpsConsole " + informational, output.Trim());
        Assert.Matches(@"^OpsConsole \d+\.\d+\.\d+", output);
    }

    [Fact]
    public async Task Help_NamesTheVersionOption()
    {
        var (_, output, _) = await RunAsync("--help");

        Assert.Contains("OpsConsole --version", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOfAVerb_PrintsItsUsage_AndReadsNothing()
    {
        var (exit, output, error) = await RunAsync("validate", "--help");

        Assert.Equal(CommandLine.Ok, exit);
        Assert.Equal("", error);
        Assert.Equal("Usage: OpsConsole validate <config.json>", output.Trim());
    }

    [Fact]
    public async Task Diff_OfALowerCaseSiteAndItsOwnSite_Compares()
    {
        var example = File.ReadAllText(Example("config.HK.json"));
        var lower = Write("lower.json", example.Replace("\"site\": \"HK\"", "\"site\": \"hk\"", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("diff", lower, Example("config.HK.json"));

        Assert.True(exit == CommandLine.Ok, error);
        Assert.Contains("\"changes\": []", output, StringComparison.Ordinal);
    }

    private static string Example(string name) => Path.Combine(Examples, name);

    private string Write(string name, string content)
    {
        var path = Path.Combine(scratch, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Same JSON tree; numbers compared as decimals (26.00 equals 26.0), property order ignored.</summary>
    private static void AssertJsonEquivalent(string expected, string actual) =>
        Assert.Equal(Normalize(JsonDocument.Parse(expected).RootElement), Normalize(JsonDocument.Parse(actual).RootElement));

    private static string Normalize(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"\"{p.Name}\":{Normalize(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Normalize)) + "]",
        JsonValueKind.Number => element.GetDecimal().ToString("0.############", System.Globalization.CultureInfo.InvariantCulture),
        _ => element.GetRawText(),
    };

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    /// <summary>An output as a redirection to a full disk gives it: every write fails.</summary>
    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }

    /// <summary>An output as <c>&gt;&amp;-</c> gives it on Linux: .NET reports EBADF as access denied around the IOException.</summary>
    private sealed class ClosedOutput : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new UnauthorizedAccessException("Access to the path is denied.", new IOException("Bad file descriptor"));
    }
}
