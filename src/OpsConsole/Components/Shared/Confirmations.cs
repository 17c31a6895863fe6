using Microsoft.JSInterop;
using Radzen;

namespace OpsConsole.Components.Shared;

/// <summary>
/// Questions and dialogs over the page, and where focus goes around them. Asks before an action that cannot be undone
/// (withdrawing, revoking a key, an emergency rollback, leaving unsaved edits). Radzen's confirmation focuses its first
/// button, the action itself, so one Enter too many (a key held, a double press on the button that opened it) did what
/// the question was meant to stop. Here focus starts on the choice that keeps things as they are, as the WAI-ARIA alert
/// dialog pattern advises for destructive actions.
/// </summary>
public sealed class Confirmations(DialogService dialogs, IJSRuntime js)
{
    private const string CssClass = "ops-confirm";

    /// <summary>True only when the user chose <paramref name="act"/>; closing or <paramref name="keep"/> is false.</summary>
    public async Task<bool> AskAsync(string message, string title, string act, string keep)
    {
        await InBrowserAsync("opsConsole.rememberFocus");
        var answer = dialogs.Confirm(message, title, new ConfirmOptions
        {
            OkButtonText = act,
            CancelButtonText = keep,
            AutoFocusFirstElement = false,
            CssClass = CssClass,
        });
        // Radzen renders the dialog after this call returns; the script waits (briefly) for its buttons. If the browser went
        // away, the dialog's answer is never coming either, and Radzen closes it with the circuit.
        await InBrowserAsync("opsConsole.focusWhenShown", $".{CssClass} .rz-dialog-confirm-buttons > :last-child");

        var confirmed = await answer == true;
        // Whatever the answer, focus goes back where it was when the question went (the caller moves it on from there
        // when the act takes the button away).
        await InBrowserAsync("opsConsole.returnFocusWhenGone", $".{CssClass}");
        return confirmed;
    }

    /// <summary>
    /// Opens a dialog of the console's own and gives focus back to what opened it once it has gone, however it closed.
    /// Radzen gives it back only when it saw what had focus as the dialog opened, and a dialog that focuses its own first
    /// field (as it is shown, so no key goes to the button behind it) can take focus before Radzen looks.
    /// </summary>
    public async Task<dynamic?> OpenAsync<TDialog>(string title, Dictionary<string, object?> parameters, DialogOptions options)
        where TDialog : Microsoft.AspNetCore.Components.ComponentBase
    {
        const string DialogClass = "ops-dialog";
        await InBrowserAsync("opsConsole.rememberFocus");
        options.CssClass = string.IsNullOrEmpty(options.CssClass) ? DialogClass : $"{options.CssClass} {DialogClass}";
        var result = await dialogs.OpenAsync<TDialog>(title, parameters, options);
        await InBrowserAsync("opsConsole.returnFocusWhenGone", $".{DialogClass}");
        return result;
    }

    private async Task InBrowserAsync(string identifier, params object?[] arguments)
    {
        try
        {
            await js.InvokeVoidAsync(identifier, arguments);
        }
        catch (Exception failure) when (failure is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Only where focus is goes astray (a script error, a browser gone, or one that did not answer within the
            // circuit's interop timeout); the question and its answer stand, and the act chosen must not wait on it.
        }
    }
}
