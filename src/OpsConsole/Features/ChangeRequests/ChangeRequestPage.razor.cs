using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Auth;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Editing;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Features.ChangeRequests;

public partial class ChangeRequestPage : IDisposable
{
    [Parameter]
    public string Site { get; set; } = "";

    [Parameter]
    public int Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private ChangeRequest? request;
    private bool loaded;
    private SiteConfiguration? baseConfig;
    private int currentVersion;
    private int requiredApprovals = 1;
    private bool restrictedGoodsChanged;
    private IReadOnlyList<DiffEntry> diff = [];
    private bool sameAsBase;
    private string? baseJson;
    private ValidationReport report = new([], []);
    private IReadOnlyList<OpsConsole.Domain.Configuration.ParseError> parseErrors = [];
    private IReadOnlyList<ConfigurationSection> conflicts = [];
    private readonly Dictionary<ConfigurationSection, RebaseChoice> resolutions = [];
    private string jsonText = "";
    // Where the JSON typed (or pasted) into the text area has each item, while that text is the proposal: validation counts
    // in content order, and the list beside the text must count as the text does. Null while the text is the proposal's
    // own serialisation, which is in content order.
    private WrittenPositions? typedPositions;
    private string titleText = "";
    private bool dirty;
    private bool busy;
    private bool acknowledgeWarnings;
    private string? rejectComment;
    private OutcomeMessage? outcome;
    private IReadOnlyList<OpsConsole.Domain.Configuration.ParseError> outcomeErrors = [];
    private string? staleNotice;
    // The proposal and title as stored at the revision the page shows: what the user's edits started from, so that what
    // someone else saved since can be told from what this user typed.
    private SiteConfiguration? openedProposal;
    private string openedTitle = "";
    private SavedElsewhere? savedElsewhere;

    /// <summary>The write that made <see cref="savedElsewhere"/>'s revision: who saved it, and when.</summary>
    private AuditEntry? savedBy;
    // The revision the edits on the page were made on, which a save names: the one shown, unless edits kept in the tab from
    // an older one were brought back.
    private int editingRevision;
    private string openedJson = "";
    private KeptEdits? keptEdits;
    // The proposal an approver is taken to have read: the one the page first showed them, or the new one they said they
    // read. While the stored proposal is another, the page says so, and an approval names this one (which the service
    // refuses) until they tick that they read the new one.
    private ShownProposal? read;
    private ProposalChange? proposalChange;
    private bool acknowledgeNewProposal;
    // The site's approvals setting for restricted-goods changes as the page last read it, and how it changed while the page
    // was open, when that changes how many approvals this request needs: said at the top, since the count under the title
    // changing (or the request moving to approved or back to review) was all that showed it.
    private int? shownApprovalsSetting;
    private ApprovalsChange? approvalsChange;
    private bool restoreTried;
    private EditorContext? editorContext;

    private bool Terminal => request!.State is ChangeRequestState.Published or ChangeRequestState.Withdrawn;
    private bool outdated => request is not null && !Terminal && currentVersion != request.BaseVersion;
    private bool canEdit => user.CanEdit(request!.Site) && !Terminal;
    // A rollback is v(K)'s configuration as it was: its proposal is shown, never edited (the service refuses it too).
    private bool canEditProposal => canEdit && request!.Kind != ChangeRequestKind.Rollback;
    private bool canSubmit => canEdit && request!.State == ChangeRequestState.Draft;
    private string? saveBlockedBecause =>
        editorContext is { InputErrorCount: > 0 } editing ? ConsoleTexts.F("Fix the {0} {0:field|fields} marked in the editor before saving.", editing.InputErrorCount) : null;
    private string? submitBlockedBecause =>
        editorContext is { InputErrorCount: > 0 } marked ? ConsoleTexts.F("Fix the {0} {0:field|fields} marked in the editor and save before submitting.", marked.InputErrorCount)
        : dirty ? ConsoleTexts.T("Save your changes before submitting.")
        : outdated ? ConsoleTexts.F("Rebase it onto v{0} before submitting.", currentVersion)
        : parseErrors.Count > 0 ? ConsoleTexts.T("The JSON cannot be read.")
        : report.Errors.Count > 0 ? ConsoleTexts.F("Fix the {0} {0:error|errors} before submitting.", report.Errors.Count)
        : sameAsBase ? ConsoleTexts.F("Change something before submitting: the proposal is the same as v{0}.", request!.BaseVersion)
        : null;
    private bool canApprove => ChangeRequestService.ApprovalRefusal(user, request!) is null && !dirty;
    // Someone who may approve it, which its author and editors may not: they made the change, or saw it being made.
    private bool readsForApproval => user.CanApprove(request!.Site) && !Terminal && request.AuthorId != user.UserId() && request.Editors.All(e => e.UserId != user.UserId());
    private bool canReject => user.CanApprove(request!.Site) && request.State is ChangeRequestState.InReview or ChangeRequestState.Approved;
    private bool canWithdraw => request!.AuthorId == user.FindFirstValue(ClaimTypes.NameIdentifier) && user.CanEdit(request.Site) && !Terminal;
    private bool canPublish => (user.CanEdit(request!.Site) || user.CanApprove(request.Site)) && request.State == ChangeRequestState.Approved && !outdated;
    private bool canRebase => user.CanEdit(request!.Site) && outdated;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthenticationState).User;
        Events.Raised += OnWorkflowEvent;
    }

    protected override async Task OnParametersSetAsync()
    {
        user = (await AuthenticationState).User;
        var keptKey = KeptEdits.KeyFor(user, Site, Id);
        if (loaded && keptEdits?.Key == keptKey)
        {
            // The same request for the same person, its parameters set again (the sign-in handed over anew, a link to
            // this page followed): what is shown follows the workflow's events already, and reading it again here
            // replaced the unsaved edits without a word. What the person may do now is read from the user above.
            if (editorContext is not null && request is not null)
            {
                editorContext.ReadOnly = !canEditProposal;
            }

            return;
        }

        if (keptEdits?.Key != keptKey)
        {
            keptEdits = new KeptEdits(JS, keptKey);
            restoreTried = false;
            // What was read, and the setting shown, belong to the request that was open.
            (read, proposalChange, acknowledgeNewProposal, shownApprovalsSetting, approvalsChange) = (null, null, false, null, null);
            jsonAsked = false;
        }

        await ReloadAsync();
        loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Script runs only once the page is interactive, which after-render (never run while prerendering) is.
        if (loaded && !restoreTried)
        {
            restoreTried = true;
            await RestoreKeptEditsAsync();
        }
    }

    /// <summary>Keeps the unsaved edits in the tab as they change, with the revision they were made on and what it held.</summary>
    private async Task KeepEditsAsync()
    {
        if (!dirty || request is null || !canEditProposal || keptEdits is not { } kept)
        {
            return;
        }

        var notKept = kept.NotKept;
        await kept.KeepAsync(EditsToKeep);
        if (kept.NotKept != notKept)
        {
            // Most edits keep their copy without waiting for the browser's answer, and have rendered before it comes.
            StateHasChanged();
        }
    }

    /// <summary>Whether the edits on the page are unsaved and the tab refused to keep them: a reload would lose them.</summary>
    private bool EditsAtRisk => dirty && keptEdits is { NotKept: true };

    private (KeptProposal Edits, KeptProposal Origin)? EditsToKeep() =>
        dirty ? (new(editingRevision, titleText ?? "", jsonText), new(editingRevision, openedTitle, openedJson)) : null;

    private Task ForgetKeptEditsAsync() => keptEdits!.ForgetAsync();

    private async Task DiscardAsync()
    {
        await ForgetKeptEditsAsync();
        await ReloadAsync();
    }

    /// <summary>Brings back unsaved edits kept in the tab when the page was lost before they were saved.</summary>
    private async Task RestoreKeptEditsAsync()
    {
        if (request is null || await keptEdits!.BringBackAsync(new(request.Revision, titleText, jsonText), canEditProposal) is not { } kept)
        {
            return;
        }

        if (kept.Origin is { } origin)
        {
            // Saved elsewhere since: the edits name the revision they were made on, so saving them is refused rather than
            // overwriting, and what was saved since is shown beside them.
            (openedProposal, openedTitle, openedJson, editingRevision) = (origin.Proposal, origin.Held.Title, origin.Held.Config, origin.Held.Revision);
        }

        (jsonText, titleText, dirty) = (kept.Edits.Config, kept.Edits.Title, true);
        ReadTyped();
        Show(ConsoleTexts.T("Your unsaved edits from before the page was opened again are back: save them, or discard them."), false, []);
        if (kept.Origin is not null)
        {
            await TryShowSavedElsewhereAsync();
        }

        StateHasChanged();
    }

    private async Task ReloadAsync() => await ShowAsync(await ReadAsync());

    /// <summary>What the page shows of its request, as read from the database in one go.</summary>
    private sealed record Reading(
        int Id, SiteInfo Site, ChangeRequest? Request, string? BaseJson, SiteConfiguration Base, SiteConfiguration? Proposal, int CurrentVersion,
        int? ApprovalsSetting, SiteConfiguration? Current);

    /// <summary>
    /// Reads the request and what it is shown against, changing nothing on the page: what is typed while the read is on
    /// its way (a second for thousands of rules) must be seen before the page puts the stored proposal in its place.
    /// </summary>
    /// <returns>Null when the site is unknown or not this user's to read.</returns>
    private async Task<Reading?> ReadAsync()
    {
        if (!SiteCatalog.TryGet(Site, out var site) || !user.CanRead(site.Code))
        {
            return null;
        }

        // The request asked for when the read began: the page may be pointed at another while it is on its way.
        var id = Id;
        await using var db = await DbFactory.CreateDbContextAsync();
        // One statement (single query), though it repeats the request's row for every editor times approval times comment
        // (a handful): outside a transaction, split statements could each see another write, and the approvals, comments
        // and editors shown must be those of the revision shown, which an approval or a save names.
        var stored = await db.ChangeRequests.AsNoTracking().Include(c => c.Editors).Include(c => c.Approvals).Include(c => c.Comments).AsSingleQuery()
            .SingleOrDefaultAsync(c => c.Id == id && c.Site == site.Code);
        if (stored is null)
        {
            return new Reading(id, site, null, null, ChangeRequestService.Empty(site.Code), null, 0, null, null);
        }

        // Each configuration read and parsed once (at marketplace scale one is megabytes): the current release only when
        // this request is out of date and its sections are to be merged.
        var baseRelease = stored.BaseVersion == 0 ? null : await db.Releases.AsNoTracking().SingleAsync(r => r.Site == site.Code && r.Version == stored.BaseVersion);
        var currentVersion = await OpsConsole.Features.Releases.ReleasePublisher.CurrentVersionAsync(db, site.Code, CancellationToken.None);
        var approvalsSetting = await ChangeRequestService.ApprovalsSettingAsync(db, site.Code, CancellationToken.None);
        var current = currentVersion != stored.BaseVersion && currentVersion > 0 && stored.Kind != ChangeRequestKind.Rollback
            ? await db.Releases.AsNoTracking().SingleAsync(r => r.Site == site.Code && r.Version == currentVersion)
            : null;
        return new Reading(
            id, site, stored, baseRelease?.ConfigJson, baseRelease is null ? ChangeRequestService.Empty(site.Code) : ChangeRequestService.Parse(baseRelease.ConfigJson),
            ChangeRequestService.Parse(stored.ConfigJson), currentVersion, approvalsSetting, current is null ? null : ChangeRequestService.Parse(current.ConfigJson));
    }

    /// <summary>Shows what <see cref="ReadAsync"/> read, replacing what the page held, unsaved edits included.</summary>
    private async Task ShowAsync(Reading? reading)
    {
        // A read of the request this page showed before it was pointed at another (a link followed while a change to the
        // first was read in) would put that request, and a Save of it, under this one's address.
        if (reading is not null && (reading.Id != Id || !SiteCatalog.TryGet(Site, out var site) || site.Code != reading.Site.Code))
        {
            return;
        }

        staleNotice = null;
        if (reading is null)
        {
            return;
        }

        var shownRevision = request?.ProposalRevision;
        var shown = request is not null && openedProposal is not null ? new ShownProposal(request.Revision, request.BaseVersion, openedJson, openedProposal, openedTitle) : null;
        var shownCurrent = currentVersion;
        request = reading.Request;
        if (request is null || reading.Proposal is not { } proposal)
        {
            return;
        }

        if (request.ProposalRevision != shownRevision)
        {
            // A tick or a side chosen for what was shown before is not one for what is shown now: an approver who read
            // the warnings of one proposal has not read those of the next, nor chosen a side of another rebase. Another
            // approver's approval is a new revision of the same proposal, and keeps them.
            acknowledgeWarnings = false;
            resolutions.Clear();
        }

        currentVersion = reading.CurrentVersion;
        if (currentVersion != shownCurrent)
        {
            resolutions.Clear(); // "Take v3's" is not "take v4's"
        }

        baseConfig = reading.Base;
        baseJson = reading.BaseJson;
        FollowRead(shown, new ShownProposal(request.Revision, request.BaseVersion, request.ConfigJson, proposal, request.Title));
        restrictedGoodsChanged = !ConfigurationSections.SectionEquals(baseConfig, proposal, ConfigurationSection.RestrictedGoods);
        requiredApprovals = ChangeRequestService.RequiredApprovals(restrictedGoodsChanged, reading.ApprovalsSetting);
        conflicts = reading.Current is { } currentConfig ? ConfigurationMerge.Merge(baseConfig, proposal, currentConfig).ConflictingSections : [];
        jsonText = ConfigurationJson.Serialize(proposal, indented: true);
        typedPositions = null;
        titleText = request.Title;
        openedProposal = proposal;
        openedTitle = request.Title;
        openedJson = request.ConfigJson;
        editingRevision = request.Revision;
        savedElsewhere = null;
        savedBy = null;
        dirty = false;
        Evaluate(proposal);
        editorContext ??= new EditorContext(reading.Site, OnEditorProposed);
        editorContext.ReadOnly = !canEditProposal;
        editorContext.Replace(proposal, report);
        // Last, as it may read who changed the setting: the proposal is in place before anything can be typed over it.
        await FollowApprovalsSettingAsync(reading.ApprovalsSetting);
    }

    /// <summary>
    /// Keeps what an approver read apart from what is stored now: <paramref name="now"/> becomes what they read when it is
    /// the same (another approver's approval moves the revision, not the proposal) or when they are not reading for an
    /// approval; otherwise what changed since is shown, and must be acknowledged again whenever the proposal changes again.
    /// </summary>
    private void FollowRead(ShownProposal? shown, ShownProposal now)
    {
        if (read is null || !readsForApproval)
        {
            read = now;
        }
        else if (proposalChange is not null && acknowledgeNewProposal && shown is not null)
        {
            read = shown;
        }

        if (read.SameAs(now))
        {
            (read, proposalChange, acknowledgeNewProposal) = (now, null, false);
        }
        else if (proposalChange is null || !proposalChange.Now.SameAs(now))
        {
            (proposalChange, acknowledgeNewProposal) = (ProposalChange.Of(read, now, request!), false);
        }
        else
        {
            proposalChange = proposalChange with { Now = now };
        }
    }

    /// <summary>
    /// Tells when the site's approvals setting changed since the page read it and this request changes restricted goods
    /// (others need one approval whatever it is): from the number first shown to the one now, and who changed it last.
    /// </summary>
    private async Task FollowApprovalsSettingAsync(int? setting)
    {
        var shown = approvalsChange?.From ?? shownApprovalsSetting;
        shownApprovalsSetting = setting;
        if (!restrictedGoodsChanged || shown is not { } from || setting is not { } to || from == to)
        {
            approvalsChange = null;
        }
        else if (approvalsChange?.To != to)
        {
            var site = request!.Site;
            await using var db = await DbFactory.CreateDbContextAsync();
            approvalsChange = ApprovalsChange.Of(from, to, await ChangeRequestService.LastApprovalsSettingChangeAsync(db, site, CancellationToken.None));
        }
    }

    /// <summary>The editors changed the draft: it becomes the JSON that Save sends, so there is one save path.</summary>
    private void OnEditorProposed(SiteConfiguration config)
    {
        jsonText = ConfigurationJson.Serialize(config, indented: true);
        typedPositions = null;
        MarkDirty();
        Evaluate(config);
        editorContext!.Evaluated(config, report);
        StateHasChanged();
        _ = KeepEditsAsync();
    }

    private void Evaluate(SiteConfiguration proposal)
    {
        parseErrors = [];
        report = ConfigurationValidator.Validate(proposal);
        diff = ConfigurationDiff.Compare(baseConfig!, proposal);
        // As the server decides it (the proposal's canonical JSON is the base release's), serialised only when the diff,
        // which any difference shows in, is empty: this runs on every edit.
        sameAsBase = baseJson is not null && diff.Count == 0 && ConfigurationJson.Serialize(proposal) == baseJson;
    }

    private void OnJsonChanged(string text)
    {
        jsonText = text;
        MarkDirty();
        _ = KeepEditsAsync();
        ReadTyped();
    }

    /// <summary>Validates the JSON typed (or brought back, or kept) and shows it in the editors, or says why it cannot be read.</summary>
    private void ReadTyped()
    {
        var parsed = ConfigurationJson.Parse(jsonText);
        if (parsed.Succeeded)
        {
            typedPositions = WrittenPositions.Of(jsonText, parsed.Value!);
            Evaluate(parsed.Value!);
            editorContext?.Replace(parsed.Value!, report);
        }
        else
        {
            typedPositions = null;
            parseErrors = parsed.Errors;
        }
    }

    private string WhereTyped(string path) => typedPositions?.Locate(path) ?? path;

    // Rendering the page after this passes the editors their context, which then holds the item to open.
    private void GoTo(ItemLocation item) => editorContext?.Open(item);

    private void MarkDirty()
    {
        dirty = true;
        edits++;
        ForgetSuccess();
    }

    // Counts the edits, so that one made while an action or a read was on its way can be told apart.
    private int edits;

    /// <summary>Unsaved edits, with the revision they were made on and what it held.</summary>
    private sealed record Typed(string Json, string Title, int Revision, SiteConfiguration Origin, string OriginTitle, string OriginJson)
    {
        /// <summary>The same edits, made on <paramref name="made"/>: what the action that was on its way while they were typed made.</summary>
        public Typed On(ChangeRequest made) => this with { Revision = made.Revision, Origin = ChangeRequestService.Parse(made.ConfigJson), OriginTitle = made.Title, OriginJson = made.ConfigJson };

        /// <summary>
        /// The same edits put on what <paramref name="made"/> proposes, item by item as "Put my edits on revision N" puts
        /// them, or null when they cannot be read to be put anywhere.
        /// </summary>
        public Typed? PutOn(ChangeRequest made)
        {
            var mine = ConfigurationJson.Parse(Json);
            if (!mine.Succeeded)
            {
                return null;
            }

            var proposed = ChangeRequestService.Parse(made.ConfigJson);
            var merged = ConfigurationMerge.PutOn(Origin, mine.Value!, proposed).Merged;
            var title = Title.Trim() != OriginTitle ? Title : made.Title;
            return new(ConfigurationJson.Serialize(merged, indented: true), title, made.Revision, proposed, made.Title, made.ConfigJson);
        }
    }

    private Typed? TypedNow() => dirty && openedProposal is not null ? new(jsonText, titleText ?? "", editingRevision, openedProposal, openedTitle, openedJson) : null;

    /// <summary>
    /// Puts unsaved edits back over what the page read: still on the revision they were made on, so that saving them over
    /// a later one is refused (and what was saved since is shown beside them) rather than quietly undoing it.
    /// </summary>
    private async Task PutBackAsync(Typed typed)
    {
        (jsonText, titleText, dirty) = (typed.Json, typed.Title, true);
        (openedProposal, openedTitle, openedJson, editingRevision) = (typed.Origin, typed.OriginTitle, typed.OriginJson, typed.Revision);
        // The editors show what was kept too, so the user's input is not lost behind the reload.
        ReadTyped();
        if (editingRevision != request!.Revision)
        {
            await TryShowSavedElsewhereAsync();
        }

        await KeepEditsAsync();
    }

    // "Saved." beside edits made since read as if they were saved too, and a second save's "Saved." could not be told
    // from the first (a journey that waited for it went on before the second save had ended). A refusal stays: it says
    // what to correct in what is being edited.
    private void ForgetSuccess()
    {
        if (outcome is { IsError: false })
        {
            (outcome, outcomeErrors) = (null, []);
        }
    }

    private Task TitleChangedAsync()
    {
        MarkDirty();
        return KeepEditsAsync();
    }

    // The title and the JSON tell the page of their text when they lose focus, which Tab does before the page can
    // enable Save, so Tab passed the still-disabled Save. The first keystroke enables it (TypingArea, MarkDirty); the
    // keystrokes after it render nothing.

    // The JSON is not in the prerendered page ("Loading the JSON…" instead): the interactive render replaces all of it,
    // and for a large proposal the text was most of the page, 3.5 MB for 3,000 restricted-goods rules, which the browser
    // parsed for some 3 seconds before it even fetched the scripts that start the circuit.

    // The text area sends its whole text back, twice, when it is left (its change event). Above the circuit's message
    // limit (20,000 restricted-goods rules: 10 million characters, a 23 MB event) the server closed the circuit, with the
    // edits on it; and its text went to the browser again with every edit in the sections. Such a proposal is not offered
    // as text.
    private bool JsonEditableAsText
    {
        get
        {
            if (!ReferenceEquals(measuredJson, jsonText))
            {
                (measuredJson, jsonFits) = (jsonText, OpsConsoleApp.TextEventBytes(jsonText) <= OpsConsoleApp.MaximumCircuitMessageBytes);
            }

            return jsonFits;
        }
    }

    // Above this many characters the JSON waits for a click (JsonFolded): Chromium took 2.2 s to lay out the text area
    // of 3,000 restricted-goods rules (2.1 million characters) when the page opened, again after every edit in the
    // sections, and the text was two thirds of what the page sent the browser. A quarter of a million lays out in about
    // a quarter of a second.
    public const int JsonShownAtOnceCharacters = 250_000;

    private bool jsonAsked;

    /// <summary>Whether the JSON is too long to show until the user asks for it.</summary>
    private bool JsonFolded => !jsonAsked && jsonText.Length > JsonShownAtOnceCharacters;

    private string? measuredJson;
    private bool jsonFits;

    private string JsonMegabytes => (System.Text.Encoding.UTF8.GetByteCount(jsonText) / 1024d / 1024d).ToString("N1", System.Globalization.CultureInfo.CurrentCulture);

    private bool CanSaveNow => dirty && saveBlockedBecause is null;

    private bool CanApproveNow => !outdated && (report.Warnings.Count == 0 || acknowledgeWarnings) && (proposalChange is null || acknowledgeNewProposal);

    /// <summary>The proposal an approval is given to: the one read, which is the one shown once it is acknowledged.</summary>
    private ShownProposal Approving => proposalChange is { } changed && acknowledgeNewProposal ? changed.Now : read!;

    /// <summary>The proposal as stored at the revision shown, which the page shows.</summary>
    private ShownProposal Stored => proposalChange?.Now ?? read!;

    private async Task SaveAsync()
    {
        if (busy || !CanSaveNow)
        {
            return;
        }

        // On a refusal (conflict, bad JSON) the text stays in the editor: nothing the user typed is lost.
        var conflict = false;
        await RunAsync(async () =>
        {
            var result = await Workflow.SaveAsync(user, request!.Id, editingRevision, titleText ?? "", jsonText);
            conflict = result.Failure == WorkflowFailure.Conflict;
            return result;
        }, "Saved.", reload: result => result.Succeeded, savesEdits: true);
        if (!dirty)
        {
            await ForgetKeptEditsAsync();
        }

        if (conflict)
        {
            try
            {
                await ShowSavedElsewhereAsync();
                if (savedElsewhere is not null)
                {
                    // The service's refusal says to reload and apply the edits again; here there is a better way, below.
                    Show(savedBy switch
                    {
                        null => ConsoleTexts.T("Not saved: this change request was changed by someone else since you opened it. Your edits are kept; what was saved meanwhile is shown above."),
                        { } write when write.ActorId == user.UserId() => ConsoleTexts.F("Not saved: you changed this change request in another tab or window at {0} ({1} time), after this page opened it. Your edits are kept; what was saved meanwhile is shown above.", SiteClock.Show(SiteCatalog.Get(Site), write.At), Site),
                        { } write => ConsoleTexts.F("Not saved: {0} changed this change request at {1} ({2} time), after you opened it. Your edits are kept; what was saved meanwhile is shown above.", write.ActorName, SiteClock.Show(SiteCatalog.Get(Site), write.At), Site),
                    }, true, []);
                }
            }
            catch (Exception failure) when (DatabaseFailures.Is(failure))
            {
                // The refusal already says what to do; failing to show the other version must not take the page (and
                // the edits on it) down.
            }
        }
    }

    /// <summary>As <see cref="ShowSavedElsewhereAsync"/>, where failing to show it must not take the page (and the edits on it) down.</summary>
    private async Task TryShowSavedElsewhereAsync()
    {
        try
        {
            await ShowSavedElsewhereAsync();
        }
        catch (Exception failure) when (DatabaseFailures.Is(failure))
        {
            // Shown without what was saved since; a save is still refused as a conflict and says so.
        }
    }

    /// <summary>Reads what was saved since the revision shown and shows it beside the user's unsaved edits.</summary>
    private async Task ShowSavedElsewhereAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var current = await db.ChangeRequests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id && c.Site == request!.Site);
        if (current is null || openedProposal is null || current.Revision == editingRevision)
        {
            return;
        }

        savedElsewhere = SavedElsewhere.Of(current, openedProposal, openedTitle, jsonText, canEditProposal);
        savedBy = await ChangeRequestService.LastWriteAsync(db, current, approvalsAside: false, CancellationToken.None);
    }

    /// <summary>
    /// Loads the revision saved elsewhere and puts on it what this user changed since the revision they opened, item by
    /// item (theirs where only they changed something, these edits where this user did), unsaved, to check and save.
    /// </summary>
    private async Task PutMineOnTheirsAsync()
    {
        if (busy || openedProposal is null || !ConfigurationJson.Parse(jsonText).Succeeded)
        {
            return;
        }

        var reading = await ReadAsync();
        // Read once the request is: what is typed while it is read is part of what is put on it.
        var typed = ConfigurationJson.Parse(jsonText);
        if (!typed.Succeeded)
        {
            parseErrors = typed.Errors;
            return;
        }

        var (startedFrom, mine) = (openedProposal, typed.Value!);
        var myTitle = (titleText ?? "").Trim() != openedTitle ? titleText : null;
        await ShowAsync(reading);
        if (!canEditProposal)
        {
            return;
        }

        var merged = ConfigurationMerge.PutOn(startedFrom, mine, openedProposal!).Merged;

        jsonText = ConfigurationJson.Serialize(merged, indented: true);
        titleText = myTitle ?? titleText ?? "";
        dirty = myTitle is not null || ConfigurationJson.Serialize(merged) != ConfigurationJson.Serialize(openedProposal!);
        Evaluate(merged);
        editorContext?.Replace(merged, report);
        Show(ConsoleTexts.F("Your edits are on revision {0} now, unsaved: check them and save.", request!.Revision), false, []);
        await KeepEditsAsync();
    }

    private Task SubmitAsync() => RunAsync(() => Workflow.SubmitAsync(user, request!.Id, request.Revision), "Submitted for review.");

    // One approval of two: "Approved." beside a change still in review read as if it could be published. Counted once the
    // page has read the request again: the number needed may have changed since the page showed it.
    private async Task ApproveAsync()
    {
        if (busy || !CanApproveNow)
        {
            return;
        }

        var seen = approvalsChange;
        if (await RunAsync(
            () => Workflow.ApproveAsync(user, request!.Id, Approving.Revision, acknowledgeWarnings, Approving.Hash, Approving.Title), "Approved.",
            successText: () => request!.State == ChangeRequestState.InReview
                ? ConsoleTexts.F("Your approval is recorded. It needs {0} more {0:approval|approvals} before it can be published.", requiredApprovals - request.Approvals.Count)
                : null))
        {
            ActedAfterReading(seen);
        }
    }

    /// <summary>
    /// The approver acted on the request with <paramref name="seen"/> in front of them: what it told of is behind them, and
    /// the request's count and state say the rest. A change the action's reading of the request brought to light (made on
    /// another console, which this page does not hear) is news, and stays.
    /// </summary>
    private void ActedAfterReading(ApprovalsChange? seen)
    {
        if (seen is not null && approvalsChange == seen)
        {
            approvalsChange = null;
        }
    }

    private async Task RejectAsync()
    {
        if (busy || !VisibleText.Any(rejectComment))
        {
            return;
        }

        // A refused rejection (the request changed meanwhile) keeps the reason typed, to send again once looked at.
        var seen = approvalsChange;
        if (await RunAsync(() => Workflow.RejectAsync(user, request!.Id, request.Revision, rejectComment ?? ""), "Rejected: it is back with the author as a draft."))
        {
            rejectComment = null;
            ActedAfterReading(seen);
        }
    }

    private async Task WithdrawAsync()
    {
        // Withdrawing cannot be undone: the change request is closed for good, so ask first.
        var confirmed = await Confirmations.AskAsync(
            ConsoleTexts.F("Withdraw {0}? It is closed for good: nobody can edit, approve or publish it afterwards.", ChangeRequestService.Subject(request!)),
            ConsoleTexts.T("Withdraw change request"), act: ConsoleTexts.T("Withdraw"), keep: ConsoleTexts.T("Keep it"));
        if (confirmed)
        {
            await RunAsync(() => Workflow.WithdrawAsync(user, request!.Id, request.Revision), "Withdrawn.");
        }
    }

    private bool AllResolved => conflicts.All(resolutions.ContainsKey);

    private Task RebaseAsync() => busy || !AllResolved ? Task.CompletedTask : RunAsync(
        () => Workflow.RebaseAsync(user, request!.Id, request.Revision, resolutions.Count > 0 ? new Dictionary<ConfigurationSection, RebaseChoice>(resolutions) : null),
        "Rebased onto the current release. Its approvals were cleared; submit it again.");

    private async Task PublishAsync()
    {
        busy = true;
        var seen = approvalsChange;
        var result = await Workflow.PublishAsync(user, request!.Id);
        busy = false;
        Show(result.Succeeded ? ConsoleTexts.F("Published as v{0}.", result.Value!.Version) : MessageTexts.Translate(result.Message!), !result.Succeeded, result.Errors);
        if (result.Failure != WorkflowFailure.Unavailable)
        {
            await ReloadAsync();
        }

        if (result.Succeeded)
        {
            ActedAfterReading(seen);
        }
    }

    /// <returns>Whether the action succeeded.</returns>
    /// <param name="successText">Says what succeeded better than <paramref name="success"/>, from the request read again, or null.</param>
    /// <param name="savesEdits">Whether the action saves the unsaved edits (Save does), which then are no longer unsaved.</param>
    private async Task<bool> RunAsync(Func<Task<WorkflowResult<ChangeRequest>>> action, string success, Func<WorkflowResult<ChangeRequest>, bool>? reload = null,
        Func<string?>? successText = null, bool savesEdits = false)
    {
        busy = true;
        var editsBefore = edits;
        var result = await action();
        busy = false;
        // The page's own success texts are translated; the service's refusals stay as the service wrote them.
        Show(result.Succeeded ? ConsoleTexts.T(success) : MessageTexts.Translate(result.Message!), !result.Succeeded, result.Errors);
        // Reading the request again would fail too while the database is down; the page as it stands keeps the user's input.
        if (result.Failure != WorkflowFailure.Unavailable && (reload?.Invoke(result) ?? true))
        {
            var reading = await ReadAsync();
            // Unsaved edits stay, on what they were made on: on a refusal, what the page showed; when the action went
            // through, what it made, as the edits typed while it ran (the text areas stay open) were made on its text.
            var typed = TypedNow();
            var putOnWhatItMade = false;
            if (typed is not null && result.Succeeded)
            {
                // An action of this page that changed the proposal under the edits (a rebase) was the user's own: their
                // edits go on what it made, as they would with "Put my edits on revision N". Left on the revision they
                // were made on, their save was refused as if made over someone else's ("in another tab or window").
                if (savesEdits || result.Value!.ConfigJson == typed.OriginJson)
                {
                    typed = savesEdits && edits == editsBefore ? null : typed.On(result.Value!);
                }
                else if (typed.PutOn(result.Value!) is { } putOn)
                {
                    (typed, putOnWhatItMade) = (putOn, true);
                }
            }

            await ShowAsync(reading);
            if (typed is not null && request is not null && canEditProposal)
            {
                await PutBackAsync(typed);
                if (savesEdits && result.Succeeded)
                {
                    Show(ConsoleTexts.T("Saved, without what you typed while it was saving: that is still to save."), false, []);
                }
                else if (putOnWhatItMade)
                {
                    Show(ConsoleTexts.F("{0} Your unsaved edits are on revision {1} now: check them and save.", ConsoleTexts.T(success), request.Revision), false, []);
                }
            }

            if (result.Succeeded && successText?.Invoke() is { } text)
            {
                Show(text, false, []);
            }
        }

        return result.Succeeded;
    }

    private void Show(string text, bool isError, IReadOnlyList<OpsConsole.Domain.Configuration.ParseError> errors)
    {
        outcome = new OutcomeMessage(text, isError);
        outcomeErrors = errors;
    }

    private void Choose(ConfigurationSection section, RebaseChoice? choice)
    {
        if (choice is { } chosen)
        {
            resolutions[section] = chosen;
        }
    }

    private RebaseChoice? ChoiceFor(ConfigurationSection section) => resolutions.TryGetValue(section, out var choice) ? choice : null;

    private void OnWorkflowEvent(WorkflowEvent workflowEvent)
    {
        var concernsThis = workflowEvent switch
        {
            ChangeRequestChanged changed => changed.ChangeRequestId == Id,
            // It may change how many approvals this request needs, without a write to the request itself.
            ReleasePublished or ApprovalsSettingChanged => string.Equals(workflowEvent.Site, Site, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        if (!concernsThis || busy)
        {
            return;
        }

        _ = InvokeAsync(() => Live.RefreshAsync(nameof(ChangeRequestPage), async () =>
        {
            // Typing goes on while the request is read, and is looked at once the read is done.
            var reading = dirty ? null : await ReadAsync();
            if (dirty)
            {
                // Never overwrite what someone is typing; tell them instead, and show what was saved when it is the proposal.
                staleNotice = "This change request or its site changed elsewhere. Your unsaved edits are kept; reloading replaces them.";
                await ShowSavedElsewhereAsync();
            }
            else
            {
                // What this page last did ("Submitted for review.") is not news once someone else has acted on it since.
                var shownRevision = request?.Revision;
                await ShowAsync(reading);
                if (request?.Revision != shownRevision)
                {
                    (outcome, outcomeErrors) = (null, []);
                }
            }

            StateHasChanged();
        }));
    }

    private string? ReasonCount => CharacterCount.NearLimit(rejectComment, ChangeRequestService.ReasonMaxLength);

    // An approver's reason for rejecting is typed too, and as easily lost to a click elsewhere.
    private bool UnsentReason => request is not null && canReject && !string.IsNullOrWhiteSpace(rejectComment);

    private async Task ConfirmLeavingAsync(LocationChangingContext leaving)
    {
        if (!dirty && !UnsentReason)
        {
            return;
        }

        var leave = dirty
            ? await Confirmations.AskAsync(
                ConsoleTexts.T("Your edits to this change request are not saved. Leaving the page discards them."),
                ConsoleTexts.T("Leave without saving?"), act: ConsoleTexts.T("Discard and leave"), keep: ConsoleTexts.T("Stay"))
            : await Confirmations.AskAsync(
                ConsoleTexts.T("Your reason for rejecting is not sent. Leaving the page discards it."),
                ConsoleTexts.T("Leave without rejecting?"), act: ConsoleTexts.T("Discard and leave"), keep: ConsoleTexts.T("Stay"));
        if (!leave)
        {
            leaving.PreventNavigation();
        }
        else
        {
            await ForgetKeptEditsAsync();
        }
    }

    public void Dispose() => Events.Raised -= OnWorkflowEvent;}
