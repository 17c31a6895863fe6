namespace OpsConsole.Components.Shared;

/// <summary>
/// For a page whose address names a site: the site menu opens another site's page in the same component, changing only
/// its parameter, so whatever the page holds for the last site (filters, typed input, the release read) would stay under
/// the new site's heading unless the page starts afresh. <see cref="To"/> says when it must.
/// </summary>
public sealed class SiteSwitch
{
    private string? site;

    /// <summary>True the first time, and whenever <paramref name="next"/> is another site than the last one asked about.</summary>
    public bool To(string next)
    {
        if (string.Equals(site, next, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        site = next;
        return true;
    }
}
