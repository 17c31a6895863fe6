using OpsConsole.Domain.Configuration;

namespace OpsConsole.Features.ChangeRequests;

public enum WorkflowFailure
{
    NotFound,
    Forbidden,
    /// <summary>The action is not allowed from the change request's current state.</summary>
    InvalidState,
    /// <summary>Someone else changed it since this user loaded it.</summary>
    Conflict,
    /// <summary>The input or the proposal has errors.</summary>
    Invalid,
    /// <summary>Its base is no longer the current release: rebase first.</summary>
    Outdated,
    /// <summary>The database failed under the action; nothing was changed.</summary>
    Unavailable,
}

/// <summary>An action's outcome: the value, or why it was refused in words the user can act on.</summary>
public sealed record WorkflowResult<T>(T? Value, WorkflowFailure? Failure, string? Message, IReadOnlyList<ParseError> Errors)
{
    public bool Succeeded => Failure is null;

    public static WorkflowResult<T> Ok(T value) => new(value, null, null, []);

    public static WorkflowResult<T> Fail(WorkflowFailure failure, string message, IReadOnlyList<ParseError>? errors = null) =>
        new(default, failure, message, errors ?? []);
}
