using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Infrastructure;

namespace OpsConsole.Features.Editing;

/// <summary>One thing wrong with an imported file: its line (the header is line 1), the column and why.</summary>
public sealed record ImportProblem(int Line, string Field, string Reason);

public sealed record RestrictedGoodsImport(IReadOnlyList<RestrictedGoodsRule> Rules, IReadOnlyList<ImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Restricted-goods rules as a spreadsheet: one rule per row, lists separated by <c>|</c>, instants in UTC
/// (ISO 8601 with Z), one reason column per site locale (<c>reason.en-HK</c>). Reading either yields every
/// rule or lists every bad row and field, so an import never applies half a file.
/// </summary>
public static class RestrictedGoodsCsv
{
    private const char ListSeparator = '|';

    private static readonly string[] FixedColumns =
        ["id", "name", "categoryPrefixes", "attributes", "titleKeywords", "minUnitWeightGrams", "action", "channels", "maxQuantity", "legalReference", "validFrom", "validTo"];

    public static IReadOnlyList<string> Columns(SiteInfo site) =>
        [.. FixedColumns.Take(9), .. site.Locales.Select(l => "reason." + l), .. FixedColumns.Skip(9)];

    public static string Write(SiteInfo site, IEnumerable<RestrictedGoodsRule> rules)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns(site))
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var rule in rules)
            {
                csv.WriteField(Cell(rule.Id));
                csv.WriteField(Cell(rule.Name));
                csv.WriteField(Cell(string.Join(ListSeparator, rule.Match.CategoryPrefixes)));
                csv.WriteField(Cell(string.Join(ListSeparator, rule.Match.Attributes)));
                csv.WriteField(Cell(string.Join(ListSeparator, rule.Match.TitleKeywords)));
                csv.WriteField(Cell(rule.Match.MinUnitWeightGrams?.ToString(CultureInfo.InvariantCulture) ?? ""));
                csv.WriteField(Cell(rule.Action.ToString()));
                csv.WriteField(Cell(string.Join(ListSeparator, rule.Channels)));
                csv.WriteField(Cell(rule.MaxQuantity?.ToString(CultureInfo.InvariantCulture) ?? ""));
                foreach (var locale in site.Locales)
                {
                    csv.WriteField(Cell(rule.Reasons.TryGetValue(locale, out var reason) ? reason : ""));
                }

                csv.WriteField(Cell(rule.LegalReference ?? ""));
                csv.WriteField(Cell(rule.ValidFrom is { } from ? ConfigurationJson.FormatInstant(from) : ""));
                csv.WriteField(Cell(rule.ValidTo is { } to ? ConfigurationJson.FormatInstant(to) : ""));
                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a file meant to replace the draft's restricted-goods rules. Besides the file's own problems, a
    /// rule the domain validator rejects in that draft (an unknown channel, a reason missing for a locale)
    /// makes its row bad too, so what is applied is never worse than what was there.
    /// </summary>
    public static RestrictedGoodsImport ReadInto(SiteConfiguration draft, string text)
    {
        var site = SiteCatalog.Get(draft.Site);
        var (rules, problems) = ReadAll(site, text, out var lines);
        if (problems.Any(p => p.Line <= 1))
        {
            return new RestrictedGoodsImport([], problems);
        }

        // The rows that could be read are checked too, so one pass lists every bad row.
        var candidate = draft with { RestrictedGoods = rules.ToValueList() };
        foreach (var error in Domain.Validation.ConfigurationValidator.Validate(candidate).Errors)
        {
            var match = System.Text.RegularExpressions.Regex.Match(error.Path, @"^restrictedGoods\[(\d+)\]\.?(.*)$");
            if (match.Success)
            {
                var rule = candidate.RestrictedGoods[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)];
                problems.Add(new ImportProblem(lines[rule], match.Groups[2].Value.Length == 0 ? "(rule)" : match.Groups[2].Value, error.Message));
            }
        }

        return problems.Count > 0 ? new RestrictedGoodsImport([], [.. problems.OrderBy(p => p.Line)]) : new RestrictedGoodsImport(rules, []);
    }

    public const string NotUtf8 =
        "The file is not UTF-8 text, so its Chinese would not read. In Excel, use Save As “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.";

    /// <summary>
    /// The text of an uploaded file, which must be UTF-8 (a byte order mark or not). Excel's plain "CSV" on a Chinese
    /// Windows writes Big5 or GBK: read as UTF-8, every Chinese reason became replacement characters and the import
    /// succeeded, so a file that is not UTF-8 is refused instead (guessing between Big5 and GBK is not reliable).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var bom = Encoding.UTF8.Preamble; // the strict encoding's own is empty: it is told not to write one
            text = strict.GetString(bytes.StartsWith(bom) ? bytes[bom.Length..] : bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    public static RestrictedGoodsImport Read(SiteInfo site, string text)
    {
        var (rules, problems) = ReadAll(site, text, out _);
        return problems.Count > 0 ? new RestrictedGoodsImport([], problems) : new RestrictedGoodsImport(rules, []);
    }

    /// <summary>Every rule that could be read and every problem; the callers decide that any problem applies nothing.</summary>
    private static (List<RestrictedGoodsRule> Rules, List<ImportProblem> Problems) ReadAll(SiteInfo site, string text, out Dictionary<RestrictedGoodsRule, int> lines)
    {
        lines = new Dictionary<RestrictedGoodsRule, int>(ReferenceEqualityComparer.Instance);
        var problems = new List<ImportProblem>();
        var rules = new List<RestrictedGoodsRule>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => problems.Add(new ImportProblem(args.Context.Parser?.RawRow ?? 0, "(row)", $"The row is not valid CSV near “{Shorten(args.Field)}” (check the quotes).")),
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };

        try
        {
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, config);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                problems.Add(new ImportProblem(1, "(header)", "The file is empty; the first line must name the columns."));
                return (rules, problems);
            }

            var expected = Columns(site);
            foreach (var missing in expected.Where(c => !header.Contains(c, StringComparer.Ordinal)))
            {
                problems.Add(new ImportProblem(1, missing, "This column is missing from the header."));
            }

            foreach (var unknown in header.Where(c => !expected.Contains(c, StringComparer.Ordinal)))
            {
                problems.Add(new ImportProblem(1, unknown, $"Unknown column. The columns are {string.Join(", ", expected)}."));
            }

            if (problems.Count > 0)
            {
                return (rules, problems);
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (csv.Read())
            {
                // The line the row starts on: RawRow is where it ends, lines further down when a quoted cell holds a line break.
                var line = csv.Parser.RawRow - csv.Parser.RawRecord.TrimEnd('\r', '\n').Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\r' or '\n');
                if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (ReadRule(site, csv, line, problems) is { } rule)
                {
                    if (seen.TryGetValue(rule.Id, out var first))
                    {
                        problems.Add(new ImportProblem(line, "id", $"Id {rule.Id} is already used on line {first}."));
                    }
                    else
                    {
                        seen[rule.Id] = line;
                        rules.Add(rule);
                        lines[rule] = line;
                    }
                }
            }
        }
        catch (CsvHelperException exception)
        {
            problems.Add(new ImportProblem(exception.Context?.Parser?.RawRow ?? 0, "(file)", "The file cannot be read as CSV: " + exception.Message.Split('\n')[0]));
        }

        return (rules, problems);
    }

    private static RestrictedGoodsRule? ReadRule(SiteInfo site, CsvReader csv, int line, List<ImportProblem> problems)
    {
        var before = problems.Count;
        string Field(string name) => Uncell(csv.GetField(name) ?? "");
        void Problem(string field, string reason) => problems.Add(new ImportProblem(line, field, reason));

        var id = Field("id");
        if (id.Length == 0)
        {
            Problem("id", "Required.");
        }

        var name = Field("name");
        if (name.Length == 0)
        {
            Problem("name", "Required.");
        }

        int? Int(string field, int min)
        {
            var value = Field(field);
            if (value.Length == 0)
            {
                return null;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min)
            {
                Problem(field, $"“{Shorten(value)}” is not a whole number of at least {min}.");
            }

            return number;
        }

        DateTimeOffset? Instant(string field)
        {
            var value = Field(field);
            if (value.Length == 0)
            {
                return null;
            }

            if (!value.EndsWith('Z') || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant))
            {
                Problem(field, $"“{Shorten(value)}” is not a UTC instant like 2026-12-01T00:00:00Z.");
                return null;
            }

            return instant;
        }

        var minWeight = Int("minUnitWeightGrams", 1);
        var maxQuantity = Int("maxQuantity", 1);
        var actionText = Field("action");
        if (!Enum.TryParse<RestrictionAction>(actionText, ignoreCase: false, out var action) || !Enum.IsDefined(action) || int.TryParse(actionText, out _))
        {
            Problem("action", $"“{Shorten(actionText)}” is not one of {string.Join(", ", Enum.GetNames<RestrictionAction>())}.");
        }

        var from = Instant("validFrom");
        var to = Instant("validTo");
        if (problems.Count > before)
        {
            return null;
        }

        var reasons = LocalizedText.From(site.Locales
            .Select(locale => KeyValuePair.Create(locale, Field("reason." + locale)))
            .Where(reason => reason.Value.Length > 0));
        var legal = Field("legalReference");
        return new RestrictedGoodsRule(id, name,
            new GoodsMatch(List(Field("categoryPrefixes")), List(Field("attributes")), List(Field("titleKeywords")), minWeight),
            action, List(Field("channels")), maxQuantity, reasons, legal.Length == 0 ? null : legal, from, to);
    }

    private static string Cell(string value) => SpreadsheetText.Cell(value);

    private static string Uncell(string value) => SpreadsheetText.Uncell(value);

    private static ValueList<string> List(string text) =>
        text.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList();

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
