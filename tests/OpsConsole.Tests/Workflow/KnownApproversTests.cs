using System.Security.Claims;
using OpsConsole.Auth;
using OpsConsole.Features.Administration;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Workflow;

/// <summary>The approvers of each site the console knows of, from the roles its sign-ins carried, on a real SQLite database.</summary>
public sealed class KnownApproversTests : WorkflowTestBase
{
    [Fact]
    public async Task BeforeAnySignIn_NoSiteHasAKnownApprover()
    {
        await using var db = Db();
        var known = await KnownApprovers.BySiteAsync(db, CancellationToken.None);

        Assert.Equal(["HK", "TW", "SG", "MY"], known.Keys);
        Assert.All(known.Values, Assert.Empty);
    }

    [Fact]
    public async Task ApproversAreKnownBySignIn_ForEachSiteTheirRolesNamed_AndEditorsAreNot()
    {
        await SignInAsync(Users.HkApprover);
        await SignInAsync(Users.HkApprover2);
        await SignInAsync(Users.HkApprover); // twice: still one person
        await SignInAsync(Users.HkEditor);
        await SignInAsync(Users.Get("sea-approver"));

        await using var db = Db();
        var known = await KnownApprovers.BySiteAsync(db, CancellationToken.None);

        Assert.Equal(["Kelvin Chan", "Mei Leung"], known["HK"]);
        Assert.Empty(known["TW"]);
        Assert.Equal(["Wei Jie Tan"], known["SG"]);
        Assert.Equal(["Wei Jie Tan"], known["MY"]);
    }

    [Fact]
    public async Task AnApproverWhoseRoleWasTakenAway_IsNoLongerKnown_FromTheirNextSignIn()
    {
        await SignInAsync(Users.HkApprover);
        var withoutTheRole = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "hk-approver"), new Claim(ClaimTypes.Name, "Kelvin Chan"), new Claim(ClaimTypes.Role, OpsRoles.Viewer)],
            "test", ClaimTypes.Name, ClaimTypes.Role));
        await SignInAsync(withoutTheRole);

        await using var db = Db();
        Assert.Empty((await KnownApprovers.BySiteAsync(db, CancellationToken.None))["HK"]);
    }

    private Task SignInAsync(ClaimsPrincipal user) => Factory.RecordSignInAsync(user);
}
