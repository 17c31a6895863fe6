using OpsConsole.Auth;
using OpsConsole.Domain.Sites;
using OpsConsole.Persistence;

namespace OpsConsole.Tests.Auth;

/// <summary>The development sign-in lets a newcomer take a change of any site through four eyes, restricted goods included.</summary>
public sealed class DevelopmentSignInTests
{
    public static TheoryData<string> Sites() => [.. SiteCatalog.All.Select(s => s.Code)];

    [Theory]
    [MemberData(nameof(Sites))]
    public void DemoUsers_HaveAnEditorOfEverySite_AndAsManyOtherApproversAsRestrictedGoodsNeedByDefault(string site)
    {
        var editors = DevelopmentSignIn.Users.Where(u => u.Roles.Contains(OpsRoles.Editor(site))).ToList();
        var approvers = DevelopmentSignIn.Users.Where(u => u.Roles.Contains(OpsRoles.Approver(site)) && !editors.Contains(u)).ToList();

        Assert.NotEmpty(editors);
        Assert.True(
            approvers.Count >= new SiteSettings { Code = site }.ApprovalsForRestrictedGoods,
            $"{site} has {approvers.Count} demo approver(s) besides its editors.");
    }

    [Fact]
    public void DemoUsers_HaveIdsAndNamesOfTheirOwn()
    {
        Assert.Equal(DevelopmentSignIn.Users.Count, DevelopmentSignIn.Users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(DevelopmentSignIn.Users.Count, DevelopmentSignIn.Users.Select(u => u.DisplayName).Distinct().Count());
    }
}
