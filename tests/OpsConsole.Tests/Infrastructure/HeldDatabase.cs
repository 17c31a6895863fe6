using Bunit;
using Microsoft.AspNetCore.Components;
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

    /// <summary>
    /// Holds <paramref name="page"/>'s next read, makes <paramref name="change"/> (which the page reads in, held), then
    /// <paramref name="meanwhile"/> (what happens on the page while that read is on its way), lets the read go and waits
    /// for the render it ends in (the live refresh's), whatever it changed.
    /// </summary>
    public async Task ReadInLateAsync<TComponent>(IRenderedComponent<TComponent> page, Func<Task> change, Func<Task> meanwhile)
        where TComponent : IComponent
    {
        var reading = HoldNextRead();
        await change();
        await reading.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await meanwhile();
        var rendered = page.RenderCount;
        reading.Release();
        page.WaitForState(() => page.RenderCount > rendered);
    }

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
