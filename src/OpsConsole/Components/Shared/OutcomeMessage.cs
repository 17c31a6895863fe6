namespace OpsConsole.Components.Shared;

/// <summary>
/// The words of an action's result, and whether they tell of a refusal. A class, not a record: two results with the same
/// words are still two results, each announced and each given focus.
/// </summary>
public sealed class OutcomeMessage(string text, bool isError)
{
    public string Text { get; } = text;

    public bool IsError { get; } = isError;
}
