using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Localization;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Audit;

/// <summary>Who did something: a signed-in member of staff, or an operator at the command line.</summary>
public sealed record Actor(string Id, string Name)
{
    public static Actor From(System.Security.Claims.ClaimsPrincipal user) => new(Auth.SiteAccess.UserId(user), Auth.SiteAccess.DisplayName(user));

    public static Actor CommandLine => new("cli:" + Environment.UserName, "Command line (" + Environment.UserName + ")");
}

/// <summary>The outcome of checking the chain: intact, or the first entry that does not fit and why.</summary>
public sealed record AuditVerification(long EntriesChecked, long? BrokenAt, string? Problem)
{
    public bool IsIntact => BrokenAt is null;

    public override string ToString() => IsIntact
        ? PluralFormat.English("Audit chain intact: {0} {0:entry|entries} verified.", EntriesChecked)
        : $"Audit chain broken at entry {BrokenAt}: {Problem}";
}

/// <summary>How far a verification of the chain has got: <see cref="Checked"/> of the <see cref="Total"/> entries there were when it started.</summary>
public readonly record struct AuditVerificationProgress(long Checked, long Total);

/// <summary>
/// Appends hash-chained entries. Each entry's hash covers its own fields and its predecessor's hash,
/// so changing, removing or reordering any stored entry is found by <see cref="VerifyAsync(OpsConsoleDbContext, CancellationToken)"/>.
/// Callers append inside the transaction of the change they record: both are stored, or neither.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    public const string GenesisHash = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

    public async Task<AuditEntry> AppendAsync(OpsConsoleDbContext db, Actor actor, string action, string? site, string? subject, object? details, CancellationToken cancellationToken)
    {
        // Entries added earlier in this unit of work come after the stored ones.
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderBy(e => e.Sequence).LastOrDefault();
        var last = pending ?? await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previousHash = last?.Hash ?? GenesisHash;
        // Stored instants keep whole milliseconds (see OpsConsoleDbContext); hash exactly what is stored.
        var now = clock.GetUtcNow();
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var detailsJson = details is null ? "{}" : details as string ?? JsonSerializer.Serialize(details, JsonOptions);
        var entry = new AuditEntry
        {
            Sequence = sequence,
            At = at,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            Site = site,
            Subject = subject,
            Details = detailsJson,
            PreviousHash = previousHash,
            Hash = ComputeHash(sequence, at, actor.Id, actor.Name, action, site, subject, detailsJson, previousHash),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Appends one entry in a transaction of its own (sign-ins, key operations).</summary>
    public async Task AppendAloneAsync(IDbContextFactory<OpsConsoleDbContext> factory, Actor actor, string action, string? site, string? subject, object? details, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AppendAsync(db, actor, action, site, subject, details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>How many entries <see cref="VerifyAsync(OpsConsoleDbContext, IProgress{AuditVerificationProgress}?, CancellationToken, int)"/> reads at a time.</summary>
    public const int VerificationBatchSize = 5_000;

    /// <summary>Walks the whole chain in order and reports the first entry whose links or hash do not hold.</summary>
    public static Task<AuditVerification> VerifyAsync(OpsConsoleDbContext db, CancellationToken cancellationToken) =>
        VerifyAsync(db, null, cancellationToken);

    /// <summary>
    /// Walks the chain as it stands when the check starts, in order, a batch of entries at a time, and reports the first
    /// entry whose links or hash do not hold. After counting, and after each batch, it reports how many entries it has
    /// checked; cancelling throws <see cref="OperationCanceledException"/> between batches.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(OpsConsoleDbContext db, IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken, int batchSize = VerificationBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // Entries appended while a long check runs belong to the next check: without this bound the total would move.
        var last = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var total = await db.AuditEntries.LongCountAsync(e => e.Sequence <= last, cancellationToken);
        progress?.Report(new(0, total));

        var expectedPrevious = GenesisHash;
        long expectedSequence = 1;
        long count = 0;
        // Each batch is a short read of its own: one query over a million entries would hold its snapshot (and SQLite's
        // write-ahead log) for the whole check.
        var after = long.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > after && e.Sequence <= last)
                .OrderBy(e => e.Sequence)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return new(count, null, null);
            }

            foreach (var entry in batch)
            {
                if (entry.Sequence != expectedSequence)
                {
                    return new(count, entry.Sequence, $"expected entry {expectedSequence} next, found {entry.Sequence}: an entry is missing");
                }

                if (entry.PreviousHash != expectedPrevious)
                {
                    return new(count, entry.Sequence, "it does not link to the entry before it");
                }

                var hash = ComputeHash(entry.Sequence, entry.At, entry.ActorId, entry.ActorName, entry.Action, entry.Site, entry.Subject, entry.Details, entry.PreviousHash);
                if (hash != entry.Hash)
                {
                    return new(count, entry.Sequence, $"its content does not match its hash ({entry.Action} by {entry.ActorName} at {entry.At:u})");
                }

                expectedPrevious = entry.Hash;
                expectedSequence++;
                count++;
            }

            after = batch[^1].Sequence;
            progress?.Report(new(count, total));
        }
    }

    internal static string ComputeHash(long sequence, DateTimeOffset at, string actorId, string actorName, string action, string? site, string? subject, string details, string previousHash)
    {
        // A JSON array is an unambiguous encoding: no field can bleed into the next.
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            sequence, at.UtcTicks, actorId, actorName, action, site, subject, details, previousHash,
        });
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>The audit actions, as stored.</summary>
public static class AuditActions
{
    public const string SignIn = "SignIn";
    public const string Create = "ChangeRequestCreated";
    public const string Edit = "ChangeRequestEdited";
    public const string Submit = "ChangeRequestSubmitted";
    public const string Approve = "ChangeRequestApproved";
    public const string Reject = "ChangeRequestRejected";
    public const string Withdraw = "ChangeRequestWithdrawn";
    public const string Rebase = "ChangeRequestRebased";
    public const string Publish = "ReleasePublished";
    public const string Rollback = "RollbackRequested";
    public const string EmergencyRollback = "EmergencyRollback";
    public const string Import = "ReleaseImported";
    public const string ApiKeyCreated = "ApiKeyCreated";
    public const string ApiKeyRevoked = "ApiKeyRevoked";
    public const string SiteSettingsChanged = "SiteSettingsChanged";

    /// <summary>A change request moved between review and approved because its site's approvals setting changed.</summary>
    public const string ApprovalsRequirementApplied = "ApprovalsRequirementApplied";

    public static IReadOnlyList<string> All { get; } =
        [.. typeof(AuditActions).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    /// <summary>An action as staff read it (see <see cref="ConsoleTexts.WordsAndName"/>).</summary>
    public static string TextOf(string action) => ConsoleTexts.WordsAndName(action);
}
