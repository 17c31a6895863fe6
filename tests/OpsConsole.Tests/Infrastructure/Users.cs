using System.Security.Claims;
using OpsConsole.Auth;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>The development sign-in's demo users as principals, for calling services directly.</summary>
public static class Users
{
    public static ClaimsPrincipal Get(string id) => DevelopmentSignIn.Principal(DevelopmentSignIn.Users.Single(u => u.Id == id));

    public static ClaimsPrincipal Viewer => Get("viewer");

    public static ClaimsPrincipal HkEditor => Get("hk-editor");

    public static ClaimsPrincipal HkApprover => Get("hk-approver");

    public static ClaimsPrincipal HkApprover2 => Get("hk-approver-2");

    public static ClaimsPrincipal TwEditor => Get("tw-editor");

    public static ClaimsPrincipal TwApprover => Get("tw-approver");

    public static ClaimsPrincipal Admin => Get("admin");

    /// <summary>A second HK editor, not among the demo users, for "someone else edited it" cases.</summary>
    public static ClaimsPrincipal OtherHkEditor { get; } = DevelopmentSignIn.Principal(new DemoUser("hk-editor-2", "Second Editor", "HK editor", [OpsRoles.Editor("HK"), OpsRoles.Approver("HK")]));
}
