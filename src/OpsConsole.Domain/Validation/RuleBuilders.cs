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

    /// <summary>Texts per locale: one for each of the site's locales, and only the given placeholders.</summary>
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
            }
        });

    public static ValidationFailure Failure(string path, string code, string message, Severity severity = Severity.Error) =>
        new(path, message) { ErrorCode = code, Severity = severity };
}
