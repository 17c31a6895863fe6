using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace OpsConsole.Auth;

/// <summary>A demo user offered by the development sign-in.</summary>
public sealed record DemoUser(string Id, string DisplayName, string Description, IReadOnlyList<string> Roles);

/// <summary>
/// Pick-a-user sign-in for local work. It exists only when the app runs in Development and no OpenID
/// Connect authority is configured; its endpoint is not even mapped otherwise, whatever else is set.
/// </summary>
public static class DevelopmentSignIn
{
    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        new("viewer", "Vera Viewer", "Reads every site", [OpsRoles.Viewer]),
        new("hk-editor", "Hana Ho", "HK editor", [OpsRoles.Editor("HK")]),
        new("hk-approver", "Kelvin Chan", "HK approver", [OpsRoles.Approver("HK")]),
        new("hk-approver-2", "Mei Leung", "HK approver (second pair of eyes)", [OpsRoles.Approver("HK")]),
        new("tw-editor", "Yu-Ting Lin", "TW editor", [OpsRoles.Editor("TW")]),
        new("tw-approver", "Chia-Hao Wu", "TW approver", [OpsRoles.Approver("TW")]),
        new("tw-approver-2", "Shu-Fen Chen", "TW approver (second pair of eyes)", [OpsRoles.Approver("TW")]),
        // One team covers both Southeast Asian sites, so that every site's changes can be made and approved here.
        new("sea-editor", "Siti Rahman", "SG and MY editor", [OpsRoles.Editor("SG"), OpsRoles.Editor("MY")]),
        new("sea-approver", "Wei Jie Tan", "SG and MY approver", [OpsRoles.Approver("SG"), OpsRoles.Approver("MY")]),
        new("sea-approver-2", "Nur Aisyah", "SG and MY approver (second pair of eyes)", [OpsRoles.Approver("SG"), OpsRoles.Approver("MY")]),
        new("admin", "Ada Admin", "Administrator", [OpsRoles.Admin]),
    ];

    public static bool IsEnabled(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration[AuthSetup.OidcAuthorityKey]);

    public static ClaimsPrincipal Principal(DemoUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Development", ClaimTypes.Name, ClaimTypes.Role));
    }

    internal static void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/account/dev-sign-in", async (HttpContext http, [FromForm] string userId, [FromForm] string? returnUrl) =>
        {
            var user = Users.FirstOrDefault(u => u.Id == userId);
            if (user is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown demo user", detail: $"There is no demo user '{userId}'.");
            }

            var principal = Principal(user);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            await http.RequestServices.GetRequiredService<SignInRecorder>().RecordAsync(principal, "development", http.RequestAborted);
            return Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
}
