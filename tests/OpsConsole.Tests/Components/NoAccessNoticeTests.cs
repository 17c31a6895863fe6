using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Components;
using OpsConsole.Components.Shared;
using OpsConsole.Localization;

namespace OpsConsole.Tests.Components;

/// <summary>
/// What a page refused inside the console (a link followed in the circuit) says: what is true for the person, as the
/// "No access" page does. It told staff refused the administration page that their account had no role.
/// </summary>
public sealed class NoAccessNoticeTests : BunitContext
{
    public NoAccessNoticeTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
    }

    [Fact]
    public void AnEditorFollowingALinkToAdministration_IsToldThePageNeedsTheAdministratorRole()
    {
        AddAuthorization().SetAuthorized("Hana Ho").SetRoles(OpsRoles.Editor("HK"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin");

        var routes = Render<Routes>();

        var notice = routes.Find("main .rz-alert").TextContent;
        Assert.Contains("No access", notice, StringComparison.Ordinal);
        Assert.Contains("this page needs the administrator role, which your account does not have.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("no role", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void StaffRefusedAPageThatNamesNoRole_AreToldItNeedsARoleTheyDoNotHave()
    {
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer);

        var notice = Render<NoAccessNotice>().Find(".rz-alert").TextContent;

        Assert.Contains("this page needs a role your account does not have.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("no role", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountWithNoRole_IsToldSo()
    {
        AddAuthorization().SetAuthorized("Nobody");

        var notice = Render<NoAccessNotice>(p => p.Add(n => n.Page, typeof(OpsConsole.Features.Administration.AdministrationPage))).Find(".rz-alert").TextContent;

        Assert.Contains("Your account has no role for this.", notice, StringComparison.Ordinal);
    }
}
