using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Configuration;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Releases;

/// <summary>
/// Creates release v(n+1) of a site and its audit entry inside the caller's transaction. The
/// (Site, Version) key refuses a duplicate version even if two writers got this far at once.
/// </summary>
public sealed class ReleasePublisher(AuditLog audit, TimeProvider clock)
{
    public async Task<Release> AddAsync(
        OpsConsoleDbContext db,
        SiteConfiguration config,
        string title,
        int? changeRequestId,
        Actor author,
        IReadOnlyList<string> approvers,
        Actor publishedBy,
        string auditAction,
        object auditDetails,
        CancellationToken cancellationToken)
    {
        var current = await CurrentVersionAsync(db, config.Site, cancellationToken);
        // In whole milliseconds, as the database keeps it: the release in hand serves consumers the same bytes as
        // the release read back after a restart.
        var now = clock.GetUtcNow();
        var release = new Release
        {
            Site = config.Site,
            Version = current + 1,
            ConfigJson = ConfigurationJson.Serialize(config),
            Hash = ConfigurationJson.Sha256(config),
            Title = title,
            ChangeRequestId = changeRequestId,
            AuthorId = author.Id,
            AuthorName = author.Name,
            Approvers = string.Join(", ", approvers),
            PublishedById = publishedBy.Id,
            PublishedByName = publishedBy.Name,
            PublishedAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
        };
        db.Releases.Add(release);
        await audit.AppendAsync(db, publishedBy, auditAction, config.Site, $"v{release.Version}", auditDetails, cancellationToken);
        return release;
    }

    public static async Task<int> CurrentVersionAsync(OpsConsoleDbContext db, string site, CancellationToken cancellationToken) =>
        await db.Releases.Where(r => r.Site == site).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0;
}
