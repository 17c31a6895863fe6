using Bunit;
using OpsConsole.Components.Shared;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>The result of an action: shown, and given focus once per result.</summary>
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
        Assert.Single(JSInterop.Invocations["opsConsole.focusIfLost"]);
        Assert.Contains("rz-success", outcome.Find("[data-testid=outcome]").ClassList);

        outcome.Render(p => p.Add(o => o.Message, new OutcomeMessage("Saved.", isError: false)));
        Assert.Equal(2, JSInterop.Invocations["opsConsole.focusIfLost"].Count);

        outcome.Render(p => p.Add(o => o.Message, new OutcomeMessage("Not saved: someone else saved it first.", isError: true)));
        Assert.Equal(3, JSInterop.Invocations["opsConsole.focusIfLost"].Count);
        Assert.Contains("rz-danger", outcome.Find("[data-testid=outcome]").ClassList);
    }
}
