using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Persistence;

/// <summary>Tells a database that failed (gone, locked past its timeout, a full disk) from the console's own mistakes.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// Whether <paramref name="failure"/> came from the database. A concurrency conflict is not one: the workflow
    /// handles it as someone else's edit.
    /// </summary>
    public static bool Is(Exception failure) =>
        failure is DbException || (failure is DbUpdateException and not DbUpdateConcurrencyException);
}
