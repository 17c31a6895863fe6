using System.Globalization;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>The console's language for the length of a using block, as the culture cookie would set it for a user.</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

    private UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    public static UiCulture Use(string name) => new(name);

    public void Dispose() => CultureInfo.CurrentUICulture = previous;
}
