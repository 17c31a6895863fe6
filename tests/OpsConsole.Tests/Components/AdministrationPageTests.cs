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
        Services.AddSingleton(App.Services.GetRequiredService<ApiKeyStore>());
        AddAuthorization().SetAuthorized("Ada Admin").SetRoles(OpsRoles.Admin).SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
    }

    [Fact]
    public async Task Revoke_MovesFocusToTheRevokedRow_SinceItsButtonHasGone()
    {
        using var culture = UiCulture.Use("en");
        var key = await CreateKeyAsync();
        var (page, dialogs) = RenderPage();

        RevokeButton(page).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        Services.GetRequiredService<DialogService>().Close(true);

        var revoked = page.WaitForElement("[data-testid=revoked]");
        Assert.Contains("by Ada Admin", revoked.TextContent, StringComparison.Ordinal);
        Assert.Equal("-1", revoked.GetAttribute("tabindex"));
        Assert.Empty(page.FindAll($"button[aria-label='Revoke {KeyName}']"));
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
        await CreateKeyAsync();
        var (page, dialogs) = RenderPage();

        RevokeButton(page).Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Keep it", dialogs.Markup, StringComparison.Ordinal));
        App.MakeDatabaseUnreadable();
        Services.GetRequiredService<DialogService>().Close(true);

        page.WaitForAssertion(() => Assert.Single(Services.GetRequiredService<NotificationService>().Messages));
        var told = Services.GetRequiredService<NotificationService>().Messages.Single();
        Assert.Equal(NotificationSeverity.Error, told.Severity);
        Assert.Equal("Key not revoked", told.Summary);
        Assert.Equal("The database did not answer, so nothing was changed. Try again in a moment.", told.Detail);
        Assert.NotNull(RevokeButton(page));
        Assert.Empty(page.FindAll("[data-testid=revoked]"));
    }

    private async Task<ApiKey> CreateKeyAsync() =>
        (await App.Services.GetRequiredService<ApiKeyStore>().CreateAsync(KeyName, ["TW"], new Actor("admin", "Ada Admin"), CancellationToken.None)).Key;

    private (IRenderedComponent<AdministrationPage> Page, IRenderedComponent<RadzenDialog> Dialogs) RenderPage()
    {
        var dialogs = Render<RadzenDialog>();
        var page = Render<AdministrationPage>();
        page.WaitForElement($"button[aria-label='Revoke {KeyName}']");
        return (page, dialogs);
    }

    private static AngleSharp.Dom.IElement RevokeButton(IRenderedComponent<AdministrationPage> page) => page.Find($"button[aria-label='Revoke {KeyName}']");
}
