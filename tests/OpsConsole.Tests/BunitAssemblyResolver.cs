using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace OpsConsole.Tests;

/// <summary>
/// bunit 2.15.2 asks for AngleSharp.Diffing 1.0.0.0, which the feed does not serve; 0.17.0 has what
/// it uses. Goes away with bunit.targets (see there).
/// </summary>
internal static class BunitAssemblyResolver
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Assembly resolution must be in place before any bUnit type loads.")]
    internal static void Register() =>
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name != "AngleSharp.Diffing")
            {
                return null;
            }

            var path = Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
}
