using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Api;
using OpsConsole.Auth;
using OpsConsole.Features.Administration;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Persistence;
using OpsConsole.Tests.Infrastructure;
using Radzen;
using Radzen.Blazor;

namespace OpsConsole.Tests.Components;

/// <summary>An administrator revokes an API key on the Administration page, over the real store and a real SQLite database.</summary>
public sealed class AdministrationPageTests : ConsoleBunitContext
{
    private const string KeyName = "TW search (staging)";

    public AdministrationPageTests()
    {
        Services.AddSingleton(App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>());
        Services.AddSingleton(App.Services.GetRequiredService<ChangeRequestService>());
        Services.AddSingleton(App.Services.GetRequiredService<WorkflowEvents>());
        Services.AddSingleton(App.Services.GetRequiredService<ApiKeyStore>());
        SignInAsAdmin();
    }

    [Fact]
    public async Task Revoke_MovesFocusToTheRevokedRow_SinceItsButtonHasGone()
    {
        using var culture = UiCulture.Use("en");
        var key = await CreateKeyAsync();
        var (page, dialogs) = RenderPage(key);

        RevokeButton(page, key).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        Services.GetRequiredService<DialogService>().Close(true);

        var revoked = page.WaitForElement("[data-testid=revoked]");
        Assert.Contains("by Ada Admin", revoked.TextContent, StringComparison.Ordinal);
        Assert.Equal("-1", revoked.GetAttribute("tabindex"));
        Assert.Empty(page.FindAll(RevokeSelector(key)));
        var focus = JSInterop.Invocations["opsConsole.focusWhenShown"].Last();
        Assert.Equal("#" + revoked.Id, focus.Arguments[0]);
        Assert.Equal($"revoked-key-{key.Id}", revoked.Id);
        var told = Assert.Single(Services.GetRequiredService<NotificationService>().Messages);
        Assert.Equal(("Key revoked", KeyName), (told.Summary, told.Detail));
    }

    [Fact]
    public async Task Revoke_WhileTheDatabaseIsDown_SaysSo_AndKeepsThePageAndTheKey()
    {
        using var culture = UiCulture.Use("en");
        var key = await CreateKeyAsync();
        var (page, dialogs) = RenderPage(key);

        RevokeButton(page, key).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        App.MakeDatabaseUnreadable();
        Services.GetRequiredService<DialogService>().Close(true);

        page.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
        var told = Services.GetRequiredService<NotificationService>().Messages.Single();
        Assert.Equal(NotificationSeverity.Error, told.Severity);
        Assert.Equal("Key not revoked", told.Summary);
        Assert.Equal("The database did not answer, so nothing was changed. Try again in a moment.", told.Detail);
        Assert.NotNull(RevokeButton(page, key));
        Assert.Empty(page.FindAll("[data-testid=revoked]"));
    }

    [Fact]
    public async Task Revoke_AfterTheDatabaseFileWasRenamed_SaysTheConsoleMustBeRestarted_AndRevokesNothing()
    {
        using var culture = UiCulture.Use("en");
        var key = await CreateKeyAsync();
        var (page, dialogs) = RenderPage(key);

        RevokeButton(page, key).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        using (App.RenameDatabase())
        {
            Services.GetRequiredService<DialogService>().Close(true);

            page.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
            var told = Services.GetRequiredService<NotificationService>().Messages.Single();
            Assert.Equal(("Key not revoked", DatabaseFailures.MovedMessage), (told.Summary, told.Detail));
            Assert.NotNull(RevokeButton(page, key));
        }

        TestDatabases.CloseConsoleDatabase(App.DataDirectory);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync();
        Assert.Null((await db.Set<ApiKey>().AsNoTracking().SingleAsync(k => k.Id == key.Id)).RevokedAt);
    }

    [Theory]
    [InlineData("en", "Revoke {0} ({1}…)")]
    [InlineData("zh-Hant", "撤銷 {0}（{1}…）")]
    public async Task RevokeButtons_OfKeysOfOneName_SayWhichKeyEachRevokes(string language, string expected)
    {
        using var culture = UiCulture.Use(language);
        // Two keys in force with one name, as a database from before names had to differ may hold them.
        var first = await CreateKeyAsync();
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<OpsConsoleDbContext>>().CreateDbContextAsync())
        {
            var secret = ApiKeyStore.NewSecret();
            db.Set<ApiKey>().Add(new ApiKey
            {
                Name = KeyName,
                Prefix = secret[..12],
                KeyHash = ApiKeyStore.Hash(secret),
                Sites = "HK",
                CreatedById = "admin",
                CreatedByName = "Ada Admin",
                CreatedAt = first.CreatedAt.AddMinutes(1),
            });
            await db.SaveChangesAsync();
        }

        var (page, _) = RenderPage(first);

        var names = page.FindAll("button").Where(b => b.TextContent.Contains(OpsConsole.Localization.ConsoleTexts.T("Revoke"), StringComparison.Ordinal))
            .Select(b => b.GetAttribute("aria-label")).ToList();
        var keys = await App.Services.GetRequiredService<ApiKeyStore>().ListAsync(CancellationToken.None);
        Assert.Equal(keys.Select(k => string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, KeyName, k.Prefix)), names);
        Assert.Equal(2, names.Distinct().Count());
    }

    private async Task<ApiKey> CreateKeyAsync() =>
        (await App.Services.GetRequiredService<ApiKeyStore>().CreateAsync(KeyName, ["TW"], new Actor("admin", "Ada Admin"), CancellationToken.None)).Created!.Key;

    private (IRenderedComponent<AdministrationPage> Page, IRenderedComponent<RadzenDialog> Dialogs) RenderPage(ApiKey key)
    {
        var dialogs = Render<RadzenDialog>();
        var page = Render<AdministrationPage>();
        page.WaitForElement(RevokeSelector(key));
        return (page, dialogs);
    }

    private static string RevokeSelector(ApiKey key) => $"button[aria-label='{OpsConsole.Localization.ConsoleTexts.F("Revoke {0} ({1}…)", key.Name, key.Prefix)}']";

    private static AngleSharp.Dom.IElement RevokeButton(IRenderedComponent<AdministrationPage> page, ApiKey key) => page.Find(RevokeSelector(key));
}
