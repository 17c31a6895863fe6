using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Validation;

/// <summary>The checks several sections share, phrased for the staff member who has to fix them.</summary>
internal static class RuleBuilders
{
    public static string Show(decimal value) => Amounts.Trim(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The most any amount of a configuration may be, in the site's currency. Far above any real fee, threshold or budget, and
    /// far enough below decimal's limit that a fee of a million weight steps cannot overflow: a release with such an amount
    /// would fail every quote.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public static IRuleBuilderOptions<T, decimal> Money<T>(this IRuleBuilder<T, decimal> rule, SiteInfo? site, string label) =>
        rule.Must(value => value >= 0)
            .WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage((_, value) => $"{label} {Show(value)} must not be negative.")
            .Must(value => value <= MaxAmount)
            .WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage((_, value) => $"{label} {Show(value)} is more than {MaxAmount.ToString("#,##0", CultureInfo.InvariantCulture)}; is it a typo?")
            .Must(value => site is null || Amounts.SignificantDecimals(value) <= site.MinorUnits)
            .WithErrorCode(IssueCodes.TooManyDecimals)
            .WithMessage((_, value) => $"{label} {Show(value)} has more decimals than {site!.Currency} allows ({site.MinorUnits}).");

    public static IRuleBuilderOptions<T, string> Identifier<T>(this IRuleBuilder<T, string> rule, string label) =>
        rule.Must(value => !string.IsNullOrWhiteSpace(value))
            .WithErrorCode(IssueCodes.Required)
            .WithMessage($"{label} is required.");

    /// <summary>
    /// A text of the configuration that must be one line: no line break, tab or other control character. Buyers' pages
    /// show these texts on one line, and the section editors edit them in one-line boxes, which drop a line break
    /// as soon as the text is edited. An <paramref name="exact"/> value (an id, a category, a keyword: what rules and
    /// consumers compare character by character) must also hold nothing invisible: no space at either end, no zero-width
    /// or other format character, no space other than the plain one, or it no longer matches a value that looks the same.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string> Text<T>(this IRuleBuilder<T, string> rule, string label, bool exact = false) =>
        rule.Custom((value, context) =>
        {
            // A blank id or name is reported as required, once.
            if (!string.IsNullOrWhiteSpace(value) && TextFailure(context.PropertyPath, label, value, exact) is { } failure)
            {
                context.AddFailure(failure);
            }
        });

    /// <summary>The one finding about a text (see <see cref="Text{T}"/>), or null when it has none.</summary>
    public static ValidationFailure? TextFailure(string path, string label, string? value, bool exact)
    {
        if (value is null || IsCleanText(value, exact))
        {
            return null;
        }

        if (NotOneLine(value) is { } what)
        {
            return Failure(path, IssueCodes.NotOneLine, $"{label} holds {what}; texts are one line.");
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return Failure(path, IssueCodes.InvisibleCharacter, $"{label} '{value}' starts or ends with a space, which nobody sees but which keeps it from matching; remove it.");
        }

        var invisible = value.First(IsInvisible);
        return Failure(path, IssueCodes.InvisibleCharacter,
            $"{label} '{value}' holds an invisible character (U+{(int)invisible:X4}), which keeps it from matching; remove it.");
    }

    /// <summary>
    /// Whether <see cref="TextFailure"/> has nothing to say, without making anything: a site's lists hold tens of
    /// thousands of values, and a caller names a value's place (a formatted path) only when there is a finding.
    /// </summary>
    public static bool IsCleanText(string value, bool exact)
    {
        if (NotOneLine(value) is not null)
        {
            return false;
        }

        if (!exact || value.Length == 0)
        {
            return true;
        }

        return !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) && !value.Any(IsInvisible);
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.Format || (c != ' ' && char.IsWhiteSpace(c));

    /// <summary>What keeps the text from being one line, in words, or null when nothing does.</summary>
    private static string? NotOneLine(string text)
    {
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                return "a line break";
            }

            if (c == '\t')
            {
                return "a tab";
            }

            if (char.IsControl(c))
            {
                return $"a control character (U+{(int)c:X4})";
            }
        }

        return null;
    }

    /// <summary>Each value of a list is a <see cref="Text{T}"/>; findings are named by the value's index.</summary>
    public static IRuleBuilderOptionsConditions<T, ValueList<string>> Texts<T>(this IRuleBuilder<T, ValueList<string>> rule, string label, bool exact = true) =>
        rule.Custom((values, context) =>
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (!IsCleanText(values[i], exact) && TextFailure($"{context.PropertyPath}[{i}]", label, values[i], exact) is { } failure)
                {
                    context.AddFailure(failure);
                }
            }
        });

    /// <summary>Texts per locale that are one line each, whatever the site shows (see <see cref="Text{T}"/>).</summary>
    public static IRuleBuilderOptionsConditions<T, LocalizedText> OneLine<T>(this IRuleBuilder<T, LocalizedText> rule, string label) =>
        rule.Custom((texts, context) =>
        {
            foreach (var (locale, text) in texts)
            {
                if (NotOneLine(text) is { } what)
                {
                    context.AddFailure(Failure($"{context.PropertyPath}.{locale}", IssueCodes.NotOneLine, $"{label} ({locale}) holds {what}; texts are one line."));
                }
            }
        });

    /// <summary>Texts per locale: one for each of the site's locales, one line each, and only the given placeholders.</summary>
    public static IRuleBuilderOptionsConditions<T, LocalizedText> Localized<T>(
        this IRuleBuilder<T, LocalizedText> rule, SiteInfo? site, string label, IReadOnlyList<string>? placeholders = null) =>
        rule.Custom((texts, context) =>
        {
            if (site is null)
            {
                return;
            }

            foreach (var locale in site.Locales)
            {
                if (!texts.TryGetValue(locale, out var text) || string.IsNullOrWhiteSpace(text))
                {
                    context.AddFailure(Failure($"{context.PropertyPath}.{locale}", IssueCodes.MissingLocale,
                        $"{label} has no text for {locale}; {site.Name} shows {string.Join(", ", site.Locales)}."));
                }
            }

            foreach (var (locale, text) in texts)
            {
                if (!site.HasLocale(locale))
                {
                    context.AddFailure(Failure($"{context.PropertyPath}.{locale}", IssueCodes.UnknownLocale,
                        $"{label} has a text for {locale}, which {site.Name} does not show; it will never be used.", Severity.Warning));
                }

                if (NotOneLine(text) is { } what)
                {
                    context.AddFailure(Failure($"{context.PropertyPath}.{locale}", IssueCodes.NotOneLine, $"{label} ({locale}) holds {what}; texts are one line."));
                }

                if (placeholders is null)
                {
                    continue;
                }

                foreach (var placeholder in Template.PlaceholdersIn(text))
                {
                    if (!placeholders.Contains(placeholder, StringComparer.Ordinal))
                    {
                        context.AddFailure(Failure($"{context.PropertyPath}.{locale}", IssueCodes.UnknownPlaceholder,
                            $"{label} ({locale}) uses {{{placeholder}}}, which is not one of {string.Join(" ", placeholders.Select(p => "{" + p + "}"))}."));
                    }
                }
            }
        });

    // A window holds validFrom <= at < validTo, so one that ends when it starts holds no instant. It is refused like an
    // inverted one but told apart: "ends before it starts" sends the user looking for two swapped dates that are not there.
    public static void Window<T>(this AbstractValidator<T> validator)
        where T : IHasValidity =>
        validator.RuleFor(rule => rule.ValidTo)
            .Must((rule, to) => rule.ValidFrom is not { } from || to is not { } end || from <= end)
            .WithErrorCode(IssueCodes.InvertedWindow)
            .WithMessage(rule => $"The window ends ({ConfigurationJson.FormatInstant(rule.ValidTo!.Value)}) before it starts ({ConfigurationJson.FormatInstant(rule.ValidFrom!.Value)}).")
            .Must((rule, to) => rule.ValidFrom is not { } from || to is not { } end || from != end)
            .WithErrorCode(IssueCodes.EmptyWindow)
            .WithMessage(rule => $"The window ends when it starts ({ConfigurationJson.FormatInstant(rule.ValidFrom!.Value)}): it is empty; it must end after it starts.");

    public static IRuleBuilderOptionsConditions<T, ValueList<string>> CategoryPaths<T>(this IRuleBuilder<T, ValueList<string>> rule, string label) =>
        rule.Custom((paths, context) =>
        {
            for (var i = 0; i < paths.Count; i++)
            {
                var path = paths[i];
                if (string.IsNullOrWhiteSpace(path) || path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal))
                {
                    context.AddFailure(Failure($"{context.PropertyPath}[{i}]", IssueCodes.InvalidCategory,
                        $"{label} '{path}' is not a category path like health/medicine."));
                }
                else if (!IsCleanText(path, exact: true) && TextFailure($"{context.PropertyPath}[{i}]", $"The {label.ToLowerInvariant()}", path, exact: true) is { } failure)
                {
                    context.AddFailure(failure);
                }
            }
        });

    public static ValidationFailure Failure(string path, string code, string message, Severity severity = Severity.Error) =>
        new(path, message) { ErrorCode = code, Severity = severity };
}
