using Bunit;
using OpsConsole.Components.Shared;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The result of an action: shown, and given focus (or, a refusal, scrolled into sight) once per result.</summary>
public sealed class OutcomeTests : BunitContext
{
    public OutcomeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void EachResultAsksForFocusOnce_EvenWithTheSameWordsAsTheLast()
    {
        var outcome = Render<Outcome>();
        Assert.Empty(outcome.FindAll("[data-testid=outcome]"));

        outcome.Render(p => p.Add(o => o.Message, new OutcomeMessage("Saved.", isError: false)));
        outcome.Render();
        Assert.Single(JSInterop.Invocations["opsConsole.showOutcome"]);
        Assert.Contains("rz-success", outcome.Find("[data-testid=outcome]").ClassList);

        outcome.Render(p => p.Add(o => o.Message, new OutcomeMessage("Saved.", isError: false)));
        Assert.Equal(2, JSInterop.Invocations["opsConsole.showOutcome"].Count);

        outcome.Render(p => p.Add(o => o.Message, new OutcomeMessage("Not saved: someone else saved it first.", isError: true)));
        // Only a refusal asks to be scrolled into sight: the words next to a saved proposal's button ("Unsaved changes.")
        // already go when it saves.
        Assert.Equal([false, false, true], JSInterop.Invocations["opsConsole.showOutcome"].Select(i => (bool)i.Arguments[1]!));
        Assert.Contains("rz-danger", outcome.Find("[data-testid=outcome]").ClassList);
    }
}
