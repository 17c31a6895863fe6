using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>A page whose connection to the server drops (a train through a tunnel, a laptop lid closed) and comes back.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConnectionJourney(ConsoleFixture console)
{
    /// <summary>
    /// Edits typed before the connection dropped are on the page when it has rejoined the server, and save. They were
    /// replaced, without a word, by the saved proposal: rejoining hands the page its sign-in again, and the page read
    /// its change request afresh whenever it was handed one. The connection is dropped by closing the page's socket,
    /// as a network that goes away for longer than the server's timeout ends it, without waiting out that timeout.
    /// </summary>
    [Fact]
    public async Task UnsavedEdits_StayOnThePageWhenItRejoinsTheServerAfterTheConnectionDropped_AndSave()
    {
        var page = (await console.SignInAsync("Hana Ho")).Page;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        var request = await new ChangeRequestListPage(page).CreateAsync("HK", "Edited while the connection dropped");
        await request.EditJsonAsync(ChangeRequestPage.WithThreshold("FS-HK-CART-299", "277.00"));
        await Expect(request.Button("Save")).ToHaveAttributeAsync("aria-disabled", "false");

        IWebSocketRoute open;
        lock (sockets)
        {
            open = sockets[^1];
        }

        await open.CloseAsync(new() { Code = 4000, Reason = "dropped" });
        await Expect(page.Locator("#components-reconnect-modal")).ToHaveClassAsync(new Regex("components-reconnect-hide"), new() { Timeout = 30_000 });
        lock (sockets)
        {
            Assert.NotSame(open, sockets[^1]);
        }

        await Expect(request.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", "277.00"));
        await request.Button("Save").ClickAsync();
        await Expect(request.Outcome).ToContainTextAsync("Saved.");
        await request.OpenAsync("HK", request.Id);
        await Expect(request.Json).ToHaveValueAsync(ChangeRequestPage.HasThreshold("FS-HK-CART-299", "277.00"));
    }
}
