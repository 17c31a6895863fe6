using Microsoft.AspNetCore.Components;

namespace OpsConsole.Components.Shared;

/// <summary>
/// The console's own DOM events, for Razor's <c>@on…</c> attributes. (Razor looks for them on public classes named
/// exactly <c>EventHandlers</c>.)
/// </summary>
[EventHandler("onopstyped", typeof(EventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
