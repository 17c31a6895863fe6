using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Api;

/// <summary>
/// A consumer's key to the v1 API, scoped to sites. The key itself is shown once when created and
/// never stored: only its SHA-256 (to recognise it) and a short prefix (to tell keys apart on screen).
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// <see cref="ApiKeyStore.ActiveNameOf"/> of <see cref="Name"/> while the key is in force, null once it is revoked: a
    /// unique index over it keeps two keys in force from sharing a name even when two creates race.
    /// </summary>
    public string? ActiveName { get; set; }

    /// <summary>The first characters of the key (<c>ops_AbCd1234</c>): not enough to use it, enough to recognise it.</summary>
    public required string Prefix { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the key's UTF-8 bytes.</summary>
    public required string KeyHash { get; set; }

    /// <summary>Site codes, comma-separated in catalog order (<c>HK,TW</c>).</summary>
    public required string Sites { get; set; }

    public required string CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Recorded from memory at most about once a minute per key, not on every request.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedByName { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.KeyHash).HasMaxLength(71);
        key.Property(k => k.Sites).HasMaxLength(32);
        key.Property(k => k.CreatedById).HasMaxLength(200);
        key.Property(k => k.CreatedByName).HasMaxLength(200);
        key.Property(k => k.RevokedByName).HasMaxLength(200);
        // Requests find their key by hash; two keys with one hash would make a key ambiguous.
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.Property(k => k.ActiveName).HasMaxLength(100);
        // Nulls (revoked keys) do not collide in a unique index, so revoked keys may share a name with each other and
        // with one key in force.
        key.HasIndex(k => k.ActiveName).IsUnique();
    }
}
