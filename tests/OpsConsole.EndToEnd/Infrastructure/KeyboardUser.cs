using Microsoft.Playwright;
using Xunit.Sdk;

namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>
/// Someone who works the console with the keyboard alone: Tab, Shift+Tab, arrows, Enter, Space and typing, never the
/// mouse. Every control the Tab key reaches on the way must show that it has focus (WCAG 2.4.7): the few pixels around
/// it look different with focus than without, whatever the theme draws (an outline, a ring, a form field's border).
/// </summary>
public sealed class KeyboardUser(IPage page)
{
    // What the focused element is, for messages; and the box to compare (a control hidden behind its label, such as the
    // file pickers' native input, shows its focus on the label).
    private const string Focused = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body || e === document.documentElement) return null;
          let shown = e;
          for (let r = shown.getBoundingClientRect(); (r.width < 4 || r.height < 4) && shown.parentElement; r = shown.getBoundingClientRect())
            shown = shown.closest('label') ?? shown.parentElement;
          const r = shown.getBoundingClientRect();
          const name = (e.getAttribute('aria-label') || e.labels?.[0]?.innerText || e.innerText || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
          return { what: `${e.tagName.toLowerCase()}${e.getAttribute('role') ? '[role=' + e.getAttribute('role') + ']' : ''} "${name}"`,
                   x: r.x, y: r.y, width: r.width, height: r.height };
        }
        """;

    private readonly List<string> path = [];

    public IPage Page => page;

    /// <summary>Presses Tab until <paramref name="target"/> (or something inside it) has focus.</summary>
    public async Task TabToAsync(ILocator target, int limit = 80)
    {
        await target.WaitForAsync();
        path.Clear();
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            await AssertFocusIsVisibleAsync();
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }
        }

        throw new XunitException($"{target} was not reached in {limit} presses of Tab. Focus went to:\n  {string.Join("\n  ", path)}");
    }

    /// <summary>
    /// Waits until <paramref name="target"/> has focus without a key pressed (the page moved it there, as after a button
    /// that disappeared once pressed), and checks that it shows it.
    /// </summary>
    public async Task ExpectFocusOnAsync(ILocator target)
    {
        await Assertions.Expect(target).ToBeFocusedAsync();
        path.Clear();
        await AssertFocusIsVisibleAsync();
    }

    /// <summary>
    /// Presses <paramref name="key"/> until <paramref name="option"/> has focus, or is the one the focused composite (a
    /// grid) points at with <c>aria-activedescendant</c>, which is what a screen reader announces as the arrows move.
    /// </summary>
    public async Task ArrowToAsync(string key, ILocator option, int limit = 20)
    {
        await option.WaitForAsync();
        for (var i = 0; i < limit; i++)
        {
            // The grid moves its pointer on the server's answer: wait for each step to show, or presses sent meanwhile
            // step past the option between two looks (seen once in twenty runs).
            var before = await page.EvaluateAsync<string?>(Pointed);
            await page.Keyboard.PressAsync(key);
            try
            {
                await page.WaitForFunctionAsync($"before => ({Pointed})() !== before", before, new() { Timeout = 2_000 });
            }
            catch (TimeoutException)
            {
                // Nothing moved (the end of the list, or a control that takes the key without moving): look anyway.
            }

            var reached = await option.EvaluateAsync<bool>("""
                o => {
                  const focused = document.activeElement;
                  const pointed = focused?.getAttribute('aria-activedescendant');
                  const active = pointed ? document.getElementById(pointed) : focused;
                  return !!active && (o === active || o.contains(active));
                }
                """);
            if (reached)
            {
                return;
            }
        }

        throw new XunitException($"{option} was not reached in {limit} presses of {key} (focus is on {await FocusedAsync()}).");
    }

    // What the focused element is, or points at with aria-activedescendant: what a screen reader announces.
    private const string Pointed = """
        () => {
          const focused = document.activeElement;
          return focused ? (focused.getAttribute('aria-activedescendant') || focused.id || focused.outerHTML.slice(0, 200)) : null;
        }
        """;

    public async Task PressAsync(string key) => await page.Keyboard.PressAsync(key);

    public async Task TypeAsync(string text) => await page.Keyboard.TypeAsync(text);

    /// <summary>What has focus now, as the messages name it (null when nothing does).</summary>
    public async Task<string?> FocusedAsync() => (await page.EvaluateAsync<FocusBox?>(Focused))?.What;

    private async Task AssertFocusIsVisibleAsync()
    {
        // A dialog opening scales in: measured mid-way, the control would be looked for where it is not yet.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var focused = await page.EvaluateAsync<FocusBox?>(Focused);
        if (focused is null)
        {
            // Past the page's last control Tab leaves for the browser's own; the next press comes back to the first.
            path.Add("(the browser, past the page's end)");
            return;
        }

        path.Add(focused.What);
        var viewport = page.ViewportSize!;
        // The theme draws some rings outside the control (2 px wide, 2 px away).
        const int Margin = 6;
        var left = Math.Max(0, focused.X - Margin);
        var top = Math.Max(0, focused.Y - Margin);
        var clip = new Clip
        {
            X = (float)left,
            Y = (float)top,
            Width = (float)(Math.Min(viewport.Width, focused.X + focused.Width + Margin) - left),
            Height = (float)(Math.Min(viewport.Height, focused.Y + focused.Height + Margin) - top),
        };
        if (clip.Width < 1 || clip.Height < 1)
        {
            throw new XunitException($"Tab reached {focused.What}, which is not on the screen.");
        }

        var options = new PageScreenshotOptions { Clip = clip, Animations = ScreenshotAnimations.Disabled };
        await using var element = await page.EvaluateHandleAsync("() => document.activeElement");

        // Compared a few times: a control Blazor has just re-rendered may paint its focus a frame late.
        for (var attempt = 0; ; attempt++)
        {
            var withFocus = await page.ScreenshotAsync(options);
            await element.EvaluateAsync("e => e.blur()");
            var withoutFocus = await page.ScreenshotAsync(options);
            await element.EvaluateAsync("e => e.focus({ preventScroll: true })");
            if (!await element.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                throw new XunitException($"{focused.What} could not take focus back after the check.");
            }

            if (!withFocus.AsSpan().SequenceEqual(withoutFocus))
            {
                return;
            }

            if (attempt == 2)
            {
                throw new XunitException($"{focused.What} has focus but looks the same without it. The way there:\n  {string.Join("\n  ", path)}");
            }

            await page.WaitForTimeoutAsync(100);
        }
    }

    private sealed class FocusBox
    {
        public string What { get; set; } = "";

        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; set; }

        public double Height { get; set; }
    }
}
