namespace OpsConsole.Domain.Configuration;

/// <summary>A rule, free-shipping rule or promotion that takes part only inside its window.</summary>
public interface IHasValidity
{
    DateTimeOffset? ValidFrom { get; }

    DateTimeOffset? ValidTo { get; }
}

public static class Validity
{
    /// <summary><c>validFrom &lt;= at &lt; validTo</c>; a missing bound is open.</summary>
    public static bool IsActiveAt(this IHasValidity rule, DateTimeOffset at) =>
        (rule.ValidFrom is not { } from || from <= at) && (rule.ValidTo is not { } to || at < to);
}
