using Microsoft.EntityFrameworkCore;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Audit;

/// <summary>
/// Verifies the audit chain for the audit log page: on the thread pool, never on the page's circuit, which a long chain
/// (about a second per 100,000 entries) would otherwise hold, freezing the page and every other event of that session.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<OpsConsoleDbContext> factory)
{
    public int BatchSize { get; init; } = AuditLog.VerificationBatchSize;

    /// <summary>
    /// See <see cref="AuditLog.VerifyAsync(OpsConsoleDbContext, IProgress{AuditVerificationProgress}?, CancellationToken, int)"/>.
    /// <paramref name="progress"/> is called on a pool thread.
    /// </summary>
    public Task<AuditVerification> VerifyAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                return await AuditLog.VerifyAsync(db, progress, cancellationToken, BatchSize);
            },
            cancellationToken);
}
