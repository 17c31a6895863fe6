using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>
/// The database file renamed, deleted or replaced while the console runs: SQLite went on writing into the file it had open
/// (in WAL mode it never refuses), so a save or a publish succeeded into a file the next start does not open, and was lost.
/// </summary>
public sealed class MovedDatabaseTests : WorkflowTestBase
{
    private string DatabasePath => Path.Combine(Factory.DataDirectory, StorageOptions.DatabaseFileName);

    [Fact]
    public async Task Save_AfterTheDatabaseFileWasRenamed_IsRefusedSayingSo_AndNothingLandsInTheRenamedFile()
    {
        var request = await CreateAsync();
        var before = await ReadAsync(DatabasePath, request.Id);
        var aside = Path.Combine(Factory.DataDirectory, "renamed.db");
        File.Move(DatabasePath, aside);

        var saved = await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, request.Title, Modify(request.ConfigJson, c => SetThreshold(c, 249m)));

        Refused(saved, WorkflowFailure.Unavailable);
        Assert.Equal(DatabaseFailures.MovedMessage, saved.Message);
        // Put back, the file reads with the WAL beside it that the console wrote through: a save let through is there.
        File.Move(aside, DatabasePath);
        Assert.Equal(before, await ReadAsync(DatabasePath, request.Id));
    }

    [Fact]
    public async Task Publish_AfterAnotherFileWasPutInTheDatabasesPlace_IsRefusedSayingSo_AndPublishesNothingAnywhere()
    {
        var request = await ApprovedAsync(c => SetThreshold(c, 249m));
        var before = await ReadAsync(DatabasePath, request.Id);
        var original = Path.Combine(Factory.DataDirectory, "original.db");
        File.Move(DatabasePath, original);
        var replacement = await AnotherDatabaseAsync();
        var replacementBytes = await File.ReadAllBytesAsync(replacement);
        File.Move(replacement, DatabasePath);

        var published = await Service.PublishAsync(Users.HkApprover, request.Id);

        Refused(published, WorkflowFailure.Unavailable);
        Assert.Equal(DatabaseFailures.MovedMessage, published.Message);
        // Read as bytes: opened with SQLite, the file would be read together with the console's WAL still at the path.
        Assert.Equal(replacementBytes, await File.ReadAllBytesAsync(DatabasePath));
        File.Move(original, DatabasePath, overwrite: true);
        Assert.Equal(before, await ReadAsync(DatabasePath, request.Id));
    }

    [Fact]
    public async Task Readyz_AfterAnotherFileWasPutInTheDatabasesPlace_ReportsNotReady_AndAFollowingSaveIsRefused()
    {
        var request = await CreateAsync();
        var client = Factory.CreateClient();
        File.Move(DatabasePath, Path.Combine(Factory.DataDirectory, "original.db"));
        File.Move(await AnotherDatabaseAsync(), DatabasePath);

        var ready = await client.GetAsync("/readyz");
        var saved = await Service.SaveAsync(Users.HkEditor, request.Id, request.Revision, "Renamed", request.ConfigJson);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("The database file was moved, deleted or replaced while the console runs", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DatabaseFailures.MovedMessage, saved.Message);
    }

    [Fact]
    public async Task AStatementOutsideATransaction_AfterTheDatabaseFileWasRenamed_IsRolledBack()
    {
        // As the flush of API keys' last use (ExecuteUpdate) and a sign-out's record are written: no transaction, so no commit
        // for EF to intercept; SQLite's commit hook still sees it.
        Exception? refused;
        using (Factory.RenameDatabase())
        {
            await using var db = Db();
            refused = await Record.ExceptionAsync(() => db.Sites.Where(s => s.Code == "HK").ExecuteUpdateAsync(s => s.SetProperty(x => x.ApprovalsForRestrictedGoods, 3)));
        }

        Assert.NotNull(refused);
        Assert.Equal(DatabaseFailures.MovedMessage, DatabaseFailures.MessageFor(refused));
        TestDatabases.CloseConsoleDatabase(Factory.DataDirectory);
        await using var restored = Db();
        Assert.Equal(2, (await restored.Sites.AsNoTracking().SingleAsync(s => s.Code == "HK")).ApprovalsForRestrictedGoods);
    }

    /// <summary>The change request, its audit trail and the releases, as a fresh connection to <paramref name="path"/> reads them.</summary>
    private static async Task<(long Revision, string Title, string State, string Config, long AuditEntries, long Releases)> ReadAsync(string path, int id)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT Revision, Title, State, ConfigJson, (SELECT count(*) FROM AuditEntries), (SELECT count(*) FROM Releases) FROM ChangeRequests WHERE Id = $id";
        read.Parameters.AddWithValue("$id", id);
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return (row.GetInt64(0), row.GetString(1), row.GetString(2), row.GetString(3), row.GetInt64(4), row.GetInt64(5));
    }

    /// <summary>A SQLite database that is not the console's, as an operator's wrong copy would be.</summary>
    private async Task<string> AnotherDatabaseAsync()
    {
        var path = Path.Combine(Factory.DataDirectory, "another.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE Other (Id INTEGER PRIMARY KEY)";
        await create.ExecuteNonQueryAsync();
        return path;
    }
}
