using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Infrastructure;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>An operator who rolls the binary back over a database a newer version migrated.</summary>
public sealed class DatabaseVersionTests
{
    [Fact]
    public async Task Prepare_ADatabaseMigratedByANewerVersion_RefusesNamingTheMigration()
    {
        using var factory = new OpsConsoleFactory { Settings = { ["DemoData:Enabled"] = "false" } };
        await factory.Services.PrepareDatabaseAsync();
        var path = Path.Combine(factory.DataDirectory, StorageOptions.DatabaseFileName);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory VALUES ('20991231000000_FromANewerVersion', '9.0.0')";
            await insert.ExecuteNonQueryAsync();
        }

        var refusal = await Assert.ThrowsAsync<StartupException>(() => factory.Services.PrepareDatabaseAsync());

        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("20991231000000_FromANewerVersion", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("newer version of OpsConsole", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
    }
}
