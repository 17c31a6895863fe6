using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Editing;
using OpsConsole.Features.Preview;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components.Editing;

/// <summary>
/// The change request page's parts read in Chinese on a Chinese console: no English words are left in the text a person reads
/// or in the names a screen reader gives the controls, except what is data rather than the console's own words. Data is marked as such in the markup: codes in <c>code</c>,
/// buyer-facing texts with the <c>lang</c> of their locale, sample data and ids with <c>translate="no"</c>.
/// </summary>
public sealed partial class ChineseConsoleTests : EditorTestContext
{
    public static TheoryData<string> Parts =>
    [
        "free-shipping", "channels", "promotions", "restricted-goods", "restricted-goods-exported-and-imported", "restricted-goods-import-refused",
        "transfer", "transfer-exported-and-imported", "transfer-import-refused", "preview", "impact",
    ];

    [Theory]
    [MemberData(nameof(Parts))]
    public void InTraditionalChinese_NoEnglishWordsAreLeft(string part)
    {
        using var culture = UiCulture.Use("zh-Hant-HK");
        var rendered = Render(part);

        var nodes = rendered.SelectMany(n => n.GetDescendantsAndSelf()).ToList();
        // What is read on the screen, and what a screen reader says for a control (its accessible name).
        var english = nodes.OfType<IText>().Where(t => !IsData(t.ParentElement)).Select(t => t.Data.Trim())
            .Concat(nodes.OfType<IElement>().Where(e => !IsData(e) && e.GetAttribute("aria-hidden") != "true")
                .Select(e => e.GetAttribute("aria-label")?.Trim()).OfType<string>()
                // A name that has the console's Chinese words in it may name data too ("Phone case 的數量").
                .Where(label => !Scripts.Chinese().IsMatch(label)))
            .Where(text => EnglishWords().IsMatch(text) || LoneEnglishWord().IsMatch(text) || EnglishWordBeforeCode().IsMatch(text))
            .Distinct()
            .ToList();

        Assert.True(english.Count == 0, $"English left in {part}:\n" + string.Join("\n", english));
    }

    private INodeList Render(string part)
    {
        var site = SiteCatalog.HK;
        var context = NewContext(site);
        var release = DemoConfigurations.For(site.Code);
        var draft = release with { FreeShipping = [.. release.FreeShipping.Select(r => r with { Threshold = r.Threshold - 100 })] };
        switch (part)
        {
            case "free-shipping":
                return Render<FreeShippingEditor>(p => p.Add(e => e.Context, context)).Nodes;
            case "channels":
                return Render<ChannelEditor>(p => p.Add(e => e.Context, context)).Nodes;
            case "promotions":
                return Render<ConsolidationPromoEditor>(p => p.Add(e => e.Context, context)).Nodes;
            case "restricted-goods":
                var goods = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
                goods.FindAll("tr").First(r => r.TextContent.Contains("RG-HK-MED-LIMIT", StringComparison.Ordinal)).Click();
                return goods.Nodes;
            case "restricted-goods-exported-and-imported":
            case "restricted-goods-import-refused":
                var rules = Render<RestrictedGoodsEditor>(p => p.Add(e => e.Context, context));
                rules.FindAll("button").First(b => b.TextContent.Contains("CSV", StringComparison.Ordinal)).Click();
                var csv = RestrictedGoodsCsv.Write(site, release.RestrictedGoods);
                rules.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
                    part.EndsWith("refused", StringComparison.Ordinal) ? csv.Replace(",BlockSale,", ",Burn,", StringComparison.Ordinal) : csv, "HK.csv"));
                rules.WaitForElement(part.EndsWith("refused", StringComparison.Ordinal) ? "[data-testid=rg-import-problems]" : "[data-testid=rg-import-outcome]");
                return rules.Nodes;
            case "transfer":
                return Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context)).Nodes;
            case "transfer-exported-and-imported":
            case "transfer-import-refused":
                var transfer = Render<ConfigurationTransfer>(p => p.Add(e => e.Context, context));
                transfer.FindAll("button").First(b => b.TextContent.Contains("JSON", StringComparison.Ordinal)).Click();
                transfer.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
                    DemoConfigurations.Json(part.EndsWith("refused", StringComparison.Ordinal) ? "TW" : "HK"), "HK.json"));
                transfer.WaitForElement(part.EndsWith("refused", StringComparison.Ordinal) ? "[data-testid=config-import-problems]" : "[data-testid=config-import-outcome]");
                return transfer.Nodes;
            case "preview":
                return Render<Preview>(p => p.Add(x => x.Site, site).Add(x => x.Draft, draft).Add(x => x.Release, release).Add(x => x.ReleaseVersion, 3)).Nodes;
            default:
                var impact = Render<ImpactPanel>(p => p.Add(x => x.Site, site).Add(x => x.Draft, draft).Add(x => x.Release, release).Add(x => x.ReleaseVersion, 3));
                impact.Find("input[name='impact-carts']").Change("200");
                impact.Find("[data-testid='impact-run']").Click();
                impact.WaitForElement("[data-testid='impact-largest']");
                return impact.Nodes;
        }
    }

    private static bool IsData(IElement? element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "code" or "pre" or "textarea" or "script" or "style"
                || e.ClassList.Contains("rzi") || e.ClassList.Contains("notranslate")
                || e.GetAttribute("translate") == "no"
                || (e.GetAttribute("lang") is { } lang && !lang.StartsWith("zh", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    // Two words in a row, the later ones in lower case ("Prefixes, comma-separated"); codes and ids are upper case.
    [GeneratedRegex(@"\b[A-Za-z][a-z]+(?:[ ,'(-]+[a-z]{2,})+\b")]
    private static partial Regex EnglishWords();

    // A text that is one English word ("open", "Discount").
    [GeneratedRegex(@"^[A-Za-z][a-z]{2,}$")]
    private static partial Regex LoneEnglishWord();

    // "Remove FS-HK-CART-299": an English word before an id or code, which the patterns above (lower-case words) miss.
    [GeneratedRegex(@"\b[A-Z][a-z]{2,} [A-Z][A-Z0-9_-]+\b")]
    private static partial Regex EnglishWordBeforeCode();
}
