using System.Globalization;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Features;

/// <summary>
/// Instants as a site's staff read them: on the site's wall clock, as the product asks of dates ("show and compute dates in
/// the site's zone"). Stored and exchanged instants stay UTC; the audit log and API keys, which span sites, show UTC.
/// </summary>
public static class SiteClock
{
    public static string Show(SiteInfo site, DateTimeOffset instant) => Local(site, instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string ShowDate(SiteInfo site, DateTimeOffset instant) => Local(site, instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A validity window's bound: its date alone when it falls at midnight, as bounds usually do.</summary>
    public static string ShowBound(SiteInfo site, DateTimeOffset instant) =>
        Local(site, instant).TimeOfDay == TimeSpan.Zero ? ShowDate(site, instant) : Show(site, instant);

    private static DateTime Local(SiteInfo site, DateTimeOffset instant) => TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, site.TimeZone);
}
