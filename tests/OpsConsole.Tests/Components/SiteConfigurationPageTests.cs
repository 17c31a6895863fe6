using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Configuration;
using OpsConsole.Features.Releases;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>A release's configuration page over the real services and the demo releases of the four sites.</summary>
public sealed class SiteConfigurationPageTests : ConsoleBunitContext
{
    public SiteConfigurationPageTests()
    {
        Services.AddSingleton(App.Services.GetRequiredService<ReleaseHistory>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer).SetClaims(new Claim(ClaimTypes.NameIdentifier, "viewer"));
    }

    [Theory]
    // Tiers read in the promotion's own unit: money as the site's on a subtotal basis, stores, grams; and what each takes off.
    [InlineData("MY", "from RM100.00: RM3.00 off; from RM200.00: RM6.00 off; from RM400.00: free")]
    [InlineData("HK", "from 2 stores: 20% off; from 4 stores:")]
    [InlineData("SG", "from 3000 g: 10% off; from 6000 g:")]
    public void ConsolidationPromotionTiers_ReadInTheirBasisUnit_WithMoneyAsTheSites(string site, string expected)
    {
        using var culture = UiCulture.Use("en");
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, site));

        page.WaitForAssertion(() => Assert.Contains(expected, page.Find("[aria-label='Consolidation promotions']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TierText_InTraditionalChinese_KeepsTheSitesMoney()
    {
        using var culture = UiCulture.Use("zh-Hant");
        Assert.Equal("NT$1,200起：減 NT$60",
            SiteConfigurationPage.TierText(SiteCatalog.TW, PromoBasis.Subtotal, new PromoTier(1200m, new PromoDiscount(DiscountKind.Amount, 60m))));
        Assert.Equal("3 家店鋪起：免運費",
            SiteConfigurationPage.TierText(SiteCatalog.TW, PromoBasis.StoreCount, new PromoTier(3m, new PromoDiscount(DiscountKind.Free, null))));
    }
}
