using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;
using OpsConsole.Domain.Diff;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Audit;
using OpsConsole.Features.Releases;
using OpsConsole.Localization;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>How a conflicting section is settled when rebasing.</summary>
public enum RebaseChoice
{
    KeepMine,
    TakeCurrent,
}

/// <summary>
/// Every state transition of a change request, checked here on the server for role, site, state and
/// four eyes, whatever a page shows. Each action is one transaction with its audit entry; SQLite
/// transactions begin IMMEDIATE, so two writers never interleave a check and a write.
/// </summary>
public sealed partial class ChangeRequestService(
    IDbContextFactory<OpsConsoleDbContext> factory,
    AuditLog audit,
    ReleasePublisher publisher,
    WorkflowEvents events,
    TimeProvider clock,
    ILogger<ChangeRequestService> logger)
{
    // SQLITE_CONSTRAINT: a unique key or index refused the write.
    private const int SqliteConstraint = 19;

    public Task<WorkflowResult<ChangeRequest>> CreateAsync(ClaimsPrincipal user, string site, string title, CancellationToken cancellationToken = default) =>
        GuardedAsync(CreateCoreAsync(user, site, title, cancellationToken), nameof(CreateAsync));

    private async Task<WorkflowResult<ChangeRequest>> CreateCoreAsync(ClaimsPrincipal user, string site, string title, CancellationToken cancellationToken)
    {
        if (!SiteCatalog.TryGet(site, out var info))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.NotFound, $"There is no site '{site}'.");
        }

        if (!user.CanEdit(info.Code))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.Forbidden, $"Only {info.Code} editors can propose changes to {info.Code}.");
        }

        if (!IsTitle(title))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.Invalid, "Give the change request a title of at most 200 characters.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await CurrentReleaseAsync(db, info.Code, cancellationToken);
        var config = current is null ? Empty(info.Code) : Parse(current.ConfigJson);
        var request = NewRequest(user, info.Code, title.Trim(), current?.Version ?? 0, config, ChangeRequestKind.Change, null);
        return await AddAsync(db, transaction, user, request, AuditActions.Create, new { request.Title, baseVersion = request.BaseVersion }, cancellationToken);
    }

    /// <summary>
    /// Saves a new proposal. Refused when someone saved since <paramref name="expectedRevision"/>; the
    /// caller keeps the user's input. An edit after submission returns it to Draft and clears approvals.
    /// </summary>
    public async Task<WorkflowResult<ChangeRequest>> SaveAsync(ClaimsPrincipal user, int id, int expectedRevision, string title, string configJson, CancellationToken cancellationToken = default)
    {
        var parsed = ConfigurationJson.Parse(configJson);
        if (!parsed.Succeeded)
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.Invalid, "The configuration is not valid JSON for a site configuration; nothing was saved.", parsed.Errors);
        }

        if (!IsTitle(title))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.Invalid, "Give the change request a title of at most 200 characters.");
        }

        return await TransitionAsync(user, id, expectedRevision, cancellationToken, async (db, request) =>
        {
            if (!user.CanEdit(request.Site))
            {
                return Refuse(WorkflowFailure.Forbidden, $"Only {request.Site} editors can edit this change request.");
            }

            if (request.State is ChangeRequestState.Published or ChangeRequestState.Withdrawn)
            {
                return Refuse(WorkflowFailure.InvalidState, $"A {request.State.ToString().ToLowerInvariant()} change request cannot be edited.");
            }

            if (parsed.Value!.Site != request.Site)
            {
                return Refuse(WorkflowFailure.Invalid, $"The configuration is for {parsed.Value.Site}, but this change request is for {request.Site}.");
            }

            var canonical = ConfigurationJson.Serialize(parsed.Value);
            var changes = new List<string>();
            if (canonical != request.ConfigJson)
            {
                if (request.Kind == ChangeRequestKind.Rollback)
                {
                    // A rollback is v(K)'s configuration as it was; edited, it would be published, audited and shown as a
                    // rollback to v(K) while being something else.
                    return Refuse(WorkflowFailure.Invalid, $"A rollback proposes v{request.RollbackOfVersion}'s configuration as it was and cannot be edited; withdraw it and open a change request to change something else.");
                }

                changes.Add("configuration");
            }

            if (title.Trim() != request.Title)
            {
                changes.Add("title");
            }

            if (changes.Count == 0)
            {
                return null;
            }

            var wasSubmitted = request.State != ChangeRequestState.Draft;
            var changedSections = ConfigurationDiff.ChangedSections(Parse(request.ConfigJson), parsed.Value).Select(s => s.JsonName()).ToList();
            request.ConfigJson = canonical;
            request.Title = title.Trim();
            BackToDraft(db, request);
            AddEditor(request, user);
            ProposalChanged(request, user);
            await audit.AppendAsync(db, Actor.From(user), AuditActions.Edit, request.Site, Subject(request),
                new { changed = changes, sections = changedSections, approvalsCleared = wasSubmitted }, cancellationToken);
            return null;
        });
    }

    /// <summary>Why the request cannot go on until it is rebased, or null while its base is the current release.</summary>
    private static async Task<string?> OutdatedAsync(OpsConsoleDbContext db, ChangeRequest request, CancellationToken cancellationToken)
    {
        var current = await ReleasePublisher.CurrentVersionAsync(db, request.Site, cancellationToken);
        return current == request.BaseVersion
            ? null
            : $"{request.Site} is now at v{current}, but this change request is based on v{request.BaseVersion}. Rebase it onto v{current}; that clears its approvals.";
    }

    public Task<WorkflowResult<ChangeRequest>> SubmitAsync(ClaimsPrincipal user, int id, int expectedRevision, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, id, expectedRevision, cancellationToken, async (db, request) =>
        {
            if (!user.CanEdit(request.Site))
            {
                return Refuse(WorkflowFailure.Forbidden, $"Only {request.Site} editors can submit this change request.");
            }

            if (request.State != ChangeRequestState.Draft)
            {
                return Refuse(WorkflowFailure.InvalidState, $"Only a draft can be submitted; this one is {Describe(request.State)}.");
            }

            // Reviewing a change that cannot be published is wasted work: publishing wants it rebased, and rebasing clears approvals.
            if (await OutdatedAsync(db, request, cancellationToken) is { } outdated)
            {
                return Refuse(WorkflowFailure.Outdated, outdated);
            }

            // Both sides are canonical JSON, so equal text is an equal configuration.
            if (await db.Releases.AnyAsync(r => r.Site == request.Site && r.Version == request.BaseVersion && r.ConfigJson == request.ConfigJson, cancellationToken))
            {
                return Refuse(WorkflowFailure.Invalid, $"The proposal is the same as v{request.BaseVersion}; there is nothing to review. Change something first, or withdraw it.");
            }

            var proposal = Parse(request.ConfigJson);
            var report = ConfigurationValidator.Validate(proposal);
            if (!report.IsValid)
            {
                return Refuse(WorkflowFailure.Invalid, PluralFormat.English("The proposal has {0} {0:error|errors}; fix {0:it|them} before submitting.", report.Errors.Count),
                    report.Errors.Select(e => new ParseError(e.Path, e.Message)).ToList());
            }

            request.State = ChangeRequestState.InReview;
            request.SubmittedAt = clock.GetUtcNow();
            // The hash names what was reviewed, so an auditor matches it with the release's without reading the proposal.
            await audit.AppendAsync(db, Actor.From(user), AuditActions.Submit, request.Site, Subject(request),
                new { warnings = report.Warnings.Count, hash = ConfigurationJson.Sha256(proposal) }, cancellationToken);
            return null;
        });

    /// <summary>
    /// Approves the proposal the approver read at <paramref name="expectedRevision"/>. Approvals given since by others do
    /// not make it a conflict (two approvers of one request approve at once, and both count); any other write does.
    /// <paramref name="reviewedHash"/> and <paramref name="reviewedTitle"/>, when given, are the <c>sha256:</c> of the
    /// configuration and the title the approver read: a proposal with another one is refused as not read, saying what
    /// changed and who changed it, whatever revision is named.
    /// </summary>
    public Task<WorkflowResult<ChangeRequest>> ApproveAsync(ClaimsPrincipal user, int id, int expectedRevision, bool acknowledgeWarnings, string? reviewedHash = null,
        string? reviewedTitle = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, id, expectedRevision, cancellationToken, approval: true, conflict: request => NotRead(request, reviewedHash, reviewedTitle), action: async (db, request) =>
        {
            if (NotRead(request, reviewedHash, reviewedTitle) is { } notRead)
            {
                return notRead;
            }

            var refusal = ApprovalRefusal(user, request);
            if (refusal is not null)
            {
                return Refuse(refusal.Value.Failure, refusal.Value.Message);
            }

            if (await OutdatedAsync(db, request, cancellationToken) is { } outdated)
            {
                return Refuse(WorkflowFailure.Outdated, outdated);
            }

            var proposal = Parse(request.ConfigJson);
            var report = ConfigurationValidator.Validate(proposal);
            if (report.Warnings.Count > 0 && !acknowledgeWarnings)
            {
                return Refuse(WorkflowFailure.Invalid, PluralFormat.English("The proposal has {0} {0:warning|warnings}; acknowledge {0:it|them} to approve.", report.Warnings.Count));
            }

            request.Approvals.Add(new Approval
            {
                ApproverId = user.UserId(),
                ApproverName = user.DisplayName(),
                At = clock.GetUtcNow(),
                AcknowledgedWarnings = report.Warnings.Count > 0,
            });
            var required = await RequiredApprovalsAsync(db, request, cancellationToken);
            if (request.Approvals.Count >= required)
            {
                request.State = ChangeRequestState.Approved;
            }

            await audit.AppendAsync(db, Actor.From(user), AuditActions.Approve, request.Site, Subject(request),
                new { approvals = request.Approvals.Count, required, acknowledgedWarnings = report.Warnings.Count, hash = ConfigurationJson.Sha256(proposal) }, cancellationToken);
            return null;
        }, name: nameof(ApproveAsync));

    /// <summary>
    /// The refusal of an approval given to a proposal whose configuration had <paramref name="reviewedHash"/> and whose title
    /// was <paramref name="reviewedTitle"/>, when this request's are others (each only when named): it says what changed,
    /// by whom and when, on the site's clock as the pages show it. Null when what was named is there.
    /// </summary>
    private static WorkflowResult<ChangeRequest>? NotRead(ChangeRequest request, string? reviewedHash, string? reviewedTitle)
    {
        var configuration = reviewedHash is not null && reviewedHash != ConfigurationJson.Sha256(Parse(request.ConfigJson));
        var title = reviewedTitle is not null && reviewedTitle.Trim() != request.Title;
        if (!configuration && !title)
        {
            return null;
        }

        if (request.ProposalChangedBy is not { } by || request.ProposalChangedAt is not { } instant)
        {
            // Only a request whose proposal last changed before the console recorded who changes it.
            return Refuse(WorkflowFailure.Conflict, $"The proposal of {Subject(request)} was changed after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it.");
        }

        var (at, site) = (SiteTime(request.Site, instant), request.Site);
        return (configuration, title) switch
        {
            (true, false) => Refuse(WorkflowFailure.Conflict,
                $"The configuration proposed in {Subject(request)} was changed by {by} at {at} ({site} time), after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."),
            (false, true) => Refuse(WorkflowFailure.Conflict,
                $"The title of {Subject(request)} was changed from “{reviewedTitle!.Trim()}” to “{request.Title}” by {by} at {at} ({site} time), after you opened it: the proposal is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."),
            _ => Refuse(WorkflowFailure.Conflict,
                $"The configuration proposed in {Subject(request)} and its title (from “{reviewedTitle!.Trim()}” to “{request.Title}”) were changed by {by} at {at} ({site} time), after you opened it: it is not the one you read, and your approval was not recorded. Read the new proposal, then approve it."),
        };
    }

    /// <summary>
    /// The refusal of an action named at a revision that is no longer there, naming who wrote since (<paramref name="last"/>):
    /// "someone else" was no help to the person who had changed it themselves in another tab.
    /// </summary>
    private static WorkflowResult<ChangeRequest> ChangedSince(ClaimsPrincipal user, ChangeRequest request, AuditEntry? last)
    {
        var subject = Subject(request);
        var (at, site) = (SiteTime(request.Site, request.UpdatedAt), request.Site);
        return last is null
            ? Refuse(WorkflowFailure.Conflict, $"{subject} was changed by someone else at {at} ({site} time), after you opened it. Your input is kept: reload to see their version, then apply yours again.")
            : last.ActorId == user.UserId()
                ? Refuse(WorkflowFailure.Conflict, $"{subject} was changed by you, in another tab or window, at {at} ({site} time), after this page opened it. Your input is kept: reload to see that version, then apply yours again.")
                : Refuse(WorkflowFailure.Conflict, $"{subject} was changed by {last.ActorName} at {at} ({site} time), after you opened it. Your input is kept: reload to see their version, then apply yours again.");
    }

    /// <summary>
    /// The audit entry of the newest write of <paramref name="request"/> (its publication included), or of the newest that
    /// is not an approval when <paramref name="approvalsAside"/> (other approvals do not make an approval a conflict); null
    /// when none is recorded. Every write of a change request appends an entry naming it, and its publication one naming the
    /// release it made, so the newest is the write.
    /// </summary>
    public static Task<AuditEntry?> LastWriteAsync(OpsConsoleDbContext db, ChangeRequest request, bool approvalsAside, CancellationToken cancellationToken)
    {
        var subject = Subject(request);
        var release = request.PublishedVersion is { } version ? $"v{version}" : null;
        return db.AuditEntries.AsNoTracking()
            .Where(e => e.Site == request.Site && (e.Subject == subject || (release != null && e.Subject == release)) && (!approvalsAside || e.Action != AuditActions.Approve))
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>An instant as the pages show it to the site's staff (without the zone, which the messages name).</summary>
    private static string SiteTime(string site, DateTimeOffset instant) => SiteClock.Show(SiteCatalog.Get(site), instant);

    /// <summary>The longest reason for rejecting that is kept (the comments' column says the same).</summary>
    public const int ReasonMaxLength = 4000;

    /// <summary>The longest reason an emergency rollback takes: it goes into the audit log, where it is read in a line.</summary>
    public const int EmergencyReasonMaxLength = 1000;

    public Task<WorkflowResult<ChangeRequest>> RejectAsync(ClaimsPrincipal user, int id, int expectedRevision, string comment, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, id, expectedRevision, cancellationToken, async (db, request) =>
        {
            if (!user.CanApprove(request.Site))
            {
                return Refuse(WorkflowFailure.Forbidden, $"Only {request.Site} approvers can reject this change request.");
            }

            if (request.State is not (ChangeRequestState.InReview or ChangeRequestState.Approved))
            {
                return Refuse(WorkflowFailure.InvalidState, $"Only a change request in review or approved can be rejected; this one is {Describe(request.State)}.");
            }

            if (!VisibleText.Any(comment))
            {
                return Refuse(WorkflowFailure.Invalid, "Say why you reject it: the author needs to know what to change.");
            }

            if (comment.Trim().Length > ReasonMaxLength)
            {
                return Refuse(WorkflowFailure.Invalid, $"The reason is {comment.Trim().Length:N0} characters long; at most {ReasonMaxLength:N0} are kept. Shorten it.");
            }

            BackToDraft(db, request);
            request.Comments.Add(new ChangeRequestComment
            {
                Kind = CommentKind.Rejection,
                AuthorId = user.UserId(),
                AuthorName = user.DisplayName(),
                At = clock.GetUtcNow(),
                Text = comment.Trim(),
            });
            await audit.AppendAsync(db, Actor.From(user), AuditActions.Reject, request.Site, Subject(request), new { comment = comment.Trim() }, cancellationToken);
            return null;
        });

    public Task<WorkflowResult<ChangeRequest>> WithdrawAsync(ClaimsPrincipal user, int id, int expectedRevision, CancellationToken cancellationToken = default) =>
        TransitionAsync(user, id, expectedRevision, cancellationToken, async (db, request) =>
        {
            if (request.AuthorId != user.UserId() || !user.CanEdit(request.Site))
            {
                // The author's own id is not enough: someone no longer an editor of the site has no say over its changes.
                return Refuse(WorkflowFailure.Forbidden, "Only the author can withdraw a change request.");
            }

            if (request.State is ChangeRequestState.Published or ChangeRequestState.Withdrawn)
            {
                return Refuse(WorkflowFailure.InvalidState, $"This change request is already {Describe(request.State)}.");
            }

            request.State = ChangeRequestState.Withdrawn;
            await audit.AppendAsync(db, Actor.From(user), AuditActions.Withdraw, request.Site, Subject(request), null, cancellationToken);
            return null;
        });

    /// <summary>
    /// Publishes an approved change request as release v(n+1), only if its base is still the current
    /// release. Publishing a published one again returns its release and creates nothing.
    /// </summary>
    public Task<WorkflowResult<Release>> PublishAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        GuardedAsync(PublishCoreAsync(user, id, cancellationToken), nameof(PublishAsync));

    private async Task<WorkflowResult<Release>> PublishCoreAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await LoadAsync(db, id, cancellationToken);
        if (request is null)
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.NotFound, $"There is no change request {id}.");
        }

        if (!user.CanEdit(request.Site) && !user.CanApprove(request.Site))
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.Forbidden, $"Only {request.Site} editors and approvers can publish.");
        }

        if (request.State == ChangeRequestState.Published)
        {
            var existing = await db.Releases.AsNoTracking().SingleAsync(r => r.ChangeRequestId == request.Id, cancellationToken);
            return WorkflowResult<Release>.Ok(existing);
        }

        if (request.State != ChangeRequestState.Approved)
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.InvalidState, $"Only an approved change request can be published; this one is {Describe(request.State)}.");
        }

        if (await OutdatedAsync(db, request, cancellationToken) is { } outdated)
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.Outdated, outdated);
        }

        var config = Parse(request.ConfigJson);
        var author = new Actor(request.AuthorId, request.AuthorName);
        var approvers = request.Approvals.OrderBy(a => a.At).Select(a => a.ApproverName).ToList();
        var release = await publisher.AddAsync(db, config, request.Title, request.Id, author, approvers, Actor.From(user), AuditActions.Publish,
            new { changeRequest = Subject(request), hash = ConfigurationJson.Sha256(config), approvers, rollbackOf = request.RollbackOfVersion }, cancellationToken);
        request.State = ChangeRequestState.Published;
        request.PublishedVersion = release.Version;
        Touch(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint } && !DatabaseFailures.IsMoved(failure))
        {
            // Another writer published this site first (the version key or the change request index refused it).
            return WorkflowResult<Release>.Fail(WorkflowFailure.Conflict, $"{request.Site} was published by someone else at the same moment; nothing was published. Reload and try again.");
        }

        events.Raise(new ReleasePublished(release));
        Changed(request);
        return WorkflowResult<Release>.Ok(release);
    }

    /// <summary>
    /// Moves the proposal onto the current release. Sections changed on one side merge by themselves;
    /// a section changed on both sides needs a <paramref name="resolutions"/> entry, otherwise nothing
    /// changes and the failure lists the sections. Rebasing clears approvals.
    /// </summary>
    public async Task<WorkflowResult<ChangeRequest>> RebaseAsync(ClaimsPrincipal user, int id, int expectedRevision,
        IReadOnlyDictionary<ConfigurationSection, RebaseChoice>? resolutions = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ConfigurationSection> unresolved = [];
        var result = await TransitionAsync(user, id, expectedRevision, cancellationToken, async (db, request) =>
        {
            if (!user.CanEdit(request.Site))
            {
                return Refuse(WorkflowFailure.Forbidden, $"Only {request.Site} editors can rebase this change request.");
            }

            if (request.State is ChangeRequestState.Published or ChangeRequestState.Withdrawn)
            {
                return Refuse(WorkflowFailure.InvalidState, $"A {Describe(request.State)} change request cannot be rebased.");
            }

            var current = await CurrentReleaseAsync(db, request.Site, cancellationToken);
            if (current is null || current.Version == request.BaseVersion)
            {
                return Refuse(WorkflowFailure.InvalidState, "This change request is already based on the current release.");
            }

            var baseRelease = request.BaseVersion == 0 ? null : await db.Releases.AsNoTracking().SingleAsync(r => r.Site == request.Site && r.Version == request.BaseVersion, cancellationToken);
            var baseConfig = baseRelease is null ? Empty(request.Site) : Parse(baseRelease.ConfigJson);
            var mine = Parse(request.ConfigJson);
            var theirs = Parse(current.ConfigJson);
            // A rollback stays v(K)'s configuration whatever was published since: only its base moves (and the diff shows
            // approvers what going back now undoes). Merging would make it a mixture published as a rollback.
            var merge = request.Kind == ChangeRequestKind.Rollback
                ? new MergeResult(mine, [])
                : ConfigurationMerge.Merge(baseConfig, mine, theirs);
            var merged = merge.Merged;
            if (merged is null)
            {
                unresolved = merge.ConflictingSections.Where(s => resolutions is null || !resolutions.ContainsKey(s)).ToList();
                if (unresolved.Count > 0)
                {
                    return Refuse(WorkflowFailure.Invalid,
                        $"Both this change request and v{current.Version} changed {string.Join(", ", unresolved.Select(s => s.JsonName()))}: choose for each whether to keep yours or take v{current.Version}'s.");
                }

                // Start from the clean part of the merge (what one side changed), then apply the choices.
                merged = theirs;
                foreach (var section in ConfigurationSections.All)
                {
                    var mineChanged = !ConfigurationSections.SectionEquals(baseConfig, mine, section);
                    var takeMine = merge.ConflictingSections.Contains(section) ? resolutions![section] == RebaseChoice.KeepMine : mineChanged;
                    if (takeMine)
                    {
                        merged = merged.WithSectionFrom(mine, section);
                    }
                }
            }

            var fromVersion = request.BaseVersion;
            request.ConfigJson = ConfigurationJson.Serialize(merged);
            request.BaseVersion = current.Version;
            BackToDraft(db, request);
            AddEditor(request, user);
            ProposalChanged(request, user);
            await audit.AppendAsync(db, Actor.From(user), AuditActions.Rebase, request.Site, Subject(request),
                new { from = fromVersion, to = current.Version, conflicts = merge.ConflictingSections.Select(s => s.JsonName()), resolutions }, cancellationToken);
            return null;
        });
        return result;
    }

    /// <summary>
    /// The release a rollback to <paramref name="version"/> would publish again, with the site's current version; or, when
    /// there is none, why: no such release, or nothing to roll back because its configuration is the current one (a
    /// rollback after an emergency rollback would otherwise publish the same configuration twice).
    /// </summary>
    private static async Task<(Release? Target, int Current, (WorkflowFailure Failure, string Message)? Refusal)> RollbackTargetAsync(
        OpsConsoleDbContext db, SiteInfo site, int version, CancellationToken cancellationToken)
    {
        var target = await db.Releases.AsNoTracking().SingleOrDefaultAsync(r => r.Site == site.Code && r.Version == version, cancellationToken);
        var current = await ReleasePublisher.CurrentVersionAsync(db, site.Code, cancellationToken);
        if (target is null)
        {
            return (null, current, (WorkflowFailure.NotFound, $"{site.Code} has no release v{version}."));
        }

        if (target.Version == current)
        {
            return (null, current, (WorkflowFailure.InvalidState, $"v{version} is the current release already."));
        }

        if (await db.Releases.AnyAsync(r => r.Site == site.Code && r.Version == current && r.Hash == target.Hash, cancellationToken))
        {
            return (null, current, (WorkflowFailure.InvalidState, $"v{version} has the configuration of the current release, v{current}: there is nothing to roll back."));
        }

        return (target, current, null);
    }

    /// <summary>A change request proposing release vK's configuration again; it needs the usual approvals.</summary>
    public Task<WorkflowResult<ChangeRequest>> CreateRollbackAsync(ClaimsPrincipal user, string site, int version, CancellationToken cancellationToken = default) =>
        GuardedAsync(CreateRollbackCoreAsync(user, site, version, cancellationToken), nameof(CreateRollbackAsync));

    private async Task<WorkflowResult<ChangeRequest>> CreateRollbackCoreAsync(ClaimsPrincipal user, string site, int version, CancellationToken cancellationToken)
    {
        if (!SiteCatalog.TryGet(site, out var info))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.NotFound, $"There is no site '{site}'.");
        }

        if (!user.CanEdit(info.Code))
        {
            return WorkflowResult<ChangeRequest>.Fail(WorkflowFailure.Forbidden, $"Only {info.Code} editors can propose a rollback.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (target, current, refusal) = await RollbackTargetAsync(db, info, version, cancellationToken);
        if (target is null)
        {
            return WorkflowResult<ChangeRequest>.Fail(refusal!.Value.Failure, refusal.Value.Message);
        }

        var request = NewRequest(user, info.Code, $"Roll back to v{version}", current, Parse(target.ConfigJson), ChangeRequestKind.Rollback, version);
        return await AddAsync(db, transaction, user, request, AuditActions.Rollback, new { to = version, from = current }, cancellationToken);
    }

    /// <summary>
    /// A title is what names the request in lists, links and the release it becomes: it must have something to read, and
    /// is measured as it is stored (trimmed).
    /// </summary>
    private static bool IsTitle(string? title) => VisibleText.Any(title) && title!.Trim().Length <= 200;

    /// <summary>An administrator publishes vK's configuration again at once, alone, with a stated reason.</summary>
    public Task<WorkflowResult<Release>> EmergencyRollbackAsync(ClaimsPrincipal user, string site, int version, string reason, CancellationToken cancellationToken = default) =>
        GuardedAsync(EmergencyRollbackCoreAsync(user, site, version, reason, cancellationToken), nameof(EmergencyRollbackAsync));

    private async Task<WorkflowResult<Release>> EmergencyRollbackCoreAsync(ClaimsPrincipal user, string site, int version, string reason, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin())
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.Forbidden, "Only an administrator can roll back in an emergency.");
        }

        if (!SiteCatalog.TryGet(site, out var info))
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.NotFound, $"There is no site '{site}'.");
        }

        if (!VisibleText.Any(reason))
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.Invalid, "An emergency rollback needs a reason: it skips the four-eyes review.");
        }

        if (reason.Length > EmergencyReasonMaxLength)
        {
            return WorkflowResult<Release>.Fail(WorkflowFailure.Invalid, $"The reason for an emergency rollback is {reason.Length:N0} characters long; at most {EmergencyReasonMaxLength:N0} are kept. Shorten it.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (target, current, refusal) = await RollbackTargetAsync(db, info, version, cancellationToken);
        if (target is null)
        {
            return WorkflowResult<Release>.Fail(refusal!.Value.Failure, refusal.Value.Message);
        }

        var actor = Actor.From(user);
        var release = await publisher.AddAsync(db, Parse(target.ConfigJson), $"Emergency rollback to v{version}", null, actor, [], actor,
            AuditActions.EmergencyRollback, new { to = version, from = current, reason = reason.Trim() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Raise(new ReleasePublished(release));
        return WorkflowResult<Release>.Ok(release);
    }

    public static SiteConfiguration Parse(string canonicalJson) =>
        ConfigurationJson.Parse(canonicalJson) is { Succeeded: true } parsed
            ? parsed.Value!
            : throw new InvalidOperationException("A stored configuration no longer parses; the database was changed outside the console.");

    public static SiteConfiguration Empty(string site) => new(site, [], [], [], []);

    public static string Subject(ChangeRequest request) => Subject(request.Id);

    /// <summary>How a change request is named to people and in the audit log.</summary>
    public static string Subject(int id) => $"CR-{id}";

    public static string Describe(ChangeRequestState state) => state switch
    {
        ChangeRequestState.InReview => "in review",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static async Task<Release?> CurrentReleaseAsync(OpsConsoleDbContext db, string site, CancellationToken cancellationToken) =>
        await db.Releases.AsNoTracking().Where(r => r.Site == site).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);

    // Split: one statement would repeat the request's row, its proposal (megabytes at marketplace scale) included, for
    // every editor times approval times comment. Every caller reads inside its write transaction, so the statements see
    // one state.
    private static Task<ChangeRequest?> LoadAsync(OpsConsoleDbContext db, int id, CancellationToken cancellationToken) =>
        db.ChangeRequests.Include(c => c.Editors).Include(c => c.Approvals).Include(c => c.Comments).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    private ChangeRequest NewRequest(ClaimsPrincipal user, string site, string title, int baseVersion, SiteConfiguration config, ChangeRequestKind kind, int? rollbackOf)
    {
        var now = clock.GetUtcNow();
        var request = new ChangeRequest
        {
            Site = site,
            Title = title,
            Kind = kind,
            RollbackOfVersion = rollbackOf,
            BaseVersion = baseVersion,
            State = ChangeRequestState.Draft,
            ConfigJson = ConfigurationJson.Serialize(config),
            AuthorId = user.UserId(),
            AuthorName = user.DisplayName(),
            CreatedAt = now,
            UpdatedAt = now,
            Revision = 1,
            ProposalRevision = 1,
            ProposalChangedBy = user.DisplayName(),
            ProposalChangedAt = now,
        };
        AddEditor(request, user);
        return request;
    }

    /// <summary>
    /// Stores a new change request and its audit entry, which names it and so follows its first save, and commits them.
    /// </summary>
    private async Task<WorkflowResult<ChangeRequest>> AddAsync(OpsConsoleDbContext db, IDbContextTransaction transaction, ClaimsPrincipal user, ChangeRequest request,
        string action, object details, CancellationToken cancellationToken)
    {
        db.ChangeRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, Actor.From(user), action, request.Site, Subject(request), details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Changed(request);
        return WorkflowResult<ChangeRequest>.Ok(request);
    }

    private static void AddEditor(ChangeRequest request, ClaimsPrincipal user)
    {
        var userId = user.UserId();
        if (request.Editors.All(e => e.UserId != userId))
        {
            request.Editors.Add(new ChangeRequestEditor { UserId = userId, UserName = user.DisplayName() });
        }
    }

    private void ProposalChanged(ChangeRequest request, ClaimsPrincipal user)
    {
        request.ProposalChangedBy = user.DisplayName();
        request.ProposalChangedAt = clock.GetUtcNow();
    }

    /// <summary>
    /// Whether a draft was sent back by the rejection at <paramref name="rejectedAt"/>: no submission came after it. Both are
    /// stored to the millisecond, and a rejection always follows a submission; one in the same millisecond counts as after.
    /// </summary>
    public static bool SentBack(ChangeRequestState state, DateTimeOffset rejectedAt, DateTimeOffset? submittedAt) =>
        state == ChangeRequestState.Draft && (submittedAt is null || rejectedAt >= submittedAt);

    private static void BackToDraft(OpsConsoleDbContext db, ChangeRequest request)
    {
        request.State = ChangeRequestState.Draft;
        db.RemoveRange(request.Approvals);
        request.Approvals.Clear();
    }

    private void Touch(ChangeRequest request, bool approval = false)
    {
        request.UpdatedAt = clock.GetUtcNow();
        request.Revision++;
        if (!approval)
        {
            request.ProposalRevision = request.Revision;
        }
    }

    private void Changed(ChangeRequest request) => events.Raise(new ChangeRequestChanged(request.Site, request.Id, request.State));

    private static WorkflowResult<ChangeRequest> Refuse(WorkflowFailure failure, string message, IReadOnlyList<ParseError>? errors = null) =>
        WorkflowResult<ChangeRequest>.Fail(failure, message, errors);

    /// <summary>
    /// Loads the change request, checks the revision the user saw, runs the action and, when it did not
    /// refuse, stores it with a new revision and its audit entry in one transaction.
    /// </summary>
    private Task<WorkflowResult<ChangeRequest>> TransitionAsync(ClaimsPrincipal user, int id, int expectedRevision, CancellationToken cancellationToken,
        Func<OpsConsoleDbContext, ChangeRequest, Task<WorkflowResult<ChangeRequest>?>> action, bool approval = false, Func<ChangeRequest, WorkflowResult<ChangeRequest>?>? conflict = null,
        [CallerMemberName] string name = "") =>
        GuardedAsync(TransitionCoreAsync(user, id, expectedRevision, cancellationToken, action, approval, conflict), name);

    /// <param name="conflict">Says better than the general message why the revision named is not the one there, or null.</param>
    private async Task<WorkflowResult<ChangeRequest>> TransitionCoreAsync(ClaimsPrincipal user, int id, int expectedRevision, CancellationToken cancellationToken,
        Func<OpsConsoleDbContext, ChangeRequest, Task<WorkflowResult<ChangeRequest>?>> action, bool approval, Func<ChangeRequest, WorkflowResult<ChangeRequest>?>? conflict)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await LoadAsync(db, id, cancellationToken);
        if (request is null || !user.CanRead(request.Site))
        {
            return Refuse(WorkflowFailure.NotFound, $"There is no change request {id}.");
        }

        var seen = approval
            ? expectedRevision >= request.ProposalRevision && expectedRevision <= request.Revision
            : expectedRevision == request.Revision;
        if (!seen && conflict?.Invoke(request) is { } notRead)
        {
            return notRead;
        }

        if (!seen)
        {
            var last = await LastWriteAsync(db, request, approvalsAside: approval, cancellationToken);
            return await MovedByApprovalsSettingAsync(db, request, last, cancellationToken) ?? ChangedSince(user, request, last);
        }

        var refusal = await action(db, request);
        if (refusal is not null)
        {
            return refusal;
        }

        if (db.ChangeTracker.HasChanges())
        {
            Touch(request, approval);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Refuse(WorkflowFailure.Conflict, $"{Subject(request)} was changed by someone else at the same moment. Your input is kept: reload and apply it again.");
            }

            await transaction.CommitAsync(cancellationToken);
            Changed(request);
        }

        return WorkflowResult<ChangeRequest>.Ok(request);
    }

    /// <summary>
    /// The action's result, or a refusal saying the database failed: thrown out of a page's event handler, the failure
    /// would end the user's session and take their unsaved edits with it.
    /// </summary>
    private async Task<WorkflowResult<T>> GuardedAsync<T>(Task<WorkflowResult<T>> action, string name)
    {
        try
        {
            return await action;
        }
        catch (Exception failure) when (DatabaseFailures.IsMoved(failure))
        {
            // The guard has logged the file's path and what to do, once.
            logger.LogError("{Action} was refused and rolled back: the database file was moved, deleted or replaced while the console runs", name);
            return WorkflowResult<T>.Fail(WorkflowFailure.Unavailable, DatabaseFailures.MovedMessage);
        }
        catch (Exception failure) when (DatabaseFailures.IsReadOnly(failure))
        {
            logger.LogError(failure, "The database cannot be written: SQLite opened it read-only for the user this console runs as ({User}), as it does when the database file, its -wal or -shm file or the data folder is not writable for that user. {Action} was refused and nothing was committed; every change will be refused until they are writable for that user again", Environment.UserName, name);
            return WorkflowResult<T>.Fail(WorkflowFailure.Unavailable, DatabaseFailures.ReadOnlyMessage);
        }
        catch (Exception failure) when (DatabaseFailures.Is(failure))
        {
            logger.LogError(failure, "The database failed during {Action}; nothing was committed", name);
            return WorkflowResult<T>.Fail(WorkflowFailure.Unavailable, DatabaseFailures.Message);
        }
    }
}
