using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Persistence;

public sealed class OpsConsoleDbContext(DbContextOptions<OpsConsoleDbContext> options) : DbContext(options)
{
    public DbSet<SiteSettings> Sites => Set<SiteSettings>();

    public DbSet<ChangeRequest> ChangeRequests => Set<ChangeRequest>();

    public DbSet<Release> Releases => Set<Release>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Instants are stored as numbers so every provider can compare and order them (SQLite cannot order
        // DateTimeOffset text); they are always written in UTC. The converter keeps whole milliseconds.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SiteSettings>(site =>
        {
            site.ToTable("Sites");
            site.HasKey(s => s.Code);
            site.Property(s => s.Code).HasMaxLength(2);
            site.Property(s => s.ApprovalsForRestrictedGoods).HasDefaultValue(2);
            // The four sites are reference data: they exist in every database, not only in demos.
            site.HasData(SiteCatalog.All.Select(s => new SiteSettings { Code = s.Code, ApprovalsForRestrictedGoods = 2 }));
        });

        modelBuilder.Entity<ChangeRequest>(cr =>
        {
            cr.HasKey(c => c.Id);
            cr.Property(c => c.Site).HasMaxLength(2);
            cr.Property(c => c.Title).HasMaxLength(200);
            cr.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            cr.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            cr.Property(c => c.AuthorId).HasMaxLength(200);
            cr.Property(c => c.AuthorName).HasMaxLength(200);
            cr.Property(c => c.Revision).IsConcurrencyToken();
            cr.Property(c => c.ProposalRevision).HasDefaultValue(0);
            cr.Property(c => c.ProposalChangedBy).HasMaxLength(200);
            cr.HasIndex(c => new { c.Site, c.State });
            cr.HasMany(c => c.Editors).WithOne().HasForeignKey(e => e.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
            cr.HasMany(c => c.Approvals).WithOne().HasForeignKey(a => a.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
            cr.HasMany(c => c.Comments).WithOne().HasForeignKey(c => c.ChangeRequestId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ChangeRequestEditor>(editor =>
        {
            editor.HasKey(e => new { e.ChangeRequestId, e.UserId });
            editor.Property(e => e.UserId).HasMaxLength(200);
            editor.Property(e => e.UserName).HasMaxLength(200);
        });

        modelBuilder.Entity<Approval>(approval =>
        {
            approval.HasKey(a => a.Id);
            approval.Property(a => a.ApproverId).HasMaxLength(200);
            approval.Property(a => a.ApproverName).HasMaxLength(200);
            // One approval per person per change request, even when two clicks race.
            approval.HasIndex(a => new { a.ChangeRequestId, a.ApproverId }).IsUnique();
        });

        modelBuilder.Entity<ChangeRequestComment>(comment =>
        {
            comment.HasKey(c => c.Id);
            comment.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            comment.Property(c => c.AuthorId).HasMaxLength(200);
            comment.Property(c => c.AuthorName).HasMaxLength(200);
            comment.Property(c => c.Text).HasMaxLength(4000);
        });

        modelBuilder.Entity<Release>(release =>
        {
            // The key makes a duplicate version impossible, whatever races above it.
            release.HasKey(r => new { r.Site, r.Version });
            release.Property(r => r.Site).HasMaxLength(2);
            release.Property(r => r.Hash).HasMaxLength(71);
            release.Property(r => r.Title).HasMaxLength(200);
            release.Property(r => r.AuthorId).HasMaxLength(200);
            release.Property(r => r.AuthorName).HasMaxLength(200);
            release.Property(r => r.PublishedById).HasMaxLength(200);
            release.Property(r => r.PublishedByName).HasMaxLength(200);
            // A change request is published at most once.
            release.HasIndex(r => r.ChangeRequestId).IsUnique();
        });

        // Features keep their own entity configurations beside them (e.g. Api/ApiKeyConfiguration.cs).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpsConsoleDbContext).Assembly);

        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.HasKey(a => a.Sequence);
            audit.Property(a => a.Sequence).ValueGeneratedNever();
            audit.Property(a => a.ActorId).HasMaxLength(200);
            audit.Property(a => a.ActorName).HasMaxLength(200);
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.Site).HasMaxLength(2);
            audit.Property(a => a.Subject).HasMaxLength(200);
            audit.Property(a => a.PreviousHash).HasMaxLength(71);
            audit.Property(a => a.Hash).HasMaxLength(71);
            // Each entry links to exactly one predecessor: a fork in the chain cannot be stored.
            audit.HasIndex(a => a.PreviousHash).IsUnique();
            audit.HasIndex(a => a.At);
        });
    }
}
