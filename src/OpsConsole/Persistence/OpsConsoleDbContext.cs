using Microsoft.EntityFrameworkCore;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Persistence;

public sealed class OpsConsoleDbContext(DbContextOptions<OpsConsoleDbContext> options) : DbContext(options)
{
    public DbSet<SiteSettings> Sites => Set<SiteSettings>();

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
    }
}
