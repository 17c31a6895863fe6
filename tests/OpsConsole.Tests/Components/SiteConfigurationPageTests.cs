using System.Text.Json.Nodes;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
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
        UseAppServices();
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero)));
        AddAuthorization().SetAuthorized("Vera Viewer").SetRoles(OpsRoles.Viewer).SetClaims(new Claim(ClaimTypes.NameIdentifier, "viewer"));
    }

    [Theory]
    // Tiers read in the promotion's own unit: money as the site's on a subtotal basis, stores, grams; and what each takes off.
    [InlineData("MY", "from RM100.00: RM3.00 off; from RM200.00: RM6.00 off; from RM400.00: free")]
    [InlineData("HK", "from 2 stores: 20% off; from 4 stores:")]
    [InlineData("SG", "from 3,000 g: 10% off; from 6,000 g:")]
    public void ConsolidationPromotionTiers_ReadInTheirBasisUnit_WithMoneyAsTheSites(string site, string expected)
    {
        using var culture = UiCulture.Use("en");
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, site));

        page.WaitForAssertion(() => Assert.Contains(expected, page.Find("[aria-label='Consolidation promotions']").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    // Grams are grouped as the money beside them is (20,000 g, not 20000 g), in each language.
    [InlineData("en", "HK$18.00 first 500 g, then HK$8.00 per 500 g (max 20,000 g)")]
    [InlineData("zh-Hant", "首重 500 克 HK$18.00，續重每 500 克 HK$8.00（上限 20,000 克）")]
    public void ChannelRates_GroupTheirGrams(string language, string expected)
    {
        using var culture = UiCulture.Use(language);
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.Contains(expected, page.FindAll("td").Select(cell => cell.TextContent.Trim())));
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

    [Fact]
    public void RulesWindows_ReadOnTheSitesClock()
    {
        using var culture = UiCulture.Use("en");
        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));

        // FS-HK-NEW-99 runs from 2026-11-01T00:00Z to 2027-01-01T00:00Z: 08:00 in Hong Kong.
        page.WaitForAssertion(() => Assert.Equal("Valid (HK time): 2026-11-01 08:00 to 2027-01-01 08:00",
            Row(page, "FS-HK-NEW-99").QuerySelector("[data-testid=validity]")?.TextContent));
        // A rule without a window always applies: its name stands alone.
        Assert.Null(Row(page, "FS-HK-CART-299").QuerySelector("[data-testid=validity]"));
    }

    [Fact]
    public async Task CurrentRelease_ReadsItsPublishingTimeOnTheSitesClock()
    {
        using var culture = UiCulture.Use("en");
        var current = (await App.Services.GetRequiredService<ReleaseHistory>().CurrentAsync("TW"))!;
        var taipei = current.PublishedAt.ToOffset(TimeSpan.FromHours(8)); // Asia/Taipei keeps UTC+8 all year

        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "TW"));

        page.WaitForAssertion(() => Assert.Contains($", published {taipei:yyyy-MM-dd HH:mm} (TW time) by Demo data.",
            page.Find("[data-testid=current-release]").TextContent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "always")]
    [InlineData("2026-12-31T16:00:00Z", null, "from 2027-01-01 (not yet)")]
    [InlineData("2026-11-30T16:00:00Z", null, "from 2026-12-01")]
    [InlineData(null, "2026-12-01T02:30:00Z", "until 2026-12-01 10:30 (ended)")]
    [InlineData("2026-12-04T16:00:00Z", "2026-12-25T16:00:00Z", "2026-12-05 to 2026-12-26 (not yet)")]
    [InlineData("2026-12-03T16:00:00Z", "2026-12-04T03:00:01Z", "2026-12-04 to 2026-12-04 11:00")]
    public void Validity_OnTheSitesClock_SaysWhetherItIsOverOrToCome(string? from, string? to, string expected)
    {
        using var culture = UiCulture.Use("en");
        var now = new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero);
        var rule = new Window(from is null ? null : DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), to is null ? null : DateTimeOffset.Parse(to, CultureInfo.InvariantCulture));

        Assert.Equal(expected, SiteConfigurationPage.Validity(SiteCatalog.HK, rule, now));
    }

    [Fact]
    public void Validity_InTraditionalChinese()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var rule = new Window(null, new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));

        Assert.Equal("至 2026-12-02（已結束）", SiteConfigurationPage.Validity(SiteCatalog.TW, rule, new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task AReleaseWithHundredsOfWarnings_ListsTheFirstHundred_AndSaysHowManyMore()
    {
        using var culture = UiCulture.Use("en");
        // 150 copies of a free-shipping rule on PICKUP, which HK has disabled: each warns that it has no effect.
        await PublishHkAsync("Rules on a disabled channel", json =>
        {
            var rules = json["freeShipping"]!.AsArray();
            var template = rules.Single(r => (string?)r!["id"] == "FS-HK-CART-299")!;
            for (var i = 0; i < 150; i++)
            {
                var copy = template.DeepClone().AsObject();
                copy["id"] = $"FS-HK-PICKUP-{i:D3}";
                copy["channels"] = new JsonArray("PICKUP");
                rules.Add(copy);
            }
        });

        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.Contains("v2", page.Find("[data-testid=current-release]").TextContent, StringComparison.Ordinal));
        var total = ConfigurationValidator.Validate(ChangeRequestService.Parse(
            (await App.Services.GetRequiredService<ReleaseHistory>().CurrentAsync("HK"))!.ConfigJson)).Warnings.Count;
        Assert.InRange(total, 150, 160);
        Assert.Contains($"{total} warnings in this release", page.Markup, StringComparison.Ordinal);
        Assert.Equal(100, page.FindAll("ul.ops-issues li").Count);
        Assert.Equal($"{total - 100} more not listed.", page.Find("[data-testid=more-issues]").TextContent.Trim());
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<SiteConfigurationPage> page, string id) =>
        page.FindAll("[aria-label='Free-shipping rules'] tr").Single(r => r.TextContent.Contains(id, StringComparison.Ordinal));

    private sealed record Window(DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo) : IHasValidity;

    [Fact]
    public void AMarketplaceSizedRelease_EachSectionShowsAPageOfItsRows_WithAPager()
    {
        using var culture = UiCulture.Use("en");
        var json = JsonNode.Parse(ConfigurationJson.Serialize(OpsConsole.Domain.Demo.SyntheticConfiguration.Create(restrictedGoodsRules: 100, channels: 200)))!.AsObject();
        var rules = json["freeShipping"]!.AsArray();
        var template = rules[0]!.ToJsonString();
        for (var i = 0; i < 300; i++)
        {
            var rule = JsonNode.Parse(template)!.AsObject();
            rule["id"] = $"FS-MANY-{i:D3}";
            rules.Add(rule);
        }

        var config = ChangeRequestService.Parse(json.ToJsonString());
        using (var db = App.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OpsConsole.Persistence.OpsConsoleDbContext>>().CreateDbContext())
        {
            var first = db.Releases.Single(r => r.Site == "HK" && r.Version == 1);
            db.Releases.Add(new OpsConsole.Persistence.Release
            {
                Site = "HK", Version = 2, ConfigJson = ConfigurationJson.Serialize(config), Hash = ConfigurationJson.Sha256(config), Title = "Marketplace", AuthorId = "hk-editor",
                AuthorName = "Hana Ho", Approvers = "Kelvin Chan", PublishedById = "hk-approver", PublishedByName = "Kelvin Chan", PublishedAt = first.PublishedAt.AddDays(1),
            });
            db.SaveChanges();
        }

        var page = Render<SiteConfigurationPage>(p => p.Add(c => c.Site, "HK"));

        page.WaitForAssertion(() => Assert.Contains("v2", page.Find("[data-testid=current-release]").TextContent, StringComparison.Ordinal));
        // 200 channels and 306 free-shipping rules were each one table of every row (0.2 MB of markup for the channels alone).
        foreach (var grid in new[] { "Channels", "Free-shipping rules", "Restricted-goods rules" })
        {
            Assert.Equal(15, page.FindAll($"[aria-label='{grid}'] tbody tr").Count);
            Assert.NotEmpty(page.FindAll($"[aria-label='{grid}'] .rz-pager"));
        }
    }
}
