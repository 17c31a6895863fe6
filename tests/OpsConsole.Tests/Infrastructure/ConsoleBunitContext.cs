using Bunit;
using OpsConsole.Localization;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// bUnit over the console's real services and a real SQLite database (migrated and seeded with the demo releases):
/// each test class registers the services its component injects, from <see cref="App"/> or its own.
/// </summary>
public abstract class ConsoleBunitContext : BunitContext
{
    protected ConsoleBunitContext()
    {
        _ = App.Server; // migrations and demo seed
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    protected OpsConsoleFactory App { get; } = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            App.Dispose();
        }
    }
}
