using System.Globalization;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Audit;

/// <summary>Where an audit entry's subject can be looked at: a change request's page, or what a release changed.</summary>
public static class AuditSubject
{
    /// <summary>The console's address for the subject, relative to its base; null for a subject with no page (a key, a site).</summary>
    public static string? Href(string? site, string? subject)
    {
        if (!SiteCatalog.TryGet(site, out var info) || subject is null)
        {
            return null;
        }

        if (subject.StartsWith("CR-", StringComparison.Ordinal) && Number(subject[3..]) is { } id)
        {
            return $"sites/{info.Code}/change-requests/{id}";
        }

        if (subject.StartsWith('v') && Number(subject[1..]) is { } version)
        {
            // A release is read by what it changed: the comparison with the one before it (the first has none).
            return version > 1 ? $"sites/{info.Code}/releases?a={version - 1}&b={version}" : $"sites/{info.Code}/releases";
        }

        return null;
    }

    private static int? Number(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}
