using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using OpsConsole.Infrastructure;

namespace OpsConsole.Persistence;

public static class PersistenceSetup
{
    public static IServiceCollection AddOpsConsolePersistence(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<MovedDatabaseGuard>();
        services.AddDbContextFactory<OpsConsoleDbContext>((provider, options) =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            UseDatabase(options, storage.ResolveDatabasePath(environment.ContentRootPath));
            options.AddInterceptors(provider.GetRequiredService<MovedDatabaseGuard>());
        });
        return services;
    }

    private static void UseDatabase(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(ConnectionString(databasePath))
            // Migrations are hand-written without a model snapshot, so EF cannot compare them with the
            // model; SchemaEquivalenceTests does that comparison instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    public static string ConnectionString(string databasePath) =>
        new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();

    /// <summary>
    /// Closes the idle pooled connections to one database file, so that it can be copied, replaced or deleted.
    /// </summary>
    /// <remarks>
    /// Never <see cref="SqliteConnection.ClearAllPools"/>: it reaches the pool of every file in the process, and a clear
    /// takes a connection another thread is just taking from its pool for a leaked one and disposes its handle (that
    /// thread then fails with "Cannot access a disposed object. Object name: 'SQLitePCL.sqlite3'").
    /// </remarks>
    public static void ClosePooledConnections(string databasePath) => ClosePooledConnectionsOf(ConnectionString(databasePath));

    /// <summary>As <see cref="ClosePooledConnections"/>, for the database that <paramref name="connectionString"/> opens.</summary>
    public static void ClosePooledConnectionsOf(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Creates the data folder and applies the migrations. Any failure becomes one StartupException that
    /// names the database file and the cause, so an operator knows what to fix.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var path = storage.ResolveDatabasePath(environment.ContentRootPath);
        // Before SQLite opens it: its own words for a WAL database in a folder the console cannot write point at the file.
        if ((DatabaseFile.Refusal(path) ?? DatabaseFile.WalRefusal(path, DatabaseOpener.Console)) is { } refusal)
        {
            throw new StartupException(refusal);
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // A context of its own, without the app's loggers: a database that cannot be opened or written made EF log the
            // failed command, SQL and all, before the one line below that says what is wrong and where.
            var options = new DbContextOptionsBuilder<OpsConsoleDbContext>();
            UseDatabase(options, path);
            await using var db = new OpsConsoleDbContext(options.Options);
            // EF applies what it knows and says nothing of migrations it does not: a binary rolled back over a database a
            // newer version migrated served a schema it was not written for.
            var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(db.Database.GetMigrations()).ToList();
            if (unknown.Count > 0)
            {
                throw new StartupException($"the database '{path}' was migrated by a newer version of OpsConsole (migration {string.Join(", ", unknown)} is unknown to this one). Run that version, or restore a backup taken before the upgrade.");
            }

            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets readers (the consumer API, other consoles) proceed while a publish writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException and not StartupException)
        {
            throw new StartupException($"the database '{path}' cannot be opened or migrated: {Innermost(failure).Message}", failure);
        }

        foreach (var seeder in services.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    private static Exception Innermost(Exception failure)
    {
        while (failure.InnerException is not null)
        {
            failure = failure.InnerException;
        }

        return failure;
    }
}

/// <summary>Work done at each start once the database is migrated (the Development demo data, the sign-outs in force).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
