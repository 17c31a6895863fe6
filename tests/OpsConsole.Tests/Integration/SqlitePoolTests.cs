using Microsoft.Data.Sqlite;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// Test classes run in parallel, each on its own database file. Clearing every pool in the process once disposed the
/// handle of a connection another test had just opened (CI, stop 29: ObjectDisposedException 'SQLitePCL.sqlite3' in
/// ApiKeyTests), so a database is only ever let go of by its own file.
/// </summary>
public sealed class SqlitePoolTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opsconsole-pool-").FullName;

    [Fact]
    public void ClosingOneDatabasesConnections_LeavesAnotherDatabasesPooledConnectionOpen()
    {
        var mine = Path.Combine(directory, "mine.db");
        var theirs = Path.Combine(directory, "theirs.db");
        // A temporary table lives as long as the connection under it, so it tells whether the pool kept that one.
        Execute(mine, "CREATE TEMP TABLE marker(x)");
        Execute(theirs, "CREATE TEMP TABLE marker(x)");

        PersistenceSetup.ClosePooledConnections(mine);

        Assert.False(HasMarker(mine));
        Assert.True(HasMarker(theirs));
    }

    [Fact]
    public void NoCode_ClearsEverySqlitePool()
    {
        var callers = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SourceTree.RepositoryFolder, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => File.ReadLines(file).Any(line => line.Contains(Call, StringComparison.Ordinal) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Select(file => Path.GetRelativePath(SourceTree.RepositoryFolder, file))
            .ToList();

        Assert.Empty(callers);
    }

    private const string Call = "." + nameof(SqliteConnection.ClearAllPools) + "(";

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(PersistenceSetup.ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool HasMarker(string path)
    {
        using var connection = new SqliteConnection(PersistenceSetup.ConnectionString(path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_temp_master WHERE name = 'marker'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public void Dispose()
    {
        TestDatabases.CloseAll(directory);
        Directory.Delete(directory, recursive: true);
    }
}
