using System.Globalization;
using System.Text;
using FluentValidation;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Localization;
using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Editing;

/// <summary>
/// How the editors read and write what staff type: money exactly as typed (a number box would round
/// 18.005 away before validation could see it), comma-separated lists, and local times of the site.
/// </summary>
public static class FieldText
{
    private const NumberStyles MoneyStyle = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static string Money(decimal value, SiteInfo site) =>
        Amounts.WithMinorUnits(value, site.MinorUnits).ToString(CultureInfo.InvariantCulture);

    public static string? Money(decimal? value, SiteInfo site) => value is { } v ? Money(v, site) : null;

    public static bool TryMoney(string? text, out decimal value) =>
        decimal.TryParse(HalfWidth(text), MoneyStyle, CultureInfo.InvariantCulture, out value);

    // A Chinese input method left in full-width mode types "１２９９．５０", which staff read as the number it shows.
    private static string? HalfWidth(string? text) => text?.Normalize(NormalizationForm.FormKC);

    // "-3" was told to be "an amount like 1299, without currency or thousands separators", which it looks like already.
    private static bool IsNegative(string? text) =>
        decimal.TryParse(HalfWidth(text), MoneyStyle | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value < 0;

    public static decimal ParseMoney(string? text) => TryMoney(text, out var value) ? value : 0m;

    public static string List(IEnumerable<string> values) => string.Join(", ", values);

    /// <summary>
    /// What a field's text means: <paramref name="current"/> while the text still shows it, else the text read. Reading tidies
    /// what is typed (trims, drops empty entries); a field nobody changed must not be tidied with it when another field of
    /// the item is edited, or a value nobody touched changes in the draft.
    /// </summary>
    public static TValue Kept<TValue>(string? text, TValue current, Func<TValue, string?> show, Func<string?, TValue> read) =>
        string.Equals(text ?? "", show(current) ?? "", StringComparison.Ordinal) ? current : read(text);

    /// <summary>An id, code or name: trimmed when typed.</summary>
    public static string Kept(string? text, string current) => Kept(text, current, value => value, typed => (typed ?? "").Trim());

    public static ValueList<string> KeptList(string? text, ValueList<string> current) => Kept(text, current, List, ParseList);

    public static ValueList<string> ParseList(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList();

    /// <summary>Postal-code prefixes as typed, full-width digits read as the digits they show.</summary>
    public static ValueList<string> ParsePostalCodePrefixes(string? text) => ParseList(HalfWidth(text));

    /// <summary>
    /// Postal-code prefixes must be letters and digits: a range (880-885) or prefixes parted by spaces was kept as one prefix
    /// that no postal code starts with, so the surcharge silently never applied.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> PostalCodePrefixesText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => NotAPrefix(text) is null)
            .WithMessage((_, text) => F("Postal-code prefixes: “{0}” is not a prefix. Use letters and digits, commas between prefixes, and list a range one by one (880, 881, 882).", NotAPrefix(text)!));

    private static string? NotAPrefix(string? text) =>
        ParsePostalCodePrefixes(text).FirstOrDefault(prefix => !prefix.All(char.IsAsciiLetterOrDigit));

    /// <summary>One value a line, for values that may themselves hold a comma (a title keyword such as "10,000 mAh").</summary>
    public static string Lines(IEnumerable<string> values) => string.Join("\n", values);

    public static ValueList<string> ParseLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToValueList();

    public static string Dates(IEnumerable<DateOnly> dates) => string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static bool TryDates(string? text, out ValueList<DateOnly> dates)
    {
        var parsed = new List<DateOnly>();
        foreach (var part in ParseList(text))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                dates = ValueList<DateOnly>.Empty;
                return false;
            }

            parsed.Add(date);
        }

        // As typed: sorting here rewrote every channel's holidays whenever any channel was edited (a change in the diff
        // and the hash nobody made). "Add holiday" puts a new date in its place itself.
        dates = parsed.ToValueList();
        return true;
    }

    /// <summary>An instant as the site's wall clock shows it (all four sites are UTC+8, but the zone decides).</summary>
    public static DateTime? ToLocal(DateTimeOffset? instant, SiteInfo site) =>
        instant is { } value ? DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(value.UtcDateTime, site.TimeZone), DateTimeKind.Unspecified) : null;

    /// <summary>The UTC instant of a wall-clock time at the site.</summary>
    public static DateTimeOffset? ToInstant(DateTime? local, SiteInfo site) =>
        local is { } value ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), site.TimeZone), TimeSpan.Zero) : null;

    public static string? WholeNumber(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A whole number (grams, days, a quantity) as typed; empty is none. A number box read "2.5" or "five kg" as empty,
    /// which for a weight limit is "no limit".
    /// </summary>
    public static bool TryWholeNumber(string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(HalfWidth(text), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    public static int? ParseOptionalWholeNumber(string? text) => TryWholeNumber(text, out var value) ? value : null;

    /// <summary>A required whole number (grams, days) as typed; the domain says which values it takes.</summary>
    public static int ParseWholeNumber(string? text) => ParseOptionalWholeNumber(text) ?? 0;

    public static IRuleBuilderOptions<T, string?> WholeNumberText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => TryWholeNumber(text, out var value) && value is not null);

    /// <summary>An optional weight: empty, or a whole number of grams above 0.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalGramsText<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(text => TryWholeNumber(text, out var grams) && grams is null or > 0)
            .WithMessage(_ => F("{0}: a whole number of grams above 0, or empty for none.", ConsoleTexts.T(label)));

    /// <summary>A window bound's text that did not read as a date and time (null when it did).</summary>
    public static IRuleBuilderOptions<T, string?> WindowText<T>(this IRuleBuilder<T, string?> rule, string label) =>
        rule.Must(text => text is null)
            .WithMessage((_, text) => F("{0}: “{1}” is not a date and time like 2027-01-31 18:00; empty means open.", ConsoleTexts.T(label), text));

    /// <summary>A money field must be a plain non-negative number with at most the currency's decimals.</summary>
    public static IRuleBuilderOptions<T, string?> MoneyText<T>(this IRuleBuilder<T, string?> rule, SiteInfo site, string label, bool required = true) =>
        rule.Must(text => !IsNegative(text))
            .WithMessage(_ => F("{0}: an amount cannot be negative.", ConsoleTexts.T(label)))
            .Must(text => (!required && string.IsNullOrWhiteSpace(text)) || TryMoney(text, out _) || IsNegative(text))
            .WithMessage(_ => F("{0}: enter an amount like {1}, without currency or thousands separators.", ConsoleTexts.T(label), Money(1299m, site)))
            .Must(text => !TryMoney(text, out var value) || Amounts.SignificantDecimals(value) <= site.MinorUnits)
            .WithMessage(_ => site.MinorUnits == 0
                ? F("{0}: {1} amounts are whole numbers.", ConsoleTexts.T(label), site.Currency)
                : F("{0}: {1} amounts have at most {2} decimals.", ConsoleTexts.T(label), site.Currency, site.MinorUnits));
}
