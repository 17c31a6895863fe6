using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>
/// Migrations are written by hand (the EF design package is not on the feed). This test builds one
/// database through them and one from the model and demands the same schema, so a model change
/// without its migration fails here rather than in production.
/// </summary>
public sealed class SchemaEquivalenceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("opsconsole-schema-").FullName;

    [Fact]
    public async Task Migrations_ProduceTheSameSchemaAsTheModel()
    {
        var migrated = Path.Combine(directory, "migrated.db");
        var created = Path.Combine(directory, "created.db");
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = Context(created))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = Describe(created);
        var actual = Describe(migrated);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrations_SeedTheFourSites()
    {
        var path = Path.Combine(directory, "sites.db");
        await using var db = Context(path);
        await db.Database.MigrateAsync();

        Assert.Equal(["HK", "MY", "SG", "TW"], await db.Sites.Select(s => s.Code).OrderBy(c => c).ToListAsync());
    }

    private static OpsConsoleDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<OpsConsoleDbContext>()
            .UseSqlite(PersistenceSetup.ConnectionString(path))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    /// <summary>
    /// Tables, columns (type, nullability, default, key position), indexes and foreign keys, as sorted lines.
    /// Triggers exist only in migrations (the model cannot express them); ImmutabilityTests covers them.
    /// </summary>
    private static List<string> Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var lines = new List<string>();
        foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')").Select(r => r[0]))
        {
            lines.Add($"table {table}");
            lines.AddRange(Query(connection, $"PRAGMA table_info('{table}')").Select(c => $"column {table}.{c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}"));
            foreach (var index in Query(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info('{index[1]}')").Select(c => c[2]));
                lines.Add($"index {table}.{index[1]} unique={index[2]} origin={index[3]} partial={index[4]} ({columns})");
            }

            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list('{table}')").Select(f => $"fk {table}.{f[3]} -> {f[2]}.{f[4]} delete={f[6]}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }

    public void Dispose()
    {
        TestDatabases.CloseAll(directory);
        Directory.Delete(directory, recursive: true);
    }
}
