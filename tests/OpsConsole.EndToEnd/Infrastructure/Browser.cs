using Microsoft.Playwright;

using OpsConsole.EndToEnd.Pages;

namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (browser downloads are blocked here; see docs/decisions/0001-platform.md).</summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the networking flags Chromium floods the closed network with refused connections.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}

/// <summary>One console and one browser for all journeys in the collection; each test gets its own browser contexts.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public ConsoleServer Server { get; private set; } = default!;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    // What the pages' scripts said (Blazor's circuit, reconnection, script errors), by page and time: a journey that
    // fails in CI because a click went nowhere is explained by this beside the console's log.
    private readonly System.Text.StringBuilder browserLog = new();
    private int pages;

    public async Task InitializeAsync()
    {
        // Times on the console's lines, so they line up with the browser's.
        Server = await ConsoleServer.StartAsync(new Dictionary<string, string?> { ["Logging__Console__FormatterName"] = "simple", ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ", ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true" });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Infrastructure.Browser.LaunchAsync(Playwright);
        // An expectation waits as long as an action does (15 s, below): its default of 5 s was passed once by the first
        // save of a journey on a machine busy with other builds, which is a slow machine, not a broken console.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh, signed-out browser session (its own cookies) at the console's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        // Which element each click reached: a click that lands on a button Blazor has just replaced goes to its row instead.
        await context.AddInitScriptAsync("""
            document.addEventListener('click', e => {
              const t = e.target instanceof Element ? e.target.closest('button, a, input, [role]') ?? e.target : null;
              console.debug('click on', t ? t.tagName.toLowerCase() + ' ' + (t.getAttribute('aria-label') ?? t.textContent ?? '').trim().slice(0, 60) : String(e.target));
            }, true);
            """);
        var page = await context.NewPageAsync();
        var number = Interlocked.Increment(ref pages);
        page.Console += (_, message) => AppendBrowserLog(number, $"{message.Type}: {message.Text}");
        page.PageError += (_, error) => AppendBrowserLog(number, $"page error: {error}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                AppendBrowserLog(number, $"at {frame.Url}");
            }
        };
        return page;
    }

    private void AppendBrowserLog(int page, string line)
    {
        lock (browserLog)
        {
            browserLog.Append(System.Globalization.CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} page {page} {line}").AppendLine();
        }
    }

    /// <summary>A fresh browser session signed in through the development sign-in as <paramref name="displayName"/>, on <paramref name="path"/>.</summary>
    public async Task<ShellPage> SignInAsync(string displayName, string path = "/") =>
        await new SignInPage(await NewPageAsync()).SignInAsync(displayName, path);

    /// <summary>Saves a full-page PNG when OPSCONSOLE_SCREENSHOTS names a folder: for looking at the console as a user does.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("OPSCONSOLE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <summary>
    /// Like <see cref="ScreenshotAsync(IPage, string)"/> on a viewport <paramref name="height"/> pixels tall: the
    /// console scrolls inside its layout body, so a full-page shot of a long page shows only its first screen.
    /// </summary>
    public static async Task TallScreenshotAsync(IPage page, string name, int height = 2600)
    {
        if (Environment.GetEnvironmentVariable("OPSCONSOLE_SCREENSHOTS") is not { Length: > 0 })
        {
            return;
        }

        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(size.Width, height);
        await ScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    public async Task DisposeAsync()
    {
        // A start that failed part-way (no Chromium, say) leaves the later parts unset: its own error is the one to read.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (Server is null)
        {
            return;
        }

        await Server.DisposeAsync();
        // test.sh names a file and shows its end when a journey failed: what the console said is what explains it.
        if (Environment.GetEnvironmentVariable("OPSCONSOLE_SERVER_LOG") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, Server.Log);
            lock (browserLog)
            {
                File.WriteAllText(Path.ChangeExtension(file, ".browser.log"), browserLog.ToString());
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console";
}
