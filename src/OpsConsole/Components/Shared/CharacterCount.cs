using OpsConsole.Localization;

namespace OpsConsole.Components.Shared;

/// <summary>
/// What a box shows of its length: a box with a maximum stops taking characters there without a word, so near it the
/// count shows ("3,700 of 4,000 characters"); before that, nothing.
/// </summary>
public static class CharacterCount
{
    public static string? NearLimit(string? text, int limit) =>
        (text?.Length ?? 0) is var length && length >= limit * 9 / 10 ? ConsoleTexts.F("{0:N0} of {1:N0} characters", length, limit) : null;
}
