using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;

namespace OpsConsole.Api;

/// <summary>A key just created: <see cref="Secret"/> exists only here, to be shown once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>What a problem with a new key is about, so a form can show it at that field.</summary>
public enum ApiKeyField
{
    Name,
    Sites,
}

/// <summary>One thing wrong with a new key, in the words a form or the command line shows; <see cref="Field"/> is null for the key as a whole.</summary>
public sealed record ApiKeyProblem(ApiKeyField? Field, string Text)
{
    public override string ToString() => Text;
}

/// <summary>The key created, or why none was.</summary>
public sealed record ApiKeyCreation(CreatedApiKey? Created, IReadOnlyList<ApiKeyProblem> Problems)
{
    public bool Succeeded => Created is not null;
}

/// <summary>
/// Creates, revokes and lists consumer API keys in the database, each change audited in the same
/// transaction. Used by the administration page and by <c>apikey create</c>; in the server it also
/// tells the <see cref="ApiKeyRegistry"/>, so a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyStore(IDbContextFactory<OpsConsoleDbContext> factory, AuditLog audit, TimeProvider clock, ApiKeyRegistry? registry = null)
{
    public const string SecretPrefix = "ops_";
    public const int NameMaxLength = 100;

    /// <summary>32 random bytes, base64url, behind a recognisable prefix (so secret scanners and people can tell what it is).</summary>
    public static string NewSecret() => SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Reads "HK,TW" (any case, spaces allowed) into catalog codes in catalog order; null with a problem when a code is unknown.</summary>
    public static (IReadOnlyList<string> Sites, string? Problem) ParseSites(string? text)
    {
        var requested = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = requested.Where(code => !SiteCatalog.TryGet(code, out _)).ToList();
        if (unknown.Count > 0)
        {
            return ([], $"Unknown site {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}.");
        }

        var sites = SiteCatalog.All.Where(s => requested.Any(r => string.Equals(r, s.Code, StringComparison.OrdinalIgnoreCase))).Select(s => s.Code).ToList();
        return sites.Count == 0 ? ([], "Name at least one site.") : (sites, null);
    }

    /// <summary>
    /// What is wrong with a new key's name and sites that can be told without the database, in the words a form or the
    /// command line shows; empty when nothing. <see cref="CreateAsync"/> also refuses a name a key in force has.
    /// </summary>
    public static IReadOnlyList<ApiKeyProblem> Problems(string? name, IReadOnlyCollection<string> sites)
    {
        var problems = new List<ApiKeyProblem>();
        if (!VisibleText.Any(name))
        {
            problems.Add(new(ApiKeyField.Name, "Give the key a name that says who uses it."));
        }
        else if (name.Trim().Length > NameMaxLength)
        {
            problems.Add(new(ApiKeyField.Name, $"The name is longer than {NameMaxLength} characters."));
        }

        if (sites.Count == 0)
        {
            problems.Add(new(ApiKeyField.Sites, "Name at least one site."));
        }
        else if (sites.Any(s => !SiteCatalog.TryGet(s, out _)))
        {
            problems.Add(new(ApiKeyField.Sites, $"Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}."));
        }

        return problems;
    }

    /// <summary>
    /// The form of a name two keys in force may not share: trimmed, without regard to case or to characters nobody sees
    /// (a zero-width space). Two keys with one name left an administrator (and a screen reader, which reads the name)
    /// unable to tell which one a Revoke button revokes.
    /// </summary>
    public static string ActiveNameOf(string name) => VisibleText.Only(name).Trim().ToUpperInvariant();

    public static ApiKeyProblem NameTaken(string holder) =>
        new(ApiKeyField.Name, $"A key in force is already named '{holder}': give this one a name that tells them apart, or revoke that one first.");

    /// <summary>Creates a key, or refuses it with the problems <see cref="Problems"/> finds or a name a key in force already has.</summary>
    public async Task<ApiKeyCreation> CreateAsync(string? name, IReadOnlyCollection<string> sites, Actor actor, CancellationToken cancellationToken)
    {
        var problems = Problems(name, sites);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        var secret = NewSecret();
        var key = new ApiKey
        {
            Name = name!.Trim(),
            ActiveName = ActiveNameOf(name),
            Prefix = secret[..12],
            KeyHash = Hash(secret),
            Sites = string.Join(",", SiteCatalog.All.Select(s => s.Code).Where(code => sites.Contains(code, StringComparer.OrdinalIgnoreCase))),
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            CreatedAt = clock.GetUtcNow(),
        };

        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await NameInForceAsync(db, key.Name, cancellationToken) is { } holder)
            {
                return new(null, [NameTaken(holder)]);
            }

            db.Set<ApiKey>().Add(key);
            // The audit entry never holds the key or its hash: the prefix is enough to tell keys apart.
            await audit.AppendAsync(db, actor, AuditActions.ApiKeyCreated, null, key.Name, new { key.Prefix, sites = key.Sites }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another create with this name may have committed between the check and this one's write, and the unique
            // index over the names of keys in force refused this one (on SQLite the write lock taken at BEGIN already
            // orders them; the index holds for any other way in).
            if (await NameInForceAsync(key.Name, cancellationToken) is not { } holder)
            {
                throw;
            }

            return new(null, [NameTaken(holder)]);
        }

        registry?.Add(key);
        return new(new CreatedApiKey(key, secret), []);
    }

    /// <summary>The name of the key in force that <paramref name="name"/> would repeat, as that key has it; null when none.</summary>
    private async Task<string?> NameInForceAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await NameInForceAsync(db, name, cancellationToken);
    }

    private static async Task<string?> NameInForceAsync(OpsConsoleDbContext db, string name, CancellationToken cancellationToken)
    {
        // Compared here rather than on ActiveName: keys from before that column were filled by SQLite's upper(), which
        // leaves letters outside ASCII as they are. Keys in force are few.
        var names = await db.Set<ApiKey>().AsNoTracking().Where(k => k.RevokedAt == null).Select(k => k.Name).ToListAsync(cancellationToken);
        return names.FirstOrDefault(n => string.Equals(ActiveNameOf(n), ActiveNameOf(name), StringComparison.Ordinal));
    }

    /// <summary>Revokes a key; false when there is no such key or it was already revoked (nothing is written then).</summary>
    public async Task<bool> RevokeAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        ApiKey? key;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
            if (key is null || key.RevokedAt is not null)
            {
                return false;
            }

            key.RevokedAt = clock.GetUtcNow();
            key.ActiveName = null;
            key.RevokedByName = actor.Name;
            // Use since the last flush is in memory only, and the flush writes keys still in force: kept here, or the
            // use of the very key an administrator revokes because it leaked would read "never".
            if (registry?.LastUsed(key.KeyHash) is { } used && (key.LastUsedAt is null || used > key.LastUsedAt))
            {
                key.LastUsedAt = used;
            }
            await audit.AppendAsync(db, actor, AuditActions.ApiKeyRevoked, null, key.Name, new { key.Prefix, sites = key.Sites }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        registry?.Remove(key.KeyHash);
        return true;
    }

    /// <summary>Every key, newest first, with last use as recorded (the registry flushes it about once a minute).</summary>
    public async Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var keys = await db.Set<ApiKey>().AsNoTracking().ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            // Show use not flushed yet, so the page is not a minute behind.
            if (registry?.LastUsed(key.KeyHash) is { } inMemory && (key.LastUsedAt is null || inMemory > key.LastUsedAt))
            {
                key.LastUsedAt = inMemory;
            }
        }

        return [.. keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)];
    }
}
