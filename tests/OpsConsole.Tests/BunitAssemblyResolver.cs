using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Bunit;

namespace OpsConsole.Tests;

/// <summary>
/// bunit 2.15.2 asks for AngleSharp.Diffing 1.0.0.0, which the feed does not serve; 0.17.0 has what
/// it uses. Goes away with bunit.targets (see there).
/// </summary>
internal static class BunitAssemblyResolver
{
    /// <summary>
    /// How long a bUnit wait gives the page before failing. bUnit's default of one second is short for
    /// pages that read the app's SQLite database while xUnit runs the other test collections beside them
    /// on a busy two-core CI machine. A wait still ends as soon as its condition holds, so this only
    /// lengthens a run whose test fails anyway.
    /// </summary>
    internal static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Assembly resolution must be in place before any bUnit type loads.")]
    internal static void Register()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name != "AngleSharp.Diffing")
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
        SetWaitTimeout();
    }

    // Kept out of Register so that bUnit's types load only once the resolver above is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetWaitTimeout() => BunitContext.DefaultWaitTimeout = WaitTimeout;
}
