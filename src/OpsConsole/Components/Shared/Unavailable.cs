namespace OpsConsole.Components.Shared;

/// <summary>
/// Marks a button as having nothing to do yet without taking it out of the Tab order: <c>aria-disabled</c> and Radzen's
/// disabled look, not the <c>disabled</c> attribute. For buttons that typing, ticking or choosing makes available (Save,
/// Approve, Reject, Rebase, New change request, the emergency rollback): the input reaches the server a round trip after the keystroke, and a button disabled until
/// then is one a quick Tab passes by, the more often the farther the user is from the server. Events reach the server
/// in order, so by the time the button's click does, the input has too; its handler checks the same condition and
/// does nothing while it holds.
/// </summary>
public static class Unavailable
{
    private static readonly IReadOnlyDictionary<string, object> Marked = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["aria-disabled"] = "true",
        ["class"] = "rz-state-disabled",
    };

    // Both keys, always: a component keeps the value of a parameter left out of its next render, so dropping them would
    // leave the button marked.
    private static readonly IReadOnlyDictionary<string, object> None = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["aria-disabled"] = "false",
        ["class"] = "",
    };

    /// <summary>The attributes to splat on the button: marked while <paramref name="unavailable"/>, none otherwise.</summary>
    public static IReadOnlyDictionary<string, object> When(bool unavailable) => unavailable ? Marked : None;
}
