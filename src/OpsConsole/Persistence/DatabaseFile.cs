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
}
