using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;

namespace OpsConsole.Tests.Components.Editing;

public sealed class ConfigurationTransferTests : EditorTestContext
{
    [Fact]
    public void ConfigurationTransfer_ImportWithBadFields_ListsEveryOneAndChangesNothing()
    {
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var generation = context.Generation;
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));
        var json = DemoConfigurations.Json("HK")
            .Replace("\"firstPrice\": 18.00", "\"firstPrice\": \"cheap\"", StringComparison.Ordinal)
            .Replace("\"scope\": \"Cart\"", "\"scope\": \"Basket\"", StringComparison.Ordinal);

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "hk.json"));

        var problems = transfer.Find("[data-testid=config-import-problems]").TextContent;
        Assert.Contains("channels[0].rate.firstPrice", problems, StringComparison.Ordinal);
        Assert.Contains("freeShipping[0].scope", problems, StringComparison.Ordinal);
        Assert.Same(before, context.Config);
        Assert.Equal(generation, context.Generation);
    }

    [Fact]
    public void ConfigurationTransfer_AFileThatIsNotJson_SaysWhereTheReaderStopped_WithoutABarePath()
    {
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\n  \"site\": \"HK\",\n  \"channels\": [,\n", "hk.json"));

        // "$" (the whole document) before the reason named nothing the title does not.
        var problem = Assert.Single(transfer.FindAll("[data-testid=config-import-problems] li"));
        Assert.Equal("Malformed JSON at line 3, position 16: ',' is an invalid start of a value.", problem.TextContent.Trim());
        Assert.Same(before, context.Config);
    }

    [Fact]
    public void ConfigurationTransfer_ImportOfAnotherSite_IsRefused()
    {
        var context = NewContext(SiteCatalog.HK);
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(DemoConfigurations.Json("TW"), "tw.json"));

        Assert.Contains("The file is for TW", transfer.Find("[data-testid=config-import-problems]").TextContent, StringComparison.Ordinal);
        Assert.Equal("HK", context.Config.Site);
        Assert.Equal(0, Proposals);
    }

    [Fact]
    public void ConfigurationTransfer_AFileNotInUtf8_ImportsNothingAndSaysSo()
    {
        // Notepad's "ANSI" on a Hong Kong or Taiwan Windows writes Big5: read as UTF-8, every Chinese name, template and
        // reason became replacement characters, and the import said it had replaced the draft.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var context = NewContext(SiteCatalog.HK);
        var before = context.Config;
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(System.Text.Encoding.GetEncoding("big5").GetBytes(DemoConfigurations.Json("HK")), "hk.json"));

        var problems = transfer.Find("[data-testid=config-import-problems]").TextContent;
        Assert.Contains("not UTF-8", problems, StringComparison.Ordinal);
        Assert.Same(before, context.Config);
        Assert.Equal(0, Proposals);
    }

    [Fact]
    public void ConfigurationTransfer_AUtf8FileWithAByteOrderMark_Imports()
    {
        var context = NewContext(SiteCatalog.HK);
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));
        var json = DemoConfigurations.Json("HK").Replace("\"threshold\": 299.00", "\"threshold\": 249.00", StringComparison.Ordinal);

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(json)], "hk.json"));

        Assert.Equal(249m, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
        Assert.Equal(DemoConfigurations.For("HK").Channels[0].Names, context.Config.Channels[0].Names);
    }

    [Fact]
    public void ConfigurationTransfer_GoodImport_ReplacesTheDraftAndRebuildsTheEditors()
    {
        var context = NewContext(SiteCatalog.HK);
        var generation = context.Generation;
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));
        var json = DemoConfigurations.Json("HK").Replace("\"threshold\": 299.00", "\"threshold\": 249.00", StringComparison.Ordinal);

        transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(json, "hk.json"));

        Assert.Equal(249m, context.Config.FreeShipping.Single(r => r.Id == "FS-HK-CART-299").Threshold);
        Assert.Equal(generation + 1, context.Generation);
    }

    [Fact]
    public void ConfigurationTransfer_Export_OffersTheDraftAsJson()
    {
        var context = NewContext(SiteCatalog.HK);
        var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));

        transfer.FindAll("button").Single(b => b.TextContent.Contains("Export JSON", StringComparison.Ordinal)).Click();

        var href = transfer.Find("[data-testid=config-export-link]").GetAttribute("href")!;
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(href[(href.IndexOf(',', StringComparison.Ordinal) + 1)..]));
        Assert.Equal(context.Config, ConfigurationJson.Parse(json).Value);
    }
}
