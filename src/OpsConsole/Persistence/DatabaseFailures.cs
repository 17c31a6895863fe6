using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Persistence;

/// <summary>Tells a database that failed (gone, locked past its timeout, a full disk) from the console's own mistakes.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// What a user is told when the database fails under an action. The failure comes before or at the commit, never
    /// after it, so it is true that nothing changed.
    /// </summary>
    public const string Message = "The database did not answer, so nothing was changed. What you entered is kept here: try again in a moment.";

    /// <summary>
    /// What a user is told when SQLite refuses to write (the database file, its <c>-wal</c> or <c>-shm</c>, or the data folder
    /// became read-only for the console's user while it ran). Unlike a database that did not answer, trying again does not help
    /// until someone changes that; SQLite's own words, "attempt to write a readonly database", said neither.
    /// </summary>
    public const string ReadOnlyMessage = "Not saved: the console may no longer write to its database (the database file or its folder has become read-only for it), so nothing was changed. What you entered is kept here. Trying again will not help until whoever runs the console makes the data folder and the files in it writable for it again.";

    /// <summary>
    /// What a user is told when the console's database file was renamed, deleted or replaced while it ran
    /// (<see cref="MovedDatabaseGuard"/>). Trying again does not help, and the console cannot mend it by itself: its
    /// connections hold the file it started on, so only a restart (once the right file is back) writes where the next start
    /// reads.
    /// </summary>
    public const string MovedMessage = "Not saved: the console's database file was moved, deleted or replaced while the console was running, so nothing was changed. What you entered is kept here. Saving will not work again until the console is restarted, which whoever runs it must do: keep a copy of your edits until then.";

    /// <summary>What a user is told of <paramref name="failure"/>, one that <see cref="Is"/> says came from the database.</summary>
    public static string MessageFor(Exception failure) =>
        IsMoved(failure) ? MovedMessage : IsReadOnly(failure) ? ReadOnlyMessage : Message;

    /// <summary>
    /// Whether a commit was refused because the database file was moved: by <see cref="MovedDatabaseGuard"/>'s commit hook
    /// (the console sets no other, so SQLITE_CONSTRAINT_COMMITHOOK is its refusal), or by SQLite itself
    /// (SQLITE_READONLY_DBMOVED, which it gives outside WAL mode).
    /// </summary>
    public static bool IsMoved(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is SqliteException sqlite)
            {
                return sqlite.SqliteExtendedErrorCode is SqliteConstraintCommitHook or SqliteReadOnlyDbMoved;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether SQLite refused to write because the database is read-only for this process (SQLITE_READONLY). A database file
    /// removed or replaced under the console (SQLITE_READONLY_DBMOVED) is not that: nothing about permissions would help.
    /// </summary>
    public static bool IsReadOnly(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is SqliteException sqlite)
            {
                return sqlite.SqliteErrorCode == SqliteReadOnly && sqlite.SqliteExtendedErrorCode != SqliteReadOnlyDbMoved;
            }
        }

        return false;
    }

    // https://www.sqlite.org/rescode.html
    private const int SqliteReadOnly = 8;
    private const int SqliteReadOnlyDbMoved = 1032;
    private const int SqliteConstraintCommitHook = 531;

    /// <summary>
    /// Whether <paramref name="failure"/> came from the database. A concurrency conflict is not one: the workflow
    /// handles it as someone else's edit.
    /// </summary>
    public static bool Is(Exception failure) =>
        failure is DbException || (failure is DbUpdateException and not DbUpdateConcurrencyException);

    /// <summary>
    /// An HTTP endpoint's answer when the database failed under it: 503 (try again later, not a fault of the request) as
    /// problem details saying <paramref name="detail"/>, never the exception or its stack.
    /// </summary>
    public static IResult Problem(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
}
