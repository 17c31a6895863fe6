using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Audit;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// A new number of approvals for restricted-goods changes, and the open change requests it moved: back to review
/// (approved, but now short of approvals) or approved (in review, and now with enough).
/// </summary>
public sealed record ApprovalsSettingChange(string Site, int From, int To, IReadOnlyList<int> BackInReview, IReadOnlyList<int> Approved);

/// <summary>Who may approve a change request, how many approvals it needs, and the site setting that decides it.</summary>
public sealed partial class ChangeRequestService
{
    /// <summary>Why this user may not approve this change request now, or null when they may.</summary>
    public static (WorkflowFailure Failure, string Message)? ApprovalRefusal(ClaimsPrincipal user, ChangeRequest request)
    {
        if (!user.CanApprove(request.Site))
        {
            return (WorkflowFailure.Forbidden, $"Only {request.Site} approvers can approve this change request.");
        }

        var userId = user.UserId();
        if (request.AuthorId == userId)
        {
            return (WorkflowFailure.Forbidden, "You wrote this change request; someone else must approve it.");
        }

        if (request.Editors.Any(e => e.UserId == userId))
        {
            return (WorkflowFailure.Forbidden, "You edited this change request; someone else must approve it.");
        }

        if (request.State != ChangeRequestState.InReview)
        {
            return (WorkflowFailure.InvalidState, $"Only a change request in review can be approved; this one is {Describe(request.State)}.");
        }

        if (request.Approvals.Any(a => a.ApproverId == userId))
        {
            return (WorkflowFailure.InvalidState, "You have approved it already; it needs another approver.");
        }

        return null;
    }

    /// <summary>One approval, or the site's setting when the proposal changes restricted goods.</summary>
    public async Task<int> RequiredApprovalsAsync(OpsConsoleDbContext db, ChangeRequest request, CancellationToken cancellationToken)
    {
        var baseRelease = request.BaseVersion == 0 ? null : await db.Releases.AsNoTracking().SingleOrDefaultAsync(r => r.Site == request.Site && r.Version == request.BaseVersion, cancellationToken);
        return TouchesRestrictedGoods(baseRelease is null ? Empty(request.Site) : Parse(baseRelease.ConfigJson), request)
            ? RestrictedGoodsApprovals(await ApprovalsSettingAsync(db, request.Site, cancellationToken))
            : 1;
    }

    /// <summary>The approvals a change needs: one, or the site's setting (as stored; null where the site has no row yet) when it changes restricted goods.</summary>
    public static int RequiredApprovals(bool touchesRestrictedGoods, int? setting) => touchesRestrictedGoods ? RestrictedGoodsApprovals(setting) : 1;

    /// <summary>The site's stored number of approvals for restricted-goods changes, or null where it has no setting row yet.</summary>
    public static Task<int?> ApprovalsSettingAsync(OpsConsoleDbContext db, string site, CancellationToken cancellationToken) =>
        db.Sites.AsNoTracking().Where(s => s.Code == site).Select(s => (int?)s.ApprovalsForRestrictedGoods).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The audit entry of the latest change of the site's approvals setting (who changed it, when, from and to), or null.</summary>
    public static Task<AuditEntry?> LastApprovalsSettingChangeAsync(OpsConsoleDbContext db, string site, CancellationToken cancellationToken) =>
        // Read from the newest entry back, and only when a page saw the setting change: the change is recent then.
        db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SiteSettingsChanged && e.Site == site)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The site's number for restricted-goods changes (two where a site has no setting row yet), at least one.</summary>
    private static int RestrictedGoodsApprovals(int? setting) => Math.Max(1, setting ?? 2);

    /// <summary>
    /// When <paramref name="last"/>, the write since the revision the user named, was the approvals setting moving this
    /// request (approved and back to review, or the reverse), the refusal saying so, plainly: who, when (site time) and what
    /// it means for the request now. Null when something else wrote last.
    /// </summary>
    private static async Task<WorkflowResult<ChangeRequest>?> MovedByApprovalsSettingAsync(OpsConsoleDbContext db, ChangeRequest request, AuditEntry? last, CancellationToken cancellationToken)
    {
        if (request.State is not (ChangeRequestState.InReview or ChangeRequestState.Approved) || last is not { Action: AuditActions.ApprovalsRequirementApplied })
        {
            return null;
        }

        var subject = Subject(request);

        var required = RestrictedGoodsApprovals(await ApprovalsSettingAsync(db, request.Site, cancellationToken));
        return Refuse(WorkflowFailure.Conflict,
            PluralFormat.English(
                "At {0} ({1} time), after you opened {2}, {3} changed how many approvals a restricted-goods change of {4} needs: {5} now needs {6} {6:approval|approvals}, has {7} and is {8}. Nothing was recorded, and your input is kept: look at it again, then act.",
                SiteTime(request.Site, last.At), request.Site, subject, last.ActorName, request.Site, subject, required, request.Approvals.Count, Describe(request.State)));
    }

    private static bool TouchesRestrictedGoods(SiteConfiguration baseConfig, ChangeRequest request) =>
        !ConfigurationSections.SectionEquals(baseConfig, Parse(request.ConfigJson), ConfigurationSection.RestrictedGoods);

    /// <summary>
    /// Sets how many approvals a change to a site's restricted goods needs (administrators only), refused when the
    /// setting is no longer <paramref name="expected"/>, the value the administrator saw. The site's open change
    /// requests are held to the new number in the same transaction: an approved one that touches restricted goods and
    /// has fewer approvals goes back to review; one in review that now has enough is approved. Each move is audited.
    /// </summary>
    public Task<WorkflowResult<ApprovalsSettingChange>> SetRestrictedGoodsApprovalsAsync(ClaimsPrincipal user, string site, int expected, int approvals, CancellationToken cancellationToken = default) =>
        GuardedAsync(SetRestrictedGoodsApprovalsCoreAsync(user, site, expected, approvals, cancellationToken), nameof(SetRestrictedGoodsApprovalsAsync));

    private async Task<WorkflowResult<ApprovalsSettingChange>> SetRestrictedGoodsApprovalsCoreAsync(ClaimsPrincipal user, string site, int expected, int approvals, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin())
        {
            return WorkflowResult<ApprovalsSettingChange>.Fail(WorkflowFailure.Forbidden, "Only administrators can change site settings.");
        }

        if (!SiteCatalog.TryGet(site, out var info))
        {
            return WorkflowResult<ApprovalsSettingChange>.Fail(WorkflowFailure.NotFound, $"There is no site '{site}'.");
        }

        if (approvals is < SiteSettings.MinApprovals or > SiteSettings.MaxApprovals)
        {
            return WorkflowResult<ApprovalsSettingChange>.Fail(WorkflowFailure.Invalid,
                $"Approvals for restricted goods must be from {SiteSettings.MinApprovals} to {SiteSettings.MaxApprovals}; {approvals} was not saved.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = await db.Sites.SingleAsync(s => s.Code == info.Code, cancellationToken);
        if (settings.ApprovalsForRestrictedGoods != expected)
        {
            return WorkflowResult<ApprovalsSettingChange>.Fail(WorkflowFailure.Conflict,
                $"Someone else set {info.Code}'s approvals for restricted goods to {settings.ApprovalsForRestrictedGoods} since you opened the page; nothing was saved. Reload to see it, then decide again.");
        }

        if (approvals == expected)
        {
            return WorkflowResult<ApprovalsSettingChange>.Ok(new ApprovalsSettingChange(info.Code, expected, approvals, [], []));
        }

        settings.ApprovalsForRestrictedGoods = approvals;
        var open = await db.ChangeRequests.Include(c => c.Approvals)
            .Where(c => c.Site == info.Code && (c.State == ChangeRequestState.InReview || c.State == ChangeRequestState.Approved))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        // Open requests mostly share a few base releases: read and parse each once.
        var baseVersions = open.Select(c => c.BaseVersion).Distinct().ToList();
        var bases = await db.Releases.AsNoTracking()
            .Where(r => r.Site == info.Code && baseVersions.Contains(r.Version))
            .ToDictionaryAsync(r => r.Version, r => Parse(r.ConfigJson), cancellationToken);
        var currentVersion = await db.Releases.Where(r => r.Site == info.Code).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0;
        var backInReview = new List<ChangeRequest>();
        var approved = new List<ChangeRequest>();
        foreach (var request in open)
        {
            if (!TouchesRestrictedGoods(bases.GetValueOrDefault(request.BaseVersion) ?? Empty(info.Code), request))
            {
                continue;
            }

            var enough = request.Approvals.Count >= approvals;
            var moved = request.State switch
            {
                ChangeRequestState.Approved when !enough => backInReview,
                // An out-of-date request cannot be approved until it is rebased (which clears its approvals anyway).
                ChangeRequestState.InReview when enough && request.BaseVersion == currentVersion => approved,
                _ => null,
            };
            if (moved is null)
            {
                continue;
            }

            request.State = moved == approved ? ChangeRequestState.Approved : ChangeRequestState.InReview;
            Touch(request);
            moved.Add(request);
            await audit.AppendAsync(db, Actor.From(user), AuditActions.ApprovalsRequirementApplied, info.Code, Subject(request),
                new { approvals = request.Approvals.Count, required = approvals, state = request.State.ToString() }, cancellationToken);
        }

        await audit.AppendAsync(db, Actor.From(user), AuditActions.SiteSettingsChanged, info.Code, info.Code,
            new
            {
                approvalsForRestrictedGoods = new { from = expected, to = approvals },
                backInReview = backInReview.Select(Subject).ToArray(),
                approved = approved.Select(Subject).ToArray(),
            },
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WorkflowResult<ApprovalsSettingChange>.Fail(WorkflowFailure.Conflict,
                $"A change request of {info.Code} changed at the same moment; nothing was saved. Try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var request in backInReview.Concat(approved))
        {
            Changed(request);
        }

        events.Raise(new ApprovalsSettingChanged(info.Code, expected, approvals));

        return WorkflowResult<ApprovalsSettingChange>.Ok(new ApprovalsSettingChange(info.Code, expected, approvals,
            [.. backInReview.Select(r => r.Id)], [.. approved.Select(r => r.Id)]));
    }
}
