using Microsoft.Data.Sqlite;

namespace OpsConsole.Persistence;

/// <summary>
/// What the file at the database's path is, looked at before SQLite opens it. SQLite takes an empty file for an empty
/// database: the console's start and the verbs that migrate turned a file left by a failed copy or a <c>touch</c> into a
/// fresh, empty console database, and an operator who had pointed the console at the wrong file got an empty console.
/// </summary>
public static class DatabaseFile
{
    // Every SQLite database file begins with these 16 bytes (https://www.sqlite.org/fileformat.html#the_database_header).
    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

    /// <summary>
    /// Why the file at <paramref name="path"/> must not be opened as the console's database (empty, or not SQLite), or null
    /// when there is no file there or SQLite may open it (SQLite then says what else may be wrong).
    /// </summary>
    public static string? Refusal(string path)
    {
        var start = new byte[Header.Length];
        int read;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // No file (one is created), or one this user cannot read: SQLite's own error names that.
            return null;
        }

        const string WhatToDo = "Nothing was changed. Put the console's database (or a backup of it) there, or name the folder that holds it with Storage__DataDirectory";
        if (read == 0)
        {
            return $"the database '{path}' is an empty file (0 bytes), not a console database, as a failed copy or a `touch` leaves. {WhatToDo}; to start a new console there instead, remove the file.";
        }

        return start.AsSpan(0, read).SequenceEqual(Header)
            ? null
            : $"the database '{path}' is not a SQLite database (it does not begin as one does), so not a console database. {WhatToDo}.";
    }

    /// <summary>
    /// Why the database at <paramref name="path"/>, in WAL mode (as the console leaves it), must not be opened here, or null. SQLite
    /// creates <c>-shm</c> and <c>-wal</c> files beside such a database even to read it. In a folder this user may not write (a
    /// mounted snapshot, the service account's data folder) it cannot, and its own words for that ("unable to open database
    /// file", "attempt to write a readonly database") send the operator to the database file instead. In a folder this user may
    /// write, beside a database file they may not, it does, and leaves both behind owned by this user: the console's own user
    /// could then no longer write through them.
    /// </summary>
    public static string? WalRefusal(string path, DatabaseOpener opener)
    {
        // With the -shm there already (the console runs), SQLite does not need to create it; nor without WAL.
        if (!IsWal(path) || File.Exists(path + "-shm"))
        {
            return null;
        }

        var folder = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        if (!CanWrite(path) && CanCreateFileIn(folder))
        {
            var whatToDo = opener switch
            {
                DatabaseOpener.ReadingVerb => $"Copy {name} to a folder this user can write and name that folder with Storage__DataDirectory, or run this as the user the console runs as.",
                DatabaseOpener.WritingVerb => "Run this as the user the console runs as.",
                _ => $"Start the console as the user that owns {name}, or make {name} writable for this user.",
            };
            return $"the database '{path}' is in WAL mode and this user cannot write it: SQLite would create {name}-shm and {name}-wal beside it, owned by this user, and leave them there, where the console's own user could no longer write through them. Nothing was written. {whatToDo}";
        }

        try
        {
            // Opened as the verbs open it, without creating anything: where the folder can be written, this is what the verb's
            // own first read does a moment later (SQLite removes both files again when its last connection closes).
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            connection.Open();
            using var read = connection.CreateCommand();
            read.CommandText = "PRAGMA schema_version";
            read.ExecuteScalar();
            return null;
        }
        catch (SqliteException failure) when (failure.SqliteErrorCode is SqliteCantOpen || failure.SqliteExtendedErrorCode is SqliteReadOnlyDirectory)
        {
            var whatToDo = opener switch
            {
                DatabaseOpener.ReadingVerb => $"Copy {name} to a folder this user can write and name that folder with Storage__DataDirectory, or make {folder} writable for this user.",
                DatabaseOpener.WritingVerb => $"Make {folder} writable for this user, or run this as the user the console runs as.",
                _ => $"Make {folder} writable for the user the console runs as, or start the console as the user that owns {folder}.",
            };
            return $"the database '{path}' is in WAL mode, which SQLite cannot read without creating {name}-shm and {name}-wal beside it, and it could not create them in {folder}. Nothing was written. {whatToDo}";
        }
    }

    /// <summary>Whether this user may write the file; opening it for writing changes nothing in it.</summary>
    private static bool CanWrite(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            // A read-only file system, say: nothing can be created beside the file either, which the open below tells.
            return true;
        }
    }

    /// <summary>Whether this user may create files in the folder (a file of its own, removed as it is closed, tells).</summary>
    private static bool CanCreateFileIn(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".opsconsole-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception failure) when (failure is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    // https://www.sqlite.org/rescode.html
    private const int SqliteCantOpen = 14;
    private const int SqliteReadOnlyDirectory = 1544;

    /// <summary>Whether the file's header says WAL (bytes 18 and 19, the write and read versions, are 2).</summary>
    private static bool IsWal(string path)
    {
        var start = new byte[20];
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start[18] == 2 && start[19] == 2;
        }
        catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}

/// <summary>Who opens the database: what an operator refused is told to do depends on it.</summary>
public enum DatabaseOpener
{
    /// <summary>The console at start (it writes).</summary>
    Console,

    /// <summary>A verb that only reads, and so may work on a copy (<c>backup</c>, <c>audit verify</c>).</summary>
    ReadingVerb,

    /// <summary>A verb that writes (or migrates), and so must work where the console does.</summary>
    WritingVerb,
}
