using System.Globalization;
using Bunit;
using OpsConsole.Auth;
using OpsConsole.Components.Layout;
using OpsConsole.Localization;
using Radzen;

namespace OpsConsole.Tests.Components;

public sealed class ConsoleTextsTests : BunitContext
{
    public ConsoleTextsTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddRadzenComponents();
    }

    [Fact]
    public void NavMenu_InTraditionalChinese_ShowsTranslatedShell()
    {
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hant-HK");

            var menu = Render<NavMenu>();

            Assert.Contains("總覽", menu.Markup, StringComparison.Ordinal);
            Assert.Contains("HK · 香港", menu.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("Change requests", menu.Markup, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void ConsoleTexts_InEnglish_GivesTheKeyBack()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Free shipping", ConsoleTexts.T("Free shipping"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hant");
            Assert.Equal("免運規則", ConsoleTexts.T("Free shipping"));
            Assert.Equal("Not translated yet", ConsoleTexts.T("Not translated yet"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void ConsoleTexts_EveryTranslationIsChineseText()
    {
        Assert.All(ConsoleTexts.ZhHant, entry => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", entry.Value));
    }
}
