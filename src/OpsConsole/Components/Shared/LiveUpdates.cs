using System.Globalization;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using Radzen;

namespace OpsConsole.Components.Shared;

/// <summary>
/// Brings an open page up to date after a change made elsewhere (another person's action, another console, the import
/// verb). Nobody pressed anything, so a failure has no action to report it: before, it ended in a task nobody awaited,
/// unlogged, and the page went on showing what it had as if it were current. Now it is logged and the user is told,
/// once until the page is brought up to date again, that what they see may be out of date.
/// </summary>
/// <remarks>
/// The change is heard on the thread of whoever made it, and a page's InvokeAsync runs in the caller's execution context,
/// culture included: a Chinese page brought up to date after an English-speaking colleague saved rendered in English.
/// The page's own language is taken when this (one per circuit) is made for it, and put back for each refresh.
/// </remarks>
public sealed class LiveUpdates(NotificationService notifications, ILogger<LiveUpdates> logger)
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;
    private bool told;

    /// <summary>Runs <paramref name="refresh"/> (re-reading and rendering <paramref name="page"/>), and says so if it fails.</summary>
    public async Task RefreshAsync(string page, Func<Task> refresh)
    {
        // Set inside this async method, the cultures are the caller's again once it returns or first waits (the method
        // builder restores the caller's execution context), so whoever raised the change keeps their own.
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        try
        {
            await refresh();
            told = false;
        }
        catch (Exception failure)
        {
            var database = DatabaseFailures.Is(failure);
            logger.Log(database ? LogLevel.Warning : LogLevel.Error, failure, "{Page} could not show a change made elsewhere", page);
            if (told)
            {
                return;
            }

            told = true;
            notifications.Notify(new NotificationMessage
            {
                Severity = NotificationSeverity.Warning,
                Summary = ConsoleTexts.T("This page may be out of date"),
                Detail = database
                    ? ConsoleTexts.T("Something changed elsewhere, and the database did not answer when this page asked for it. Reload the page in a moment.")
                    : ConsoleTexts.T("Something changed elsewhere, and this page could not show it. Reload the page."),
                Duration = 20000,
            });
        }
    }
}
