using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Auth;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Features.Administration;

/// <summary>
/// The approvers of each site the console knows of: people whose latest sign-in carried the site's approver role. Roles
/// come from the identity provider at sign-in, so an approver who has never signed in is not known here. The site
/// settings show them beside the number of approvals required, so that an administrator who requires more approvers
/// than a site has is told so.
/// </summary>
public static class KnownApprovers
{
    /// <summary>Each site's known approvers by display name, in order; a site without any has an empty list.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> BySiteAsync(OpsConsoleDbContext db, CancellationToken cancellationToken)
    {
        // Each person's latest sign-in decides, so a role taken away in the identity provider drops them at their next
        // sign-in; one row per person is read, not the whole history of sign-ins.
        var latest = db.AuditEntries.Where(e => e.Action == AuditActions.SignIn)
            .GroupBy(e => e.ActorId)
            .Select(g => g.Max(e => e.Sequence));
        var signIns = await db.AuditEntries.AsNoTracking()
            .Where(e => latest.Contains(e.Sequence))
            .Select(e => new { e.ActorName, e.Details })
            .ToListAsync(cancellationToken);

        var people = signIns.Select(s => (s.ActorName, Roles: Roles(s.Details))).ToList();
        return SiteCatalog.All.ToDictionary(
            site => site.Code,
            site => (IReadOnlyList<string>)[.. people.Where(p => p.Roles.Contains(OpsRoles.Approver(site.Code))).Select(p => p.ActorName).Distinct().Order(StringComparer.CurrentCulture)],
            StringComparer.Ordinal);
    }

    private static HashSet<string> Roles(string details)
    {
        using var document = JsonDocument.Parse(details);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? [.. roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
            : [];
    }
}
