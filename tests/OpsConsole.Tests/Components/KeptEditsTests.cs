using System.Text.Json;
using Microsoft.JSInterop;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Features.ChangeRequests;

namespace OpsConsole.Tests.Components;

/// <summary>A change request's unsaved edits kept in the tab's session storage, and brought back from it.</summary>
public sealed class KeptEditsTests
{
    private const string Key = "opsconsole.draft.hk-editor.HK.7";

    private readonly SessionStorage storage = new();

    private static readonly string Opened = ConfigurationJson.Serialize(DemoConfigurations.For("HK"));

    /// <summary>A kept copy whose serialised text is exactly <paramref name="length"/> characters long.</summary>
    private static KeptProposal OfLength(int length, int revision = 1)
    {
        var empty = JsonSerializer.Serialize(new KeptProposal(revision, "t", ""));
        return new KeptProposal(revision, "t", new string('x', length - empty.Length));
    }

    private async Task KeepAsync(KeptEdits kept, KeptProposal edits, KeptProposal origin) => await kept.KeepAsync(() => (edits, origin));

    [Theory]
    [InlineData(KeptEdits.PartLength - 1)]
    [InlineData(KeptEdits.PartLength)]
    [InlineData(KeptEdits.PartLength + 1)]
    [InlineData(2 * KeptEdits.PartLength)]
    [InlineData(3 * KeptEdits.PartLength + 1)]
    public async Task BringBack_EditsAroundAndAcrossThePartLength_ComeBackWhole(int length)
    {
        var edits = OfLength(length);
        await KeepAsync(new KeptEdits(storage, Key), edits, new KeptProposal(1, "t", Opened));
        Assert.Equal(length, storage.Values[Key].Length);

        var back = await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(1, "t", Opened), editable: true);

        Assert.NotNull(back);
        Assert.Equal(edits, back.Edits);
        Assert.Null(back.Origin);
        Assert.All(storage.PartsRead, part => Assert.True(part.Length <= KeptEdits.PartLength));
    }

    [Fact]
    public async Task BringBack_EditsOfAnOlderRevision_ComeWithWhatThatRevisionHeld()
    {
        var edits = new KeptProposal(2, "Lower the threshold", Opened.Replace("299", "249", StringComparison.Ordinal));
        await KeepAsync(new KeptEdits(storage, Key), edits, new KeptProposal(2, "Opened title", Opened));

        // Someone saved revision 3 since.
        var back = await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(3, "Their title", "{}"), editable: true);

        Assert.NotNull(back);
        Assert.Equal(edits, back.Edits);
        var (held, proposal) = back.Origin!.Value;
        Assert.Equal(new KeptProposal(2, "Opened title", Opened), held);
        Assert.Equal(Opened, ConfigurationJson.Serialize(proposal));
    }

    [Fact]
    public async Task BringBack_EditsOfAnOlderRevision_WithoutWhatItHeld_AreDropped()
    {
        await KeepAsync(new KeptEdits(storage, Key), new KeptProposal(2, "t", "{}"), new KeptProposal(2, "t", Opened));
        storage.Values.Remove(Key + ".origin");

        var back = await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(3, "t", Opened), editable: true);

        Assert.Null(back);
        Assert.Empty(storage.Values);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BringBack_ACopyAsShownOrNoLongerEditable_IsDropped(bool asShown)
    {
        var edits = new KeptProposal(1, "t", "{}");
        await KeepAsync(new KeptEdits(storage, Key), edits, new KeptProposal(1, "t", Opened));

        var back = await new KeptEdits(storage, Key).BringBackAsync(asShown ? edits : new KeptProposal(1, "t", Opened), editable: asShown);

        Assert.Null(back);
        Assert.Empty(storage.Values);
    }

    [Fact]
    public async Task BringBack_WhenTheScriptIsGone_IsNothing()
    {
        await KeepAsync(new KeptEdits(storage, Key), new KeptProposal(1, "t", "{}"), new KeptProposal(1, "t", Opened));
        storage.Failure = new JSDisconnectedException("The circuit is gone.");

        Assert.Null(await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(1, "t", Opened), editable: true));
    }

    [Fact]
    public async Task Keep_WhileAWriteIsUnderway_WritesOnlyTheLatestEditsWhenItEnds()
    {
        var kept = new KeptEdits(storage, Key);
        var origin = new KeptProposal(1, "t", Opened);
        var latest = new KeptProposal(1, "t", "a");
        storage.Hold = new TaskCompletionSource();

        var first = kept.KeepAsync(() => (latest, origin));
        foreach (var typed in new[] { "ab", "abc", "abcd" })
        {
            latest = latest with { Config = typed };
            await kept.KeepAsync(() => (latest, origin));
        }

        storage.Hold.SetResult();
        await first;

        Assert.Equal(latest, JsonSerializer.Deserialize<KeptProposal>(storage.Values[Key]));
        Assert.Single(storage.Writes, w => w.EndsWith(".origin", StringComparison.Ordinal));
        Assert.True(storage.Writes.Count(w => w == Key) <= 2, string.Join(", ", storage.Writes));
    }

    [Fact]
    public async Task Forget_WhileACopyIsOnItsWay_LeavesNothingBehind()
    {
        // Saved while the copy of the edits made just before was on its way to the tab: the copy landed after the drop,
        // and the page opened again brought back as unsaved edits what had been saved (JsonTypingJourney, in CI).
        var kept = new KeptEdits(storage, Key);
        var dirty = true;
        storage.Hold = new TaskCompletionSource();
        var keeping = kept.KeepAsync(() => dirty ? (new KeptProposal(1, "t", "{}"), new KeptProposal(1, "t", Opened)) : null);

        dirty = false;
        await kept.ForgetAsync();
        storage.Hold.SetResult();
        await keeping;

        Assert.Empty(storage.Values);
        Assert.False(kept.NotKept);
    }

    [Fact]
    public async Task Forget_WhileACopyIsOnItsWay_ThenEditedAgain_KeepsTheNewEdits()
    {
        // As the page's: the edits on it now, with what their revision held.
        var kept = new KeptEdits(storage, Key);
        var edits = new KeptProposal(1, "t", "{}");
        var dirty = true;
        (KeptProposal, KeptProposal)? Latest() => dirty ? (edits, new KeptProposal(edits.Revision, "t", Opened)) : null;
        storage.Hold = new TaskCompletionSource();
        var keeping = kept.KeepAsync(Latest);

        dirty = false;
        await kept.ForgetAsync();
        (dirty, edits) = (true, new KeptProposal(2, "t", "{\"after\": true}"));
        await kept.KeepAsync(Latest);
        storage.Hold.SetResult();
        await keeping;

        Assert.Equal(edits, JsonSerializer.Deserialize<KeptProposal>(storage.Values[Key]));
        Assert.Equal(new KeptProposal(2, "t", Opened), JsonSerializer.Deserialize<KeptProposal>(storage.Values[Key + ".origin"]));
    }

    [Fact]
    public async Task Keep_AfterForgetting_WritesWhatTheRevisionHeldAgain()
    {
        var kept = new KeptEdits(storage, Key);
        var origin = new KeptProposal(1, "t", Opened);
        await KeepAsync(kept, new KeptProposal(1, "t", "a"), origin);
        await kept.ForgetAsync();
        Assert.Empty(storage.Values);

        await KeepAsync(kept, new KeptProposal(1, "t", "b"), origin);

        Assert.Equal(origin, JsonSerializer.Deserialize<KeptProposal>(storage.Values[Key + ".origin"]));
    }

    [Fact]
    public async Task BringBack_AnImportOf20000Rules_FitsTheTabsStorage_AndComesBackWhole()
    {
        // The page keeps its JSON text, indented: 10 million characters for 20,000 rules, which Chromium's session
        // storage (about 5 million characters an origin) refused, so the import was lost with the circuit.
        var imported = ConfigurationJson.Serialize(SyntheticConfiguration.Create(restrictedGoodsRules: 20_000, channels: 8), indented: true);
        var edits = new KeptProposal(1, "Twenty thousand rules", imported);
        var origin = new KeptProposal(1, "t", Opened);
        var kept = new KeptEdits(storage, Key);
        await KeepAsync(kept, edits, origin);

        var back = await new KeptEdits(storage, Key).BringBackAsync(origin, editable: true);

        Assert.True(storage.Values.ContainsKey(Key), $"not kept: {imported.Length:N0} characters over the storage's {SessionStorage.QuotaCharacters:N0}");
        Assert.Equal(edits, back?.Edits);
    }

    [Fact]
    public async Task Keep_EditsOverTheQuota_AreNotKept_DropTheOlderCopy_AndAreKeptAgainOnceTheyFit()
    {
        storage.Quota = 50_000;
        var kept = new KeptEdits(storage, Key);
        var origin = new KeptProposal(1, "t", "{}");
        await KeepAsync(kept, OfLength(1_000), origin);
        Assert.False(kept.NotKept);

        await KeepAsync(kept, OfLength(60_000), origin);

        Assert.True(kept.NotKept);
        // The copy before it, without the edits since, would come back as if it were them.
        Assert.False(storage.Values.ContainsKey(Key));
        Assert.Null(await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(1, "t", "{}"), editable: true));

        var fits = OfLength(2_000);
        await KeepAsync(kept, fits, origin);

        Assert.False(kept.NotKept);
        Assert.Equal(fits, (await new KeptEdits(storage, Key).BringBackAsync(new KeptProposal(1, "t", "{}"), editable: true))?.Edits);
    }

    [Fact]
    public async Task Keep_WhatTheRevisionHeldOverTheQuota_IsNotKept_AndIsWrittenAgainWithTheNextEdits()
    {
        storage.Quota = 50_000;
        var kept = new KeptEdits(storage, Key);
        var origin = new KeptProposal(2, "t", new string('o', 60_000));
        await KeepAsync(kept, OfLength(1_000, revision: 2), origin);

        // Without it, these edits of revision 2 come back only while nobody saves revision 3.
        Assert.True(kept.NotKept);
        Assert.False(storage.Values.ContainsKey(Key + ".origin"));

        storage.Quota = SessionStorage.QuotaCharacters;
        await KeepAsync(kept, OfLength(1_001, revision: 2), origin);

        Assert.False(kept.NotKept);
        Assert.Equal(2, storage.Writes.Count(w => w == Key + ".origin"));
    }

    [Fact]
    public async Task Forget_EditsThatWereNotKept_LeavesNothingAtRisk()
    {
        storage.Quota = 50_000;
        var kept = new KeptEdits(storage, Key);
        await KeepAsync(kept, OfLength(60_000), new KeptProposal(1, "t", "{}"));
        Assert.True(kept.NotKept);

        await kept.ForgetAsync();

        Assert.False(kept.NotKept);
    }

    /// <summary>What wwwroot/app.js does with the tab's session storage, in memory.</summary>
    private sealed class SessionStorage : IJSRuntime
    {
        /// <summary>
        /// About what Chromium's session storage holds for an origin (10 MiB of UTF-16); app.js answers false to a write over
        /// it, and drops the older copy under the key.
        /// </summary>
        public const int QuotaCharacters = 5 * 1024 * 1024;

        public int Quota { get; set; } = QuotaCharacters;

        public Dictionary<string, string> Values { get; } = [];

        public List<string> Writes { get; } = [];

        public List<string> PartsRead { get; } = [];

        /// <summary>While set, each write waits for it, as a write to a distant browser does.</summary>
        public TaskCompletionSource? Hold { get; set; }

        public Exception? Failure { get; set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            var key = (string)args![0]!;
            switch (identifier)
            {
                case "opsConsole.keepDraft":
                    Writes.Add(key);
                    if (Hold is not null)
                    {
                        await Hold.Task;
                    }

                    var written = (string)args[1]!;
                    if (Values.Where(v => v.Key != key).Sum(v => v.Key.Length + v.Value.Length) + key.Length + written.Length <= Quota)
                    {
                        Values[key] = written;
                        return (TValue)(object)true;
                    }

                    Values.Remove(key);
                    return (TValue)(object)false;
                case "opsConsole.dropDraft":
                    Values.Remove(key);
                    return default!;
                case "opsConsole.keptDraftPart":
                    if (!Values.TryGetValue(key, out var value))
                    {
                        return default!;
                    }

                    var (offset, length) = ((int)args[1]!, (int)args[2]!);
                    var part = offset >= value.Length ? "" : value.Substring(offset, Math.Min(length, value.Length - offset));
                    PartsRead.Add(part);
                    return (TValue)(object)part;
                default:
                    throw new InvalidOperationException($"No such function: {identifier}");
            }
        }
    }
}
