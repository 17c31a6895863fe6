// Render batches are the framework's own types, read by the tests of what a circuit sends.
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components.RenderTree;

namespace OpsConsole.Tests.Infrastructure;

internal static class ArrayRangeExtensions
{
    /// <summary>The items of a render batch's range (its array is larger, and reused).</summary>
    public static IEnumerable<T> AsEnumerable<T>(this ArrayRange<T> range) => range.Array.Take(range.Count);
}
