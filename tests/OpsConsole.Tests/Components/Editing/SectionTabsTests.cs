using AngleSharp.Dom;
using Bunit;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

public sealed class SectionTabsTests : EditorTestContext
{
    [Fact]
    public void SectionTabs_FirstSectionChosen_OneTabStop_EverySectionRendered()
    {
        var tabs = Render<SectionTabs>(p => p.Add(t => t.Context, NewContext(SiteCatalog.MY)));

        Assert.Equal(["Free shipping", "Channels", "Promotions", "Restricted goods"], tabs.FindAll("[role=tab]").Select(t => t.TextContent));
        AssertChosen(tabs, "Free shipping");
        // Hidden sections stay in the page, so each editor keeps what staff chose in it.
        Assert.Equal(4, tabs.FindAll("[role=tabpanel]").Count);
        Assert.NotNull(tabs.Find("[data-testid=restricted-goods-editor]"));
        Assert.Equal("section-tab-0", tabs.Find("#section-panel-0").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void SectionTabs_TheOpenSectionIsKeptInTheAddress_AndOpensAgainFromIt()
    {
        // The language switch reloads the page with its address: the section named there opens.
        JSInterop.Setup<string?>("opsConsole.rememberedSection").SetResult("promotions");
        var tabs = Render<SectionTabs>(p => p.Add(t => t.Context, NewContext(SiteCatalog.MY)));
        tabs.WaitForAssertion(() => AssertChosen(tabs, "Promotions"));
        Assert.Empty(JSInterop.Invocations["opsConsole.rememberSection"]);

        Tab(tabs, "Channels").Click();

        AssertChosen(tabs, "Channels");
        Assert.Equal("channels", Assert.Single(JSInterop.Invocations["opsConsole.rememberSection"]).Arguments[0]);
    }

    [Fact]
    public void SectionTabs_AnAddressNamingNoSection_OpensTheFirst()
    {
        JSInterop.Setup<string?>("opsConsole.rememberedSection").SetResult("settings");
        var tabs = Render<SectionTabs>(p => p.Add(t => t.Context, NewContext(SiteCatalog.MY)));

        AssertChosen(tabs, "Free shipping");
    }

    [Fact]
    public void SectionTabs_Arrows_MoveToTheNextOrPreviousSectionAndOpenIt_RoundTheEnds()
    {
        var tabs = Render<SectionTabs>(p => p.Add(t => t.Context, NewContext(SiteCatalog.MY)));

        Tab(tabs, "Free shipping").KeyDown("ArrowLeft");
        AssertChosen(tabs, "Restricted goods");

        Tab(tabs, "Restricted goods").KeyDown("ArrowRight");
        AssertChosen(tabs, "Free shipping");

        Tab(tabs, "Free shipping").KeyDown("ArrowRight");
        AssertChosen(tabs, "Channels");
        // The section opened is also where focus goes, so the next arrow starts from it.
        Assert.Equal(3, JSInterop.Invocations.Count(i => i.Identifier == "Blazor._internal.domWrapper.focus"));

        // Other keys (Tab above all) leave the sections as they are, without rendering the four editors again.
        var renders = tabs.RenderCount;
        Tab(tabs, "Channels").KeyDown("Tab");
        Tab(tabs, "Channels").KeyDown("Enter");
        AssertChosen(tabs, "Channels");
        Assert.Equal(renders, tabs.RenderCount);
    }

    [Fact]
    public void SectionTabs_Click_OpensThatSection()
    {
        var tabs = Render<SectionTabs>(p => p.Add(t => t.Context, NewContext(SiteCatalog.MY)));

        Tab(tabs, "Promotions").Click();

        AssertChosen(tabs, "Promotions");
    }

    private static IElement Tab(IRenderedComponent<SectionTabs> tabs, string name) =>
        tabs.FindAll("[role=tab]").Single(t => t.TextContent == name);

    private static void AssertChosen(IRenderedComponent<SectionTabs> tabs, string name)
    {
        foreach (var tab in tabs.FindAll("[role=tab]"))
        {
            var chosen = tab.TextContent == name;
            Assert.Equal(chosen ? "true" : "false", tab.GetAttribute("aria-selected"));
            Assert.Equal(chosen ? "0" : "-1", tab.GetAttribute("tabindex"));
            Assert.Equal(!chosen, tabs.Find($"#{tab.GetAttribute("aria-controls")}").HasAttribute("hidden"));
        }
    }
}
