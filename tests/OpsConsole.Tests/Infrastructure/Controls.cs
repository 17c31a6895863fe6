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
}
