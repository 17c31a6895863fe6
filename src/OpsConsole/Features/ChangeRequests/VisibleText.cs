using System.Globalization;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// Whether a title, comment or reason has something a reader sees. Zero-width and other format characters are not
/// whitespace to <see cref="string.IsNullOrWhiteSpace"/>, so a title of them alone made an invisible link and a rejection
/// "reason" nobody could read. The service refuses such text; the pages use the same test to keep their buttons marked
/// unavailable, so that the button and the refusal agree.
/// </summary>
public static class VisibleText
{
    public static bool Any([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) =>
        text is not null && text.Any(c => !char.IsWhiteSpace(c) && !IsInvisible(c));

    /// <summary><paramref name="text"/> without its format and control characters, for comparing names as they read.</summary>
    public static string Only(string text) => string.Concat(text.Where(c => !IsInvisible(c)));

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Control;
}
