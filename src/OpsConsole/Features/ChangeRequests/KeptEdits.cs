using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.JSInterop;
using OpsConsole.Domain.Configuration;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>A title and a configuration as made on, or stored at, a revision of a change request.</summary>
public sealed record KeptProposal(int Revision, string Title, string Config);

/// <summary>
/// Edits brought back from the tab; when they were made on another revision than the one shown (someone saved since),
/// <paramref name="Origin"/> is what that revision held, so that what was saved since can be told from the edits.
/// </summary>
public sealed record BroughtBack(KeptProposal Edits, (KeptProposal Held, SiteConfiguration Proposal)? Origin);

/// <summary>
/// One change request's unsaved edits, kept in the tab's session storage (wwwroot/app.js) so that a page opened again in
/// the tab gets them back after what takes a page away without asking: the server restarting, the circuit dropped, the
/// sign-in running out. Kept with the revision they were made on and, under a key of its own, what that revision held.
/// </summary>
public sealed class KeptEdits(IJSRuntime js, string key)
{
    /// <summary>Read back in parts of this length: a circuit takes only small messages from the browser.</summary>
    public const int PartLength = 8_000;

    // A copy longer than this is kept compressed: 20,000 restricted-goods rules are 10 million characters of indented
    // JSON, twice what Chromium's session storage holds for an origin (about 5 million), so the copy was not kept and the
    // import was lost with the circuit. Compressed it is about a twentieth, and a twentieth to send to the tab.
    internal const int CompressAbove = 100_000;

    private const string CompressedPrefix = "gzip:";

    private int? keptOriginRevision;
    private bool keeping;
    private bool changedMeanwhile;
    private bool forgottenMeanwhile;

    /// <summary>The storage key of a user's edits of a change request (signing out drops every key with this prefix).</summary>
    public static string KeyFor(ClaimsPrincipal user, string site, int id) =>
        $"opsconsole.draft.{user.FindFirstValue(ClaimTypes.NameIdentifier)}.{site.ToUpperInvariant()}.{id}";

    public string Key { get; } = key;

    /// <summary>
    /// Whether the tab refused the latest copy of the edits, or of what their revision held (over the browser's storage
    /// quota): a page opened again would not bring them back, and the page says so. False again once a copy is kept or
    /// there is nothing to keep; unchanged while the script cannot be reached, which says nothing of the storage.
    /// </summary>
    public bool NotKept { get; private set; }

    // What the revision the edits were made on held, kept under a key of its own and written once per revision: with
    // it beside every copy of the edits, each edit of a large proposal sent the browser two whole configurations.
    private string OriginKey => Key + ".origin";

    /// <summary>
    /// Keeps the edits that <paramref name="latest"/> gives (null once there are none to keep) with what their revision
    /// held. One write at a time, the latest edits written when it ends, so that typing does not queue a copy per keystroke.
    /// </summary>
    public async Task KeepAsync(Func<(KeptProposal Edits, KeptProposal Origin)?> latest)
    {
        if (keeping)
        {
            changedMeanwhile = true;
            return;
        }

        keeping = true;
        try
        {
            var next = latest();
            while (next is var (edits, origin))
            {
                changedMeanwhile = false;
                var originKept = keptOriginRevision == origin.Revision;
                if (!originKept)
                {
                    // Refused, it is tried again with the next edits (sending the tab two configurations each time until
                    // it fits): edits whose revision's content is not beside them come back only while nobody saves.
                    originKept = await KeepCopyAsync(OriginKey, origin);
                    keptOriginRevision = originKept ? origin.Revision : null;
                }

                var editsKept = await KeepCopyAsync(Key, edits);
                NotKept = !(originKept && editsKept);
                if (forgottenMeanwhile)
                {
                    // Saved or discarded while this copy was on its way: it landed after the drop, and a page opened again
                    // would bring back as unsaved edits what was saved. Dropped again; edits made since are kept anew.
                    forgottenMeanwhile = false;
                    await DropAsync();
                    next = latest();
                    continue;
                }

                next = changedMeanwhile ? latest() : null;
            }
        }
        catch (Exception failure) when (IsScriptFailure(failure))
        {
            // The copy in the tab is a second line; the edits on the page are as they were.
        }
        finally
        {
            keeping = false;
        }
    }

    // Only a refusal counts as one: a script that answers nothing has not said that the copy is lost.
    private async Task<bool> KeepCopyAsync(string storageKey, KeptProposal proposal) =>
        await js.InvokeAsync<bool?>("opsConsole.keepDraft", storageKey, Pack(proposal)) != false;

    public async Task ForgetAsync()
    {
        forgottenMeanwhile = keeping;
        try
        {
            await DropAsync();
        }
        catch (Exception failure) when (IsScriptFailure(failure))
        {
            // Nothing to undo: a copy left behind is offered once more and can be discarded then.
        }
    }

    private async Task DropAsync()
    {
        NotKept = false;
        keptOriginRevision = null;
        await js.InvokeVoidAsync("opsConsole.dropDraft", Key);
        await js.InvokeVoidAsync("opsConsole.dropDraft", OriginKey);
    }

    /// <summary>
    /// The edits kept in the tab, when they are worth bringing back to a page that shows <paramref name="shown"/>: null
    /// when there are none or they cannot be read. A copy that is what the page shows, that the user may no longer edit,
    /// or whose revision's content was not kept beside it, is dropped.
    /// </summary>
    public async Task<BroughtBack?> BringBackAsync(KeptProposal shown, bool editable)
    {
        KeptProposal? edits;
        try
        {
            edits = await ReadAsync(Key);
        }
        catch (Exception failure) when (IsScriptFailure(failure))
        {
            return null;
        }

        if (edits is null)
        {
            return null;
        }

        if (!editable || edits == shown)
        {
            await ForgetAsync();
            return null;
        }

        if (edits.Revision == shown.Revision)
        {
            return new BroughtBack(edits, null);
        }

        KeptProposal? origin;
        try
        {
            origin = await ReadAsync(OriginKey);
        }
        catch (Exception failure) when (IsScriptFailure(failure))
        {
            return null;
        }

        if (origin?.Revision != edits.Revision || ConfigurationJson.Parse(origin.Config) is not { Succeeded: true } opened)
        {
            await ForgetAsync();
            return null;
        }

        keptOriginRevision = origin.Revision;
        return new BroughtBack(edits, (origin, opened.Value!));
    }

    private async Task<KeptProposal?> ReadAsync(string storageKey)
    {
        var text = new StringBuilder();
        while (true)
        {
            var part = await js.InvokeAsync<string?>("opsConsole.keptDraftPart", storageKey, text.Length, PartLength);
            if (part is not null)
            {
                text.Append(part);
            }

            if (part is null || part.Length < PartLength)
            {
                return text.Length == 0 ? null : Deserialize(text.ToString());
            }
        }

        static KeptProposal? Deserialize(string text)
        {
            try
            {
                return JsonSerializer.Deserialize<KeptProposal>(text.StartsWith(CompressedPrefix, StringComparison.Ordinal) ? Unzip(text[CompressedPrefix.Length..]) : text);
            }
            catch (Exception unreadable) when (unreadable is JsonException or FormatException or InvalidDataException)
            {
                return null;
            }
        }
    }

    private static string Pack(KeptProposal proposal)
    {
        var json = JsonSerializer.Serialize(proposal);
        if (json.Length <= CompressAbove)
        {
            return json;
        }

        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return CompressedPrefix + Convert.ToBase64String(packed.GetBuffer().AsSpan(0, (int)packed.Length));
    }

    private static string Unzip(string base64)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return text.ReadToEnd();
    }

    private static bool IsScriptFailure(Exception failure) =>
        failure is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException;
}
