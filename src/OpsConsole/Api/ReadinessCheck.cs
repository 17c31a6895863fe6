using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsConsole.Localization;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>
/// <c>/readyz</c>: Healthy when the database answers. When it does not but the consumer API holds
/// releases in memory, Degraded (still 200, so load balancers keep sending consumers) with a body that
/// says reads and watches are served from memory; Unhealthy (503) when there is nothing to serve, or when the database file
/// was moved, deleted or replaced under the console (every change is refused until a restart).
/// </summary>
public sealed class ReadinessCheck(IDbContextFactory<OpsConsoleDbContext> factory, ReleaseCache releases, MovedDatabaseGuard moves) : IHealthCheck
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool reachable;
        var moved = moves.HasSeenMove;
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            // A probe that waits out SQLite's 30-second busy timeout behind another process's exclusive lock answers
            // after every load balancer has given up on it; a database that busy is not ready to take work anyway.
            db.Database.SetCommandTimeout(ProbeTimeout);
            // A read as well as CanConnectAsync: for SQLite that only asks whether the file exists, so a file that is no
            // longer a database (a bad restore, a disk fault) was reported Healthy while every page and publish failed.
            // Asked only when the file is there: opening a missing one would create an empty database in its place.
            reachable = await db.Database.CanConnectAsync(cancellationToken);
            if (reachable)
            {
                // The probe's own connection, most likely a pooled one opened before any move, tells one before a save does;
                // asked before the read, which fails on a connection opened since onto another file.
                await db.Database.OpenConnectionAsync(cancellationToken);
                moved = moves.HasMoved((SqliteConnection)db.Database.GetDbConnection());
                await db.Releases.AsNoTracking().AnyAsync(cancellationToken);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            reachable = false;
        }

        if (moved)
        {
            // Not Degraded, as for a database that does not answer: that passes as ready (200) and nobody is called, while
            // this lasts until someone restarts the console. The log names the file.
            return HealthCheckResult.Unhealthy("The database file was moved, deleted or replaced while the console runs: every change is refused. Put the database back where the console reads it, then restart the console.");
        }

        if (reachable)
        {
            return HealthCheckResult.Healthy("The database is reachable.");
        }

        var sites = releases.SitesWithReleases;
        return sites > 0
            ? HealthCheckResult.Degraded(PluralFormat.English(
                "The database is unavailable. The consumer API serves reads and watches of {0} {0:site|sites} from memory; publishing, key changes and the console need the database.", sites))
            : HealthCheckResult.Unhealthy("The database is unavailable and no releases are in memory.");
    }

    /// <summary>"Healthy" alone when all is well (as before); otherwise the status and what is wrong, one line each.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var text = new StringBuilder(report.Status.ToString());
        if (report.Status != HealthStatus.Healthy)
        {
            foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
            {
                text.Append('\n').Append(name).Append(": ").Append(entry.Status).Append(". ").Append(entry.Description);
            }
        }

        return context.Response.WriteAsync(text.ToString());
    }
}
