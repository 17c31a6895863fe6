using System.Collections.Concurrent;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Demo;

/// <summary>
/// A realistic starting configuration per site, for development, demos and seeding an empty console.
/// They ship as embedded JSON (Demo/*.json) so that they are read through the same parser as any import.
/// </summary>
public static class DemoConfigurations
{
    private static readonly ConcurrentDictionary<string, SiteConfiguration> Parsed = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Sites => [.. SiteCatalog.All.Select(s => s.Code)];

    public static SiteConfiguration For(string site) => Parsed.GetOrAdd(SiteCatalog.Get(site).Code, Load);

    /// <summary>The demo configuration as a canonical, indented config file.</summary>
    public static string Json(string site) => ConfigurationJson.Serialize(For(site), indented: true);

    private static SiteConfiguration Load(string site)
    {
        using var stream = typeof(DemoConfigurations).Assembly.GetManifestResourceStream($"OpsConsole.Domain.Demo.{site}.json")
            ?? throw new InvalidOperationException($"The demo configuration of {site} is not embedded in the domain assembly.");
        using var reader = new StreamReader(stream);
        var result = ConfigurationJson.Parse(reader.ReadToEnd());
        return result.Succeeded
            ? result.Value!
            : throw new InvalidOperationException($"The demo configuration of {site} does not parse: {string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
    }
}
