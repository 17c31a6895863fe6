using Microsoft.EntityFrameworkCore;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// The app's database for a component, whose next context can be held back until the test lets it go: what happens while
/// a read is on its way is then decided by the test's order of steps, not by timing.
/// </summary>
public sealed class HeldDatabase(IDbContextFactory<OpsConsoleDbContext> database) : IDbContextFactory<OpsConsoleDbContext>
{
    private Hold? next;

    /// <summary>Holds the next context asked for until <see cref="Hold.Release"/>.</summary>
    public Hold HoldNextRead() => next = new Hold();

    public OpsConsoleDbContext CreateDbContext() => database.CreateDbContext();

    public async Task<OpsConsoleDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref next, null) is { } hold)
        {
            hold.Reached.TrySetResult();
            await hold.Released.Task.WaitAsync(cancellationToken);
        }

        return await database.CreateDbContextAsync(cancellationToken);
    }

    public sealed class Hold
    {
        /// <summary>Done once the held context is asked for.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
