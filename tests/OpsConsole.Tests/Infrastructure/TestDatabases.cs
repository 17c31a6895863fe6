using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>Lets go of the test's own database files, and of no one else's: test classes run in parallel.</summary>
internal static class TestDatabases
{
    /// <summary>Closes the pooled connections to the console database in <paramref name="dataDirectory"/>, as the console resolves it.</summary>
    public static void CloseConsoleDatabase(string dataDirectory) =>
        PersistenceSetup.ClosePooledConnections(new StorageOptions { DataDirectory = dataDirectory }.ResolveDatabasePath(AppContext.BaseDirectory));

    /// <summary>
    /// Contexts over the console database in <paramref name="dataDirectory"/> whose commands and transactions pass through
    /// <paramref name="interceptors"/>: for a test that watches, holds or fails what the console does with its database.
    /// </summary>
    public static IDbContextFactory<OpsConsoleDbContext> ConsoleDatabaseThrough(string dataDirectory, params IInterceptor[] interceptors) =>
        new Contexts(new DbContextOptionsBuilder<OpsConsoleDbContext>()
            .UseSqlite(PersistenceSetup.ConnectionString(Path.Combine(dataDirectory, StorageOptions.DatabaseFileName)))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .AddInterceptors(interceptors)
            .Options);

    /// <summary>Closes the pooled connections to every database file in <paramref name="directory"/>.</summary>
    public static void CloseAll(string directory)
    {
        foreach (var database in Directory.GetFiles(directory, "*.db"))
        {
            PersistenceSetup.ClosePooledConnections(database);
        }
    }

    private sealed class Contexts(DbContextOptions<OpsConsoleDbContext> options) : IDbContextFactory<OpsConsoleDbContext>
    {
        public OpsConsoleDbContext CreateDbContext() => new(options);
    }
}
