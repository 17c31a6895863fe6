using System.Globalization;

namespace OpsConsole.Domain.Sites;

/// <summary>The fixed facts of one site: its money, its buyer-facing locales and its clock.</summary>
public sealed record SiteInfo(
    string Code,
    string Name,
    string Currency,
    string CurrencySymbol,
    int MinorUnits,
    IReadOnlyList<string> Locales,
    string TimeZoneId)
{
    /// <summary>The locale used when a requested one is not offered by the site.</summary>
    public string DefaultLocale => Locales[0];

    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public bool HasLocale(string? locale) =>
        locale is not null && Locales.Contains(locale, StringComparer.Ordinal);

    /// <summary>
    /// The requested locale when the site offers it, in the site's spelling, otherwise the site's default. Language tags
    /// are case-insensitive (BCP 47), so a consumer asking for <c>en-hk</c> reads English, not the default Chinese.
    /// </summary>
    public string ResolveLocale(string? requested) =>
        Locales.FirstOrDefault(l => string.Equals(l, requested, StringComparison.OrdinalIgnoreCase)) ?? DefaultLocale;

    public CultureInfo Culture(string locale) => CultureInfo.GetCultureInfo(locale);

    /// <summary>Money rounded as the product says: half away from zero, to the site's minor units.</summary>
    public decimal Round(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>Money as buyers read it: symbol, thousands separated by commas, the site's minor units.</summary>
    public string FormatMoney(decimal amount) =>
        CurrencySymbol + Round(amount).ToString("#,##0" + (MinorUnits > 0 ? "." + new string('0', MinorUnits) : string.Empty), CultureInfo.InvariantCulture);

    /// <summary>
    /// Money as staff compare it (diffs, validation): as buyers read it, except that an amount finer than the site's money
    /// (an invalid value) shows unrounded; rounded, two different amounts could read the same.
    /// </summary>
    public string ShowMoney(decimal amount) =>
        decimal.Round(amount, MinorUnits) == amount
            ? FormatMoney(amount)
            : CurrencySymbol + amount.ToString("#,##0.############################", CultureInfo.InvariantCulture);
}

/// <summary>The four sites OpsConsole serves. Site facts live here and nowhere else.</summary>
public static class SiteCatalog
{
    public static readonly SiteInfo HK = new("HK", "Hong Kong", "HKD", "HK$", 2, ["zh-Hant-HK", "en-HK"], "Asia/Hong_Kong");
    public static readonly SiteInfo TW = new("TW", "Taiwan", "TWD", "NT$", 0, ["zh-Hant-TW"], "Asia/Taipei");
    public static readonly SiteInfo SG = new("SG", "Singapore", "SGD", "S$", 2, ["en-SG", "zh-Hans-SG"], "Asia/Singapore");
    public static readonly SiteInfo MY = new("MY", "Malaysia", "MYR", "RM", 2, ["en-MY", "ms-MY", "zh-Hans-MY"], "Asia/Kuala_Lumpur");

    public static IReadOnlyList<SiteInfo> All { get; } = [HK, TW, SG, MY];

    public static bool TryGet(string? code, out SiteInfo site)
    {
        site = All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase))!;
        return site is not null;
    }

    public static SiteInfo Get(string code) =>
        TryGet(code, out var site) ? site : throw new ArgumentException($"Unknown site '{code}'. Sites are {string.Join(", ", All.Select(s => s.Code))}.", nameof(code));
}
