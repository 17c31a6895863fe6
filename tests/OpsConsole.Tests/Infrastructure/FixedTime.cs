namespace OpsConsole.Tests.Infrastructure;

/// <summary>A clock that always says <paramref name="now"/>.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
