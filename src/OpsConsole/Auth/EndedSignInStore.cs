using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Persistence;

namespace OpsConsole.Auth;

/// <summary>A sign-in ended by signing out, kept until it would have run out: its id's hash, never the id.</summary>
public sealed class EndedSignIn
{
    public required string IdHash { get; set; }

    public DateTimeOffset RunsOutAt { get; set; }
}

internal sealed class EndedSignInConfiguration : IEntityTypeConfiguration<EndedSignIn>
{
    public void Configure(EntityTypeBuilder<EndedSignIn> ended)
    {
        ended.ToTable("EndedSignIns");
        ended.HasKey(e => e.IdHash);
        ended.Property(e => e.IdHash).HasMaxLength(64);
        ended.HasIndex(e => e.RunsOutAt);
    }
}

/// <summary>
/// Keeps sign-outs in the database as well as in <see cref="EndedSignIns"/>: the sign-in cookie outlives a restart (the
/// key ring is kept), so a console restarted after a sign-out accepted that sign-in's cookie again, a copy of it included,
/// until it ran out. Each start reads back the sign-outs still in force before it serves a request.
/// </summary>
public sealed class EndedSignInStore(IDbContextFactory<OpsConsoleDbContext> database, EndedSignIns ended, TimeProvider clock, ILogger<EndedSignInStore> logger)
    : IStartupSeeder
{
    /// <summary>Ends <paramref name="user"/>'s sign-in: at once in this console, and for its next starts once written.</summary>
    public async Task EndAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ended.End(user) is not { } signIn)
        {
            return;
        }

        try
        {
            await using var db = await database.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            // Past its own end a sign-in is refused without this record.
            await db.Set<EndedSignIn>().Where(e => e.RunsOutAt <= now).ExecuteDeleteAsync(cancellationToken);
            if (!await db.Set<EndedSignIn>().AnyAsync(e => e.IdHash == signIn.IdHash, cancellationToken))
            {
                db.Add(new EndedSignIn { IdHash = signIn.IdHash, RunsOutAt = signIn.RunsOut });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception failure) when (DatabaseFailures.Is(failure))
        {
            // Signing out must not fail with the database: this console refuses the sign-in from now on, and its cookie is
            // gone from this browser. Only a restart before it runs out would accept a copy again.
            logger.LogWarning("A sign-out was not written to the database ({Reason}): this console refuses that sign-in, but after a restart a copy of its cookie would be accepted until it runs out", failure.Message);
        }
    }

    /// <summary>Reads back the sign-outs still in force, at start.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await database.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var signOut in await db.Set<EndedSignIn>().AsNoTracking().Where(e => e.RunsOutAt > now).ToListAsync(cancellationToken))
        {
            ended.Remember(signOut.IdHash, signOut.RunsOutAt);
        }
    }
}
