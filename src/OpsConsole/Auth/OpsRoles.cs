using System.Security.Claims;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Auth;

/// <summary>
/// The console's roles as role claims: <c>Viewer</c> and <c>Admin</c> are global, editors and approvers
/// are per site (<c>Editor:HK</c>, <c>Approver:TW</c>). Sign-in (development or OpenID Connect) produces them.
/// </summary>
public static class OpsRoles
{
    public const string Viewer = "Viewer";
    public const string Admin = "Admin";

    public static string Editor(string site) => $"Editor:{site.ToUpperInvariant()}";

    public static string Approver(string site) => $"Approver:{site.ToUpperInvariant()}";

    /// <summary>Every role the console understands; anything else a provider sends is ignored.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Viewer, Admin, .. SiteCatalog.All.SelectMany(s => new[] { Editor(s.Code), Approver(s.Code) })];
}

/// <summary>Who may do what for which site. Pages and endpoints ask here; hiding a button is never the check.</summary>
public static class SiteAccess
{
    /// <summary>Holds at least one of the console's roles; everyone else sees the "no access" page.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && OpsRoles.All.Any(user.IsInRole);

    /// <summary>Every member of staff reads every site: approvers and editors compare across sites.</summary>
    public static bool CanRead(this ClaimsPrincipal user, string site) => user.IsStaff() && SiteCatalog.TryGet(site, out _);

    public static bool CanEdit(this ClaimsPrincipal user, string site) => user.IsInRole(OpsRoles.Editor(site));

    public static bool CanApprove(this ClaimsPrincipal user, string site) => user.IsInRole(OpsRoles.Approver(site));

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(OpsRoles.Admin);

    /// <summary>The stable id recorded as author, editor, approver and audit actor.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no name identifier.");

    public static string DisplayName(this ClaimsPrincipal user) => user.Identity?.Name ?? user.UserId();
}
