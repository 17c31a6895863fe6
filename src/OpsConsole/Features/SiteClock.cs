using System.Globalization;
using System.Text.RegularExpressions;
using OpsConsole.Domain.Sites;
using OpsConsole.Localization;

namespace OpsConsole.Features;

/// <summary>
/// Instants as a site's staff read them: on the site's wall clock, as the product asks of dates ("show and compute dates in
/// the site's zone"). Stored and exchanged instants stay UTC; the audit log and API keys, which span sites, show UTC.
/// </summary>
public static partial class SiteClock
{
    public static string Show(SiteInfo site, DateTimeOffset instant) => Local(site, instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string ShowDate(SiteInfo site, DateTimeOffset instant) => Local(site, instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A validity window's bound: its date alone when it falls at midnight, as bounds usually do.</summary>
    public static string ShowBound(SiteInfo site, DateTimeOffset instant) =>
        Local(site, instant).TimeOfDay == TimeSpan.Zero ? ShowDate(site, instant) : Show(site, instant);

    /// <summary>
    /// A message from the domain or a service with its UTC instants (<c>2026-09-30T16:00:00Z</c>, as the API, the verbs and
    /// the logs read them) on the site's wall clock, as the editors beside the message show and take them.
    /// </summary>
    public static string InMessage(SiteInfo site, string message) =>
        IsoInstant().Replace(message, match =>
            DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant)
                ? ConsoleTexts.F("{0} {1} time", ShowExactly(site, instant), site.Code)
                : match.Value);

    // To the second when the instant has seconds: two bounds a few seconds apart must not read the same.
    private static string ShowExactly(SiteInfo site, DateTimeOffset instant) =>
        instant.Ticks % TimeSpan.TicksPerMinute == 0 ? Show(site, instant) : Local(site, instant).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInstant();

    private static DateTime Local(SiteInfo site, DateTimeOffset instant) => TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, site.TimeZone);
}
