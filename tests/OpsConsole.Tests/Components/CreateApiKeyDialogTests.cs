using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Api;
using OpsConsole.Features.Administration;
using OpsConsole.Features.Audit;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>An administrator creates an API key in the dialog of the Administration page, over the real store and a real SQLite database.</summary>
public sealed class CreateApiKeyDialogTests : BunitContext
{
    private static readonly Actor Admin = new("admin", "Ada Admin");
    private readonly OpsConsoleFactory app = new();

    public CreateApiKeyDialogTests()
    {
        _ = app.Server; // migrations and demo seed
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        Services.AddSingleton(app.Services.GetRequiredService<ApiKeyStore>());
    }

    [Fact]
    public void Create_WhileTheDatabaseIsDown_SaysSo_AndKeepsWhatWasEntered()
    {
        using var culture = UiCulture.Use("en");
        var dialog = RenderDialog();
        dialog.Find("input[name='KeyName']").Change("HK checkout (production)");
        dialog.CheckBox("HK · Hong Kong").Change(true);

        app.MakeDatabaseUnreadable();
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Contains(DatabaseFailures.Message, dialog.Find(".rz-alert").TextContent, StringComparison.Ordinal));
        Assert.Empty(dialog.FindAll("textarea[aria-label='The new API key']"));
        Assert.Equal("HK checkout (production)", dialog.Find("input[name='KeyName']").GetAttribute("value"));
        Assert.True(dialog.CheckBox("HK · Hong Kong").HasAttribute("checked"));
    }

    [Fact]
    public async Task Create_AfterTheDatabaseFileWasRenamed_SaysSoInTraditionalChinese_AndCreatesNoKey()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var dialog = RenderDialog();
        dialog.Find("input[name='KeyName']").Change("HK checkout (production)");
        dialog.CheckBox("HK · 香港").Change(true);

        using (app.RenameDatabase())
        {
            dialog.Find("form").Submit();

            dialog.WaitForAssertion(() => Assert.Contains(MessageTexts.Translate(DatabaseFailures.MovedMessage), dialog.Find(".rz-alert").TextContent, StringComparison.Ordinal));
            Assert.Empty(dialog.FindAll("input[aria-label='The new API key']"));
            Assert.Equal("HK checkout (production)", dialog.Find("input[name='KeyName']").GetAttribute("value"));
        }

        TestDatabases.CloseConsoleDatabase(app.DataDirectory);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Set<ApiKey>().AnyAsync(k => k.Name == "HK checkout (production)"));
    }

    [Fact]
    public void Copy_RefusedByTheBrowser_SaysToCopyByHand_AndKeepsTheKeyOnScreen()
    {
        using var culture = UiCulture.Use("en");
        JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new Microsoft.JSInterop.JSException("Write permission denied."));
        var dialog = RenderDialog();
        dialog.Find("input[name='KeyName']").Change("HK checkout");
        dialog.CheckBox("HK · Hong Kong").Change(true);
        dialog.Find("form").Submit();
        var secret = dialog.WaitForElement("textarea[aria-label='The new API key']").GetAttribute("value");

        dialog.FindAll("button").Single(b => b.TextContent.Contains("Copy", StringComparison.Ordinal)).Click();

        Assert.Contains("select the key and copy it yourself", dialog.Find("[data-testid=copy-refused]").TextContent, StringComparison.Ordinal);
        Assert.Equal(secret, dialog.Find("textarea[aria-label='The new API key']").GetAttribute("value"));
    }

    [Fact]
    public void AsItOpens_TheNameFieldHasFocus()
    {
        using var culture = UiCulture.Use("en");
        var dialog = RenderDialog();

        JSInterop.VerifyFocusAsyncInvoke().Arguments[0].ShouldBeElementReferenceTo(dialog.Find("input[name='KeyName']"));
    }

    private IRenderedComponent<CreateApiKeyDialog> RenderDialog() => Render<CreateApiKeyDialog>(p => p.Add(d => d.Actor, Admin));

    [Fact]
    public async Task Create_ShowsTheKeyOnce_AndStoresOnlyItsHash()
    {
        var dialog = RenderDialog();

        dialog.Find("input[name='KeyName']").Change("HK checkout (production)");
        dialog.CheckBox("HK · Hong Kong").Change(true);
        dialog.Find("form").Submit();

        var secret = dialog.WaitForElement("textarea[aria-label='The new API key']").GetAttribute("value")!;
        Assert.Contains("Copy the key now", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("HK checkout (production), for HK", dialog.Markup, StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<ApiKey>().AsNoTracking().SingleAsync(k => k.Name == "HK checkout (production)");
        Assert.Equal("HK", stored.Sites);
        Assert.True(secret.Length >= 32, secret);
        Assert.StartsWith(stored.Prefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored.KeyHash, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.ApiKeyCreated && e.ActorName == "Ada Admin"));
    }

    [Fact]
    public async Task Create_WithoutANameOrASite_SaysWhatIsMissing_AndCreatesNothing()
    {
        var dialog = RenderDialog();

        dialog.Find("form").Submit();

        Assert.Contains("Give the key a name that says who uses it.", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("Name at least one site.", dialog.Markup, StringComparison.Ordinal);
        Assert.Empty(dialog.FindAll("textarea[aria-label='The new API key']"));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Set<ApiKey>().CountAsync());
    }

    [Theory]
    [InlineData("en", "A key in force is already named 'HK checkout (production)': give this one a name that tells them apart, or revoke that one first.")]
    [InlineData("zh-Hant", "已有一把使用中的金鑰名為「HK checkout (production)」：請為這把金鑰取一個能與它區分的名稱，或先撤銷那一把。")]
    public async Task Create_WithTheNameOfAKeyInForce_SaysSoAtTheNameField_AndCreatesNothing(string language, string expected)
    {
        using var culture = UiCulture.Use(language);
        var store = app.Services.GetRequiredService<ApiKeyStore>();
        Assert.True((await store.CreateAsync("HK checkout (production)", ["HK"], Admin, CancellationToken.None)).Succeeded);
        var dialog = RenderDialog();

        dialog.Find("input[name='KeyName']").Change("  hk CHECKOUT (production) ");
        dialog.CheckBox(language == "en" ? "HK · Hong Kong" : "HK · 香港").Change(true);
        dialog.Find("form").Submit();

        dialog.WaitForAssertion(() => Assert.Equal(expected, dialog.Find("#key-name-messages").TextContent.Trim()));
        var name = dialog.Find("input[name='KeyName']");
        Assert.Equal("key-name-messages", name.GetAttribute("aria-describedby"));
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        Assert.False(dialog.Find("#key-name-messages").HasAttribute("hidden"));
        Assert.Empty(dialog.FindAll(".rz-alert"));
        Assert.Empty(dialog.FindAll("textarea[aria-label='The new API key']"));
        Assert.Single(await store.ListAsync(CancellationToken.None));
    }

    [Fact]
    public void InTraditionalChinese_TheSitesAndTheProblemsAreChinese()
    {
        using var culture = UiCulture.Use("zh-Hant");
        var dialog = RenderDialog();

        dialog.Find("form").Submit();

        Assert.Contains("HK · 香港", dialog.Markup, StringComparison.Ordinal);
        Assert.Contains("請至少指定一個站點。", dialog.Markup, StringComparison.Ordinal);
        Assert.Equal("可讀取的站點", dialog.Find("fieldset legend").TextContent);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }

        base.Dispose(disposing);
    }
}
