namespace OpsConsole.Components.Shared;

/// <summary>
/// Which of a page's loads may show what it read: the one begun last, which read after the others did. A page loads when
/// it is opened or pointed elsewhere (another site from the menu, a pair of releases in the address) and when something
/// changes elsewhere (<see cref="LiveUpdates"/>); two can be on their way at once, and the one that ended last showed what
/// it read: the last site's list under this site's heading, or an older read over a newer one.
/// </summary>
/// <remarks>A page's code runs on its circuit's synchronization context, one piece at a time: a plain count is enough.</remarks>
public sealed class LatestLoad
{
    private int begun;

    /// <summary>Begins a load; its number is passed to <see cref="IsLatest"/> once it has read, before it shows anything.</summary>
    public int Begin() => ++begun;

    /// <summary>Whether no load has begun since <paramref name="load"/>: only then does it show what it read.</summary>
    public bool IsLatest(int load) => load == begun;
}
