using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Editing;

/// <summary>
/// A value of a configuration enum as a dropdown offers it: its contract name in English; in Chinese, words followed by the
/// name, so that staff read the meaning and still see the name the JSON, the API and the CSV files use.
/// </summary>
public sealed record EnumChoice<TEnum>(TEnum Value, string Text)
    where TEnum : struct, Enum
{
    public static IReadOnlyList<EnumChoice<TEnum>> All() => [.. Enum.GetValues<TEnum>().Select(v => new EnumChoice<TEnum>(v, TextOf(v)))];

    public static string TextOf(TEnum value) => WordsAndName(value.ToString());
}
