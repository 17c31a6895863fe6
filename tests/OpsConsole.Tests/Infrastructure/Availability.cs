using AngleSharp.Dom;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>How a test tells that a button has nothing to do: disabled, or marked so while staying in the Tab order.</summary>
internal static class Availability
{
    public static bool IsUnavailable(this IElement button) =>
        button.HasAttribute("disabled") || button.GetAttribute("aria-disabled") == "true";
}
