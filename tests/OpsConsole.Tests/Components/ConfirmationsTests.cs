using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Components.Shared;
using OpsConsole.Localization;
using Radzen;
using Radzen.Blazor;

namespace OpsConsole.Tests.Components;

/// <summary>The question asked before what cannot be undone: only the act itself says yes, and focus starts on the other choice.</summary>
public sealed class ConfirmationsTests : BunitContext
{
    public ConfirmationsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public async Task OnlyTheActSaysYes_ClosingTheDialogKeepsThingsAsTheyAre(bool? closedWith, bool expected)
    {
        var dialogs = Render<RadzenDialog>();
        var confirmations = Services.GetRequiredService<Confirmations>();

        var answer = confirmations.AskAsync("Revoke the key?", "Revoke API key", act: "Revoke", keep: "Keep it");
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        Services.GetRequiredService<DialogService>().Close(closedWith);

        Assert.Equal(expected, await answer);
        var focus = Assert.Single(JSInterop.Invocations["opsConsole.focusWhenShown"]);
        Assert.Equal(".ops-confirm .rz-dialog-confirm-buttons > :last-child", focus.Arguments[0]);
    }

    /// <summary>
    /// Focus goes back after the question whatever the browser does with it: a browser that never says it is done (a
    /// hidden tab, past the circuit's interop timeout) or fails in the script leaves the answer as it was given.
    /// </summary>
    [Theory]
    [InlineData("timeout")]
    [InlineData("script error")]
    public async Task TheAnswerStands_WhenGivingFocusBackFails(string failure)
    {
        var returned = JSInterop.SetupVoid("opsConsole.returnFocusWhenGone", _ => true);
        var dialogs = Render<RadzenDialog>();
        var confirmations = Services.GetRequiredService<Confirmations>();

        var answer = confirmations.AskAsync("Revoke the key?", "Revoke API key", act: "Revoke", keep: "Keep it");
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        Services.GetRequiredService<DialogService>().Close(true);
        if (failure == "timeout")
        {
            returned.SetCanceled();
        }
        else
        {
            returned.SetException(new Microsoft.JSInterop.JSException("focus() failed"));
        }

        Assert.True(await answer);
        Assert.Equal(".ops-confirm", Assert.Single(JSInterop.Invocations["opsConsole.returnFocusWhenGone"]).Arguments[0]);
    }

    /// <summary>
    /// A dialog of the console's own (creating an API key) focuses its first field as it is shown; Radzen then did not
    /// know what had opened it and left focus nowhere as it closed. Focus is remembered before the dialog opens and given
    /// back once it has gone, and the dialog's result comes back as it was.
    /// </summary>
    [Fact]
    public async Task ADialogOpened_GivesFocusBackOnceGone_AndItsResult()
    {
        var dialogs = Render<RadzenDialog>();
        var confirmations = Services.GetRequiredService<Confirmations>();

        var result = confirmations.OpenAsync<ADialog>("Create API key", [], new DialogOptions { CssClass = "wide" });
        dialogs.WaitForAssertion(() => Assert.Contains("the dialog's own text", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(JSInterop.Invocations["opsConsole.rememberFocus"]);
        Assert.Empty(JSInterop.Invocations["opsConsole.returnFocusWhenGone"]);
        Assert.Contains("wide ops-dialog", dialogs.Markup, StringComparison.Ordinal);
        Services.GetRequiredService<DialogService>().Close("created");

        Assert.Equal("created", (string?)await result);
        Assert.Equal(".ops-dialog", Assert.Single(JSInterop.Invocations["opsConsole.returnFocusWhenGone"]).Arguments[0]);
    }

    private sealed class ADialog : Microsoft.AspNetCore.Components.ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) => builder.AddContent(0, "the dialog's own text");
    }
}
