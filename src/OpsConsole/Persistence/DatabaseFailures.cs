using System.Data.Common;
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
