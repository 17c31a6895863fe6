using AngleSharp.Dom;
using Bunit;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>Controls found in rendered markup as a person (or a screen reader) finds them: by their words.</summary>
public static class Controls
{
    /// <summary>The native checkbox inside the label (Components/Shared/CheckBox, CheckBoxGroup) that reads <paramref name="label"/>.</summary>
    public static IElement CheckBox<T>(this IRenderedComponent<T> rendered, string label)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        rendered.FindAll("label.ops-check").Single(l => l.TextContent.Trim() == label).QuerySelector("input")!;

    /// <summary>The one button whose words end with <paramref name="words"/> (a Radzen button's text follows its icon's name).</summary>
    public static IElement Button<T>(this IRenderedComponent<T> rendered, string words)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        rendered.FindAll("button").Single(b => b.TextContent.Trim().EndsWith(words, StringComparison.Ordinal));

    /// <summary>Whether a button has nothing to do: disabled, or marked so (aria-disabled) while it stays in the Tab order.</summary>
    public static bool IsUnavailable(this IElement button) =>
        button.HasAttribute("disabled") || button.GetAttribute("aria-disabled") == "true";
}
