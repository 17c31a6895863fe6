using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components;

public sealed class FluentValidatorTests
{
    private static readonly ChannelModel Channel = new(SiteCatalog.HK, DemoConfigurations.For("HK").FindChannel("DIRECT_STD")!);

    [Theory]
    [InlineData("rate.stepPrice", "Rate", "StepPrice")]
    [InlineData("Rate.StepPrice", "Rate", "StepPrice")]
    [InlineData("surcharges[1].amount", "Surcharge", "Amount")]
    [InlineData("code", "Channel", "Code")]
    public void ModelPaths_Resolve_FindsTheField(string path, string owner, string field)
    {
        var resolved = ModelPaths.Resolve(Channel, path);

        Assert.Equal(field, resolved.FieldName);
        Assert.StartsWith(owner, resolved.Model.GetType().Name, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelPaths_Resolve_LocaleLandsOnThatLocalesText()
    {
        var resolved = ModelPaths.Resolve(Channel, "promiseTemplates.en-HK");

        Assert.Equal(new FieldIdentifier(Channel.PromiseTemplates.Texts.Single(t => t.Locale == "en-HK"), nameof(LocaleTextModel.Text)), resolved);
    }

    [Fact]
    public void ModelPaths_Resolve_UnknownPathLandsOnTheModel()
    {
        Assert.Equal(new FieldIdentifier(Channel, string.Empty), ModelPaths.Resolve(Channel, "nothing.here"));
    }

    [Fact]
    public void ModelPaths_Resolve_ElementOfAStringListLandsOnTheList()
    {
        var rule = new FreeShippingRuleModel(SiteCatalog.HK, DemoConfigurations.For("HK").FreeShipping[0]);

        Assert.Equal(new FieldIdentifier(rule, nameof(FreeShippingRuleModel.Channels)), ModelPaths.Resolve(rule, "channels[0]"));
    }
}
