using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace OpsConsole.Persistence;

/// <summary>
/// Refuses every commit once the database file the console opened has been renamed, deleted or replaced while it runs.
/// SQLite keeps writing through the file it has open: in WAL mode it never answers SQLITE_READONLY_DBMOVED, so an approval
/// or a publish succeeded into a file that the next start does not open, and was lost without a word.
/// </summary>
/// <remarks>
/// The check sits in SQLite's commit hook, which every write passes through (a transaction's COMMIT, a statement outside
/// one, EF's <c>ExecuteUpdate</c> and <c>ExecuteDelete</c>), just before anything reaches the WAL; a refusal there turns the
/// commit into a rollback, so nothing is written anywhere. A transaction is asked once more just before its COMMIT (see
/// <see cref="RefuseIfMoved"/>), so that what the user is told is this and not a failed rollback. On Unix the question is one <c>stat</c> of the path compared
/// with the inode open, about a microsecond beside the commit's own fsync of the WAL (milliseconds). Once a move is seen,
/// every later commit is refused until a restart, also on connections opened since onto whatever file is at the path now:
/// the console's pooled connections and what it holds in memory came from the file it started on.
/// </remarks>
public sealed class MovedDatabaseGuard(ILogger<MovedDatabaseGuard> logger) : DbConnectionInterceptor, IDbTransactionInterceptor
{
    private volatile bool moved;

    /// <summary>Whether a commit found the database file moved, deleted or replaced since the console opened it.</summary>
    public bool HasSeenMove => moved;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Watch(connection);

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        RefuseIfMoved(transaction);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        RefuseIfMoved(transaction);
        return ValueTask.FromResult(result);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Watch(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the file <paramref name="connection"/> has open is no longer the one at its path (renamed, deleted or another
    /// put there); also notes it, as a refused commit does.
    /// </summary>
    public bool HasMoved(SqliteConnection connection) => connection.Handle is { } handle ? HasMoved(handle, connection.DataSource) : moved;

    /// <summary>
    /// Before a transaction's COMMIT, so that the transaction is still open and its disposal rolls it back: refused by the
    /// commit hook instead, SQLite has already rolled it back, and Microsoft.Data.Sqlite's ROLLBACK on disposal then fails
    /// ("no transaction is active") in place of the refusal. Thrown as SQLite itself says it outside WAL mode.
    /// </summary>
    private void RefuseIfMoved(DbTransaction transaction)
    {
        if (transaction.Connection is SqliteConnection connection && HasMoved(connection))
        {
            throw new SqliteException("SQLite Error 8: the database file was moved, deleted or replaced while the console runs (SQLITE_READONLY_DBMOVED); nothing was committed.", SqliteReadOnly, SqliteReadOnlyDbMoved);
        }
    }

    private void Watch(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
        {
            return;
        }

        // Set again on each open of a pooled connection: it replaces the hook set before, as cheap as a lookup would be.
        var path = sqlite.DataSource;
        raw.sqlite3_commit_hook(handle, _ => HasMoved(handle, path) ? 1 : 0, null);
    }

    // Once a move is seen the answer stays yes, without asking SQLite again.
    private bool HasMoved(sqlite3 handle, string path)
    {
        if (!moved && FileHasMoved(handle))
        {
            Seen(path);
        }

        return moved;
    }

    private void Seen(string path)
    {
        if (moved)
        {
            return;
        }

        moved = true;
        logger.LogCritical("The database file {Path} that this console opened has been renamed, deleted or replaced while it runs. Every change is refused and rolled back from now on, so that nothing is saved into a file the next start would not open. Put the console's database back at {Path} (or restore a backup there), then restart the console", path, path);
    }

    /// <summary>
    /// SQLite's own answer (SQLITE_FCNTL_HAS_MOVED), which SQLitePCLRaw does not expose: called on the native library it
    /// loaded, with the connection's handle. A VFS without the answer (SQLITE_NOTFOUND) is taken to mean not moved: on
    /// Windows an open database file cannot be renamed or deleted.
    /// </summary>
    private static bool FileHasMoved(sqlite3 handle)
    {
        var answer = 0;
        return sqlite3_file_control(handle.DangerousGetHandle(), Main, SqliteFcntlHasMoved, ref answer) == SqliteOk && answer != 0;
    }

    private static readonly byte[] Main = "main\0"u8.ToArray();

    // https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html
    private const int SqliteFcntlHasMoved = 20;
    private const int SqliteOk = 0;

    // https://www.sqlite.org/rescode.html
    private const int SqliteReadOnly = 8;
    private const int SqliteReadOnlyDbMoved = 1032;

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sqlite3_file_control(IntPtr db, byte[] name, int op, ref int answer);
}
