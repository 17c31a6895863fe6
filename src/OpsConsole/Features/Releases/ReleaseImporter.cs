using OpsConsole.Domain.Configuration;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using Microsoft.EntityFrameworkCore;

namespace OpsConsole.Features.Releases;

/// <summary>Bootstraps a site that has no release yet with a validated configuration as v1.</summary>
public sealed class ReleaseImporter(IDbContextFactory<OpsConsoleDbContext> factory, ReleasePublisher publisher, WorkflowEvents events)
{
    /// <summary>The new v1, or null when the site already has a release (nothing is written then).</summary>
    public async Task<Release?> ImportAsync(SiteConfiguration config, Actor actor, string source, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // SQLite transactions from EF begin IMMEDIATE: the check and the insert cannot interleave with another writer.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ReleasePublisher.CurrentVersionAsync(db, config.Site, cancellationToken) > 0)
        {
            return null;
        }

        var release = await publisher.AddAsync(db, config, $"Imported from {Path.GetFileName(source)}", null, actor, [], actor,
            AuditActions.Import, new { source = Path.GetFileName(source), hash = ConfigurationJson.Sha256(config) }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Raise(new ReleasePublished(release));
        return release;
    }
}
