using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OpsConsole.EndToEnd.Infrastructure;
using OpsConsole.EndToEnd.Pages;
using static Microsoft.Playwright.Assertions;

namespace OpsConsole.EndToEnd.Journeys;

/// <summary>
/// Typing into the JSON of a proposal at marketplace scale: a keystroke tells the server only that something was typed.
/// Blazor's input event carried the text area's whole text, twice (the event's value and the field's), megabytes at
/// every keystroke, although the page only needs to hear of the first one (to make Save available before Tab reaches it).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class JsonTypingJourney(ConsoleFixture console)
{
    private const int ImportedRules = 3_000;
    private const int MostBytesPerKeystroke = 4 * 1024;

    [Fact]
    public async Task TypingIntoALargeProposalsJson_SendsNoTextPerKeystroke_AndTabToSaveKeepsWhatWasTyped()
    {
        var page = await console.NewPageAsync();
        var typing = false;
        var sentWhileTyping = new List<byte[]>();
        var leaving = false;
        var receivedWhileLeaving = new List<int>();
        var rendersWhileTyping = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) =>
            {
                lock (sentWhileTyping)
                {
                    if (typing)
                    {
                        sentWhileTyping.Add(frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? ""));
                    }
                }
            };
            socket.FrameReceived += (_, frame) =>
            {
                lock (sentWhileTyping)
                {
                    if (typing && (frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "")).AsSpan().IndexOf("JS.RenderBatch"u8) >= 0)
                    {
                        rendersWhileTyping++;
                    }
                }

                lock (receivedWhileLeaving)
                {
                    if (leaving)
                    {
                        receivedWhileLeaving.Add(frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? ""));
                    }
                }
            };
        };
        await new SignInPage(page).SignInAsync("Hana Ho");

        var request = await new ChangeRequestListPage(page).CreateAsync("HK", "Three thousand restricted-goods rules, then a threshold typed");
        await ImportWithManyRulesAsync(page, request);
        await request.Button("Save").ClickAsync();
        await Expect(request.Outcome).ToContainTextAsync("Saved.", new() { Timeout = 90_000 });
        await request.ShowJsonAsync();
        var size = await request.Json.EvaluateAsync<int>("json => json.value.length");
        Assert.True(size > 1_000_000, $"the JSON has {size:N0} characters");
        await Expect(request.Button("Save")).ToHaveAttributeAsync("aria-disabled", "true");

        // The caret on FS-HK-CART-299's threshold (299.00 selected), as a person would put it there, then typed over.
        await request.SelectThresholdAsync("FS-HK-CART-299");
        lock (sentWhileTyping)
        {
            typing = true;
        }

        const string Typed = "249.00";
        await page.Keyboard.TypeAsync(Typed);
        await Expect(request.Button("Save")).Not.ToHaveAttributeAsync("aria-disabled", "true", new() { Timeout = 60_000 });
        // Each keystroke's event has been sent (a frame naming Blazor's DispatchEventAsync) before what was sent is judged.
        await WaitUntilAsync(() => CountDispatches(sentWhileTyping) >= Typed.Length);
        lock (sentWhileTyping)
        {
            var largest = sentWhileTyping.Max(f => f.Length);
            Assert.True(largest <= MostBytesPerKeystroke, $"a frame of {largest:N0} bytes was sent while typing {Typed.Length} characters ({sentWhileTyping.Count} frames)");
        }

        await Expect(request.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"""id"": ""FS-HK-CART-299"",[\s\S]*?""threshold"": 249\.00,"));
        lock (sentWhileTyping)
        {
            typing = false;
            // The first keystroke makes Save available, which is one render; each keystroke rendered the whole page before.
            Assert.True(rendersWhileTyping <= 2, $"{rendersWhileTyping} renders came down while typing {Typed.Length} characters");
        }

        // Tab leaves the text area for Save, which the first keystroke made available; Enter saves what was typed. Leaving
        // sends the text up, which the server then holds as the browser shows it: it does not come back down.
        lock (receivedWhileLeaving)
        {
            leaving = true;
        }

        await page.Keyboard.PressAsync("Tab");
        await Expect(request.Button("Save")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("validation-summary")).ToContainTextAsync("in the unsaved text");
        await Expect(request.Diff).ToContainTextAsync("249.00", new() { Timeout = 60_000 });
        lock (receivedWhileLeaving)
        {
            leaving = false;
            var largest = receivedWhileLeaving.DefaultIfEmpty().Max();
            // Without the text, the render is the diff's new row and the form of the rule whose threshold changed (0.27 MB here).
            // It was 0.61 MB while every open form was made anew, the other sections' forms showing what they showed before,
            // and 3.1 MB with the text.
            Assert.True(largest < size / 4, $"a frame of {largest:N0} bytes came down after leaving a text of {size:N0} characters");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(request.Outcome).ToContainTextAsync("Saved.", new() { Timeout = 90_000 });

        await request.OpenAsync("HK", request.Id);
        await Expect(request.Diff).ToContainTextAsync("FS-HK-CART-299", new() { Timeout = 90_000 });
        await request.ShowJsonAsync();
        await Expect(request.Json).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"""id"": ""FS-HK-CART-299"",[\s\S]*?""threshold"": 249\.00,"));
    }

    /// <summary>Imports the draft's JSON with <see cref="ImportedRules"/> more restricted-goods rules, through the page's JSON import.</summary>
    private static async Task ImportWithManyRulesAsync(IPage page, ChangeRequestPage request)
    {
        var json = JsonNode.Parse(await request.Json.InputValueAsync())!.AsObject();
        var rules = json["restrictedGoods"]!.AsArray();
        var model = rules[0]!;
        for (var i = 0; i < ImportedRules; i++)
        {
            var rule = model.DeepClone().AsObject();
            rule["id"] = $"RG-HK-IMPORTED-{i:D5}";
            rules.Add(rule);
        }

        await page.GetByLabel("Import JSON (replaces the whole draft)").SetInputFilesAsync(new FilePayload
        {
            Name = "HK-many-rules.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
        });
        // Reading, checking and rendering thousands of rules takes a while on a busy machine.
        await Expect(page.GetByTestId("config-import-outcome")).ToContainTextAsync("it replaces the draft", new() { Timeout = 90_000 });
    }

    private static int CountDispatches(List<byte[]> frames)
    {
        var method = Encoding.ASCII.GetBytes("DispatchEventAsync");
        lock (frames)
        {
            return frames.Count(f => f.AsSpan().IndexOf(method) >= 0);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("The keystrokes' events were not all seen sent within 15 seconds.");
            }

            await Task.Delay(50);
        }
    }
}
