using Microsoft.EntityFrameworkCore;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Releases;

/// <summary>A release without its configuration text, for lists.</summary>
public sealed record ReleaseSummary(string Site, int Version, string Title, string Hash, string AuthorName, string Approvers, string PublishedByName, DateTimeOffset PublishedAt, int? ChangeRequestId);

/// <summary>Reads releases for the console's pages.</summary>
public sealed class ReleaseHistory(IDbContextFactory<OpsConsoleDbContext> factory)
{
    public async Task<IReadOnlyList<ReleaseSummary>> ListAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Releases.AsNoTracking()
            .Where(r => r.Site == site)
            .OrderByDescending(r => r.Version)
            .Select(r => new ReleaseSummary(r.Site, r.Version, r.Title, r.Hash, r.AuthorName, r.Approvers, r.PublishedByName, r.PublishedAt, r.ChangeRequestId))
            .ToListAsync(cancellationToken);
    }

    public async Task<Release?> GetAsync(string site, int version, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Releases.AsNoTracking().SingleOrDefaultAsync(r => r.Site == site && r.Version == version, cancellationToken);
    }

    public async Task<Release?> CurrentAsync(string site, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Releases.AsNoTracking().Where(r => r.Site == site).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
    }
}
