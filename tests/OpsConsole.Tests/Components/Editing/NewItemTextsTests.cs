using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

/// <summary>
/// What a newly added channel, free-shipping rule or promotion gives buyers to read before anyone writes it. They started
/// with texts of placeholders alone, which validation took: a new promotion's nudge read "1" in the preview, a new
/// channel's promise "3-6", in every locale, Malay and Simplified Chinese included. Like a new restricted-goods rule's
/// reasons, they now start empty, and validation asks for each locale's text at the field.
/// </summary>
public sealed class NewItemTextsTests
{
    private static readonly SiteInfo Site = SiteCatalog.MY;
    private static readonly SiteConfiguration Demo = DemoConfigurations.For("MY");

    [Fact]
    public void ANewPromotionsNudges_AreAskedForInEveryLocale()
    {
        var promo = ConsolidationPromoModel.NewPromo(Site, Demo.Channels, Demo.ConsolidationPromos.Select(p => p.Id));
        var config = new SiteConfiguration(Demo.Site, Demo.Channels, Demo.FreeShipping, Demo.ConsolidationPromos.Append(promo), Demo.RestrictedGoods);

        Assert.Equal(MissingEverywhere($"consolidationPromos[{config.ConsolidationPromos.ToList().IndexOf(promo)}].nudgeTemplates"), Missing(config));
    }

    [Fact]
    public void ANewFreeShippingRulesNudges_AreAskedForInEveryLocale()
    {
        var rule = FreeShippingRuleModel.NewRule(Site, Demo.Channels, Demo.FreeShipping.Select(r => r.Id));
        var config = new SiteConfiguration(Demo.Site, Demo.Channels, Demo.FreeShipping.Append(rule), Demo.ConsolidationPromos, Demo.RestrictedGoods);

        Assert.Equal(MissingEverywhere($"freeShipping[{config.FreeShipping.ToList().IndexOf(rule)}].nudgeTemplates"), Missing(config));
    }

    [Fact]
    public void ANewChannelsPromise_IsAskedForInEveryLocale()
    {
        var channel = ChannelModel.NewChannel(Site, Demo.Channels.Select(c => c.Code));
        var config = new SiteConfiguration(Demo.Site, Demo.Channels.Append(channel), Demo.FreeShipping, Demo.ConsolidationPromos, Demo.RestrictedGoods);

        Assert.Equal(MissingEverywhere($"channels[{config.Channels.ToList().IndexOf(channel)}].promiseTemplates"), Missing(config));
    }

    private static string[] MissingEverywhere(string path) => [.. Site.Locales.Select(locale => $"{path}.{locale}")];

    private static string[] Missing(SiteConfiguration config) =>
        [.. ConfigurationValidator.Validate(config).Errors.Where(e => e.Code == IssueCodes.MissingLocale).Select(e => e.Path)];
}
