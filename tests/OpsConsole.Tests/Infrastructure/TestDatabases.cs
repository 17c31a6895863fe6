using OpsConsole.Persistence;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>Lets go of the test's own database files, and of no one else's: test classes run in parallel.</summary>
internal static class TestDatabases
{
    /// <summary>Closes the pooled connections to the console database in <paramref name="dataDirectory"/>, as the console resolves it.</summary>
    public static void CloseConsoleDatabase(string dataDirectory) =>
        PersistenceSetup.ClosePooledConnections(new StorageOptions { DataDirectory = dataDirectory }.ResolveDatabasePath(AppContext.BaseDirectory));

    /// <summary>Closes the pooled connections to every database file in <paramref name="directory"/>.</summary>
    public static void CloseAll(string directory)
    {
        foreach (var database in Directory.GetFiles(directory, "*.db"))
        {
            PersistenceSetup.ClosePooledConnections(database);
        }
    }
}
