using System.Globalization;
using System.Text.Json;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Preview;
using OpsConsole.Localization;

namespace OpsConsole.Cli;

/// <summary>Reads a config file for a verb, saying plainly what is wrong with it.</summary>
internal static class ConfigFile
{
    public static async Task<SiteConfiguration?> ReadAsync(string path, TextWriter error) =>
        (await ReadWithPositionsAsync(path, error))?.Config;

    /// <summary>
    /// A problem reading <paramref name="path"/> as the operator reads it: a problem of the whole document (JSON that does not
    /// parse, which says its line and position, or a document that is no object) has the path <c>$</c>, which names nothing
    /// the file's name does not, so it is left out.
    /// </summary>
    public static string Describe(string path, ParseError problem) =>
        problem.Path == "$" ? $"{path}: {problem.Message}" : $"{path}: {problem.Path}: {problem.Message}";

    /// <summary>
    /// The configuration, and where its items were written: validation counts channels and rules in content order, and
    /// what it says of a file must count as the file does.
    /// </summary>
    public static async Task<(SiteConfiguration Config, WrittenPositions Positions)?> ReadWithPositionsAsync(string path, TextWriter error)
    {
        var json = await ReadTextAsync(path, error);
        if (json is null)
        {
            return null;
        }

        var parsed = ConfigurationJson.Parse(json);
        if (!parsed.Succeeded)
        {
            if (OtherKind(json, Kind.Config) is { } kind)
            {
                await error.WriteLineAsync($"{path}: {kind}");
                return null;
            }

            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(Describe(path, problem));
            }

            return null;
        }

        return (parsed.Value!, WrittenPositions.Of(json, parsed.Value!));
    }

    public enum Kind
    {
        Config,
        Cart,
    }

    /// <summary>
    /// When a file that does not parse as <paramref name="expected"/> is another document of the contract whole (the release
    /// document GET /config answers, a cart, a config file), the one line that says so; null otherwise. Without it the
    /// operator got a line per field that the expected document does not have, and none saying what the file was.
    /// </summary>
    public static string? OtherKind(string json, Kind expected)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            bool Has(params string[] names) => names.All(name => root.TryGetProperty(name, out _));
            var what = expected == Kind.Config ? "a config file" : "a cart (a quote request)";
            if (Has("version", "hash", "config"))
            {
                return $"this is a release document (site, version, hash, publishedAt, config), not {what}; a config file is its config object plus \"site\", as jq '.config + {{site}}' makes it.";
            }

            if (expected != Kind.Cart && Has("buyer", "items"))
            {
                return $"this is a cart (a quote request), not {what}.";
            }

            if (expected != Kind.Config && Has("channels", "freeShipping"))
            {
                return $"this is a config file, not {what}.";
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a config file that must be free of errors: quoting one with errors would print figures the console could never
    /// publish (or, with transit days in the millions, dates at the calendar's end), so the errors are printed instead.
    /// </summary>
    public static async Task<SiteConfiguration?> ReadValidAsync(string path, TextWriter error)
    {
        if (await ReadWithPositionsAsync(path, error) is not var (config, positions))
        {
            return null;
        }

        var report = ConfigurationValidator.Validate(config);
        foreach (var problem in report.Errors)
        {
            await error.WriteLineAsync($"{path}: error {positions.Locate(problem.Path)}: {problem.Message}");
        }

        return report.IsValid ? config : null;
    }

    /// <summary>As validate prints a report: errors on the error stream, warnings on the output, each at its place in the file.</summary>
    public static async Task WriteReportAsync(ValidationReport report, WrittenPositions positions, VerbContext context)
    {
        foreach (var error in report.Errors)
        {
            await context.Error.WriteLineAsync($"error   {positions.Locate(error.Path)}: {error.Message}");
        }

        foreach (var warning in report.Warnings)
        {
            await context.Out.WriteLineAsync($"warning {positions.Locate(warning.Path)}: {warning.Message}");
        }
    }

    /// <summary>
    /// The most a file a verb reads may hold: far above the largest configuration the console edits (20,000 restricted-goods
    /// rules are some 16 MB), and low enough that a wrong file (a disk image, a log) is refused rather than read into memory.
    /// </summary>
    public const int MaxBytes = 100 * 1024 * 1024;

    public static async Task<string?> ReadTextAsync(string path, TextWriter error)
    {
        // .NET reports a folder as "Access to the path is denied", which sends the operator to the permissions.
        if (Directory.Exists(path))
        {
            await error.WriteLineAsync($"Cannot read {path}: it is a folder, not a file.");
            return null;
        }

        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            // Measured when it can be (a file), counted as read when it cannot (a pipe: validate /dev/stdin).
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                return await TooLargeAsync(path, error);
            }

            // As File.ReadAllText reads: UTF-8 unless a byte order mark says otherwise.
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
            var text = new System.Text.StringBuilder();
            var buffer = new char[64 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                if (text.Length + read > MaxBytes)
                {
                    return await TooLargeAsync(path, error);
                }

                text.Append(buffer, 0, read);
            }

            return text.ToString();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read {path}: {failure.Message}");
            return null;
        }
    }

    private static async Task<string?> TooLargeAsync(string path, TextWriter error)
    {
        await error.WriteLineAsync($"Cannot read {path}: it is larger than {MaxBytes / 1024 / 1024} MB, the most a configuration or cart file may be.");
        return null;
    }
}

/// <summary><c>validate &lt;config.json&gt;</c>: prints errors and warnings; exit 1 when there are errors.</summary>
internal sealed class ValidateVerb : IVerb
{
    public string Name => "validate";

    public string Usage => "validate <config.json>";

    public bool NeedsDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        // An option here is a mistake (validate takes none), not a file named "--strict": say so rather than "not found".
        var (_, positional, problem) = CommandLine.Parse(arguments);
        if (problem is not null || positional.Count != 1)
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        if (await ConfigFile.ReadWithPositionsAsync(arguments[0], context.Error) is not var (config, positions))
        {
            return CommandLine.Invalid;
        }

        var report = ConfigurationValidator.Validate(config);
        await ConfigFile.WriteReportAsync(report, positions, context);

        await context.Out.WriteLineAsync(report.IsValid
            ? PluralFormat.English("{0}: valid ({1} {1:warning|warnings}).", arguments[0], report.Warnings.Count)
            : PluralFormat.English("{0}: {1} {1:error|errors}, {2} {2:warning|warnings}.", arguments[0], report.Errors.Count, report.Warnings.Count));
        return report.IsValid ? CommandLine.Ok : CommandLine.Invalid;
    }
}

/// <summary><c>quote --config &lt;config.json&gt; --cart &lt;cart.json&gt;</c>: prints the quote the engine gives.</summary>
internal sealed class QuoteVerb : IVerb
{
    public string Name => "quote";

    public string Usage => "quote --config <config.json> --cart <cart.json>";

    public bool NeedsDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (options, positional, problem) = CommandLine.Parse(arguments, "config", "cart");
        if (problem is not null || positional.Count > 0 || !options.TryGetValue("config", out var configPath) || !options.TryGetValue("cart", out var cartPath))
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        // Both files are read and their problems told, so that one run names everything to fix.
        var config = await ConfigFile.ReadValidAsync(configPath, context.Error);
        var cartJson = await ConfigFile.ReadTextAsync(cartPath, context.Error);
        if (cartJson is null)
        {
            return CommandLine.Invalid;
        }

        var cart = QuoteJson.ParseRequest(cartJson);
        if (!cart.Succeeded)
        {
            if (ConfigFile.OtherKind(cartJson, ConfigFile.Kind.Cart) is { } kind)
            {
                await context.Error.WriteLineAsync($"{cartPath}: {kind}");
            }
            else
            {
                foreach (var error in cart.Errors)
                {
                    await context.Error.WriteLineAsync(ConfigFile.Describe(cartPath, error));
                }
            }

            return CommandLine.Invalid;
        }

        if (config is null)
        {
            return CommandLine.Invalid;
        }

        var quote = QuoteEngine.Quote(config, cart.Value!, DateTimeOffset.UtcNow, version: null);
        await context.Out.WriteLineAsync(QuoteJson.Serialize(quote, indented: true));
        return CommandLine.Ok;
    }
}

/// <summary><c>diff &lt;a.json&gt; &lt;b.json&gt;</c>: prints the field-by-field differences as JSON.</summary>
internal sealed class DiffVerb : IVerb
{
    public string Name => "diff";

    public string Usage => "diff <a.json> <b.json>";

    public bool NeedsDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (_, positional, problem) = CommandLine.Parse(arguments);
        if (problem is not null || positional.Count != 2)
        {
            await context.Error.WriteLineAsync((problem is null ? "" : problem + ". ") + "Usage: " + Usage);
            return CommandLine.Usage;
        }

        var a = await ConfigFile.ReadAsync(arguments[0], context.Error);
        var b = await ConfigFile.ReadAsync(arguments[1], context.Error);
        if (a is null || b is null)
        {
            return CommandLine.Invalid;
        }

        if (a.Site != b.Site)
        {
            await context.Error.WriteLineAsync($"{arguments[0]} is for {a.Site} and {arguments[1]} for {b.Site}: only configurations of one site compare.");
            return CommandLine.Invalid;
        }

        var entries = ConfigurationDiff.Compare(a, b).Select(e => new
        {
            section = e.Section.JsonName(),
            itemKey = e.ItemKey,
            field = e.Field,
            kind = e.Kind.ToString(),
            oldValue = e.OldValue,
            newValue = e.NewValue,
            summary = e.Summary,
        });
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { site = b.Site, changes = entries }, JsonOutput.Options));
        return CommandLine.Ok;
    }
}

/// <summary>
/// <c>impact &lt;before.json&gt; &lt;after.json&gt; [--carts n] [--seed s]</c>: the console's impact simulation from the
/// command line, for checking a change kept as code; prints the report as JSON.
/// </summary>
internal sealed class ImpactVerb : IVerb
{
    public string Name => "impact";

    public string Usage => $"impact <before.json> <after.json> [--carts {ImpactSample.MinCarts}-{ImpactSample.MaxCarts}, default {ImpactSample.DefaultCarts}] [--seed n, default 1]";

    public bool NeedsDatabase => false;

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, VerbContext context)
    {
        var (options, positional, problem) = CommandLine.Parse(arguments, "carts", "seed");
        var carts = ImpactSample.DefaultCarts;
        var seed = 1;
        problem ??= positional.Count != 2 ? "two configuration files are needed"
            : options.TryGetValue("carts", out var cartsText) && !(int.TryParse(cartsText, NumberStyles.None, CultureInfo.InvariantCulture, out carts) && carts is >= ImpactSample.MinCarts and <= ImpactSample.MaxCarts)
                ? $"--carts is a whole number from {ImpactSample.MinCarts} to {ImpactSample.MaxCarts}, not '{cartsText}'"
            : options.TryGetValue("seed", out var seedText) && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)
                ? $"--seed is a whole number, not '{seedText}'"
            : null;
        if (problem is not null)
        {
            await context.Error.WriteLineAsync(problem + ". Usage: " + Usage);
            return CommandLine.Usage;
        }

        var before = await ConfigFile.ReadValidAsync(positional[0], context.Error);
        var after = await ConfigFile.ReadValidAsync(positional[1], context.Error);
        if (before is null || after is null)
        {
            return CommandLine.Invalid;
        }

        if (before.Site != after.Site || !SiteCatalog.TryGet(after.Site, out var site))
        {
            await context.Error.WriteLineAsync($"{positional[0]} is for {before.Site} and {positional[1]} for {after.Site}: only configurations of one known site compare.");
            return CommandLine.Invalid;
        }

        var now = DateTimeOffset.UtcNow;
        var sample = ImpactSample.Carts(site, [before, after], carts, now, seed);
        var report = ImpactSimulation.Run(before, after, sample, now);
        var described = ImpactSample.DescribeLargest(sample, report, text => text);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
        {
            site = site.Code,
            report.Carts,
            seed,
            report.CartsQuotedDifferently,
            report.RevenueBefore,
            report.RevenueAfter,
            revenueChangePercent = report.RevenueChangePercent is { } percent ? Math.Round(percent, 2, MidpointRounding.AwayFromZero) : (decimal?)null,
            report.WithinLogisticsTolerance,
            report.UnshippableBefore,
            report.UnshippableAfter,
            report.ChoiceChanged,
            report.FeeUp,
            report.FeeDown,
            report.ItemsNoLongerPurchasable,
            report.ItemsNowPurchasable,
            report.ItemsNowNeedingId,
            channels = report.Channels.Select(c => new { c.Code, c.AvailableBefore, c.AvailableAfter, c.ChosenBefore, c.ChosenAfter, c.FeesBefore, c.FeesAfter }),
            discounts = report.Rules.Select(r => new { kind = r.Kind.ToString(), r.RuleId, r.SpendBefore, r.SpendAfter }),
            largestChanges = report.LargestChanges.Select(c => new
            {
                cart = described[c.CartIndex],
                before = c.ChannelBefore is null ? null : new { channel = c.ChannelBefore, fee = c.FeeBefore },
                after = c.ChannelAfter is null ? null : new { channel = c.ChannelAfter, fee = c.FeeAfter },
            }),
        }, JsonOutput.Options));
        return CommandLine.Ok;
    }
}

internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
