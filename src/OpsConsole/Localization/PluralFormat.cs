using System.Globalization;

namespace OpsConsole.Localization;

/// <summary>
/// English singular and plural in a format string: <c>"{0} {0:error|errors}"</c> reads "1 error", "0 errors", "3 errors".
/// A format item whose format holds a <c>|</c> is a choice on its value, a whole number (an integer, or a decimal without a fraction): the word before the bar for
/// exactly 1, the word after it for every other count. Every other item formats in the given culture as usual.
/// </summary>
/// <remarks>
/// The choice is written in the key itself, so a text stays one English key with one translation: Chinese has no plural, and
/// its translation simply leaves the choice out ("{0} 個錯誤"). A message that is written in English and translated when shown
/// (<see cref="MessageTexts"/>) is written with <see cref="English"/> from the same key, and its template matches either word.
/// </remarks>
public sealed class PluralFormat : IFormatProvider, ICustomFormatter
{
    private static readonly PluralFormat Invariant = new(CultureInfo.InvariantCulture);
    private readonly CultureInfo culture;

    private PluralFormat(CultureInfo culture) => this.culture = culture;

    /// <summary>Formats with the choices, numbers and dates in <paramref name="culture"/>.</summary>
    public static IFormatProvider For(CultureInfo culture) =>
        ReferenceEquals(culture, CultureInfo.InvariantCulture) ? Invariant : new PluralFormat(culture);

    /// <summary>A text that is English wherever it goes (a verb's output, a refusal, a health report), its numbers culture-neutral.</summary>
    public static string English(string format, params object?[] args) => string.Format(Invariant, format, args);

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : culture.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        if (format is not null && format.Contains('|', StringComparison.Ordinal))
        {
            var words = format.Split('|');
            if (words.Length != 2)
            {
                throw new FormatException($"A plural choice is 'singular|plural'; '{format}' is not.");
            }

            return IsOne(arg) ? words[0] : words[1];
        }

        return arg switch
        {
            IFormattable formattable => formattable.ToString(format, culture),
            null => "",
            _ => arg.ToString() ?? "",
        };
    }

    private static bool IsOne(object? arg) => arg switch
    {
        int or long or short or sbyte or byte or ushort or uint or ulong => Convert.ToDecimal(arg, CultureInfo.InvariantCulture) == 1,
        // The configuration keeps counts such as a promotion tier's number of stores as decimals.
        decimal whole when whole == decimal.Truncate(whole) => whole == 1,
        _ => throw new FormatException($"A plural choice needs a whole number; it was given {arg?.GetType().Name ?? "null"}."),
    };
}
