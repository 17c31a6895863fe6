using OpsConsole.Domain.Demo;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Releases;

/// <summary>In Development, gives every site without a release the demo configuration as v1, so the console has something to show.</summary>
public sealed class DemoDataSeeder(ReleaseImporter importer, ILogger<DemoDataSeeder> logger) : IStartupSeeder
{
    private static readonly Actor Seed = new("system:demo-seed", "Demo data");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var site in DemoConfigurations.Sites)
        {
            var release = await importer.ImportAsync(DemoConfigurations.For(site), Seed, $"demo/{site}.json", cancellationToken);
            if (release is not null)
            {
                logger.LogInformation("Seeded {Site} v{Version} with the demo configuration", site, release.Version);
            }
        }
    }
}
