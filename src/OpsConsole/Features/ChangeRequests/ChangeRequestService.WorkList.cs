using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Auth;
using OpsConsole.Domain.Sites;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// An open change request on someone's list of work: where it stands, how many approvals it has and needs, and for a
/// draft that a reviewer sent back, the latest rejection (who, and why).
/// </summary>
public sealed record WorkItem(int Id, string Site, string Title, ChangeRequestState State, string AuthorName, DateTimeOffset UpdatedAt, int Approvals, int RequiredApprovals)
{
    public Rejection? Rejected { get; init; }

    /// <summary>The site's current version when the request is out of date: it must be rebased onto it before anything else.</summary>
    public int? RebaseOnto { get; init; }
}

public sealed record Rejection(string By, DateTimeOffset At, string Comment);

/// <summary>
/// What waits for a person: change requests in review that they may approve now (their sites, four eyes, not approved
/// by them yet), and their own open ones (written or edited by them, not published or withdrawn).
/// </summary>
public sealed record WorkList(IReadOnlyList<WorkItem> ToApprove, IReadOnlyList<WorkItem> Mine);

/// <summary>What waits for each person: the lists of the overview, read without the proposals.</summary>
public sealed partial class ChangeRequestService
{
    /// <summary>
    /// The user's work list: what waits for their approval longest first, their own most recently changed first.
    /// </summary>
    public async Task<WorkList> WorkListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.UserId();
        var approverOf = SiteCatalog.All.Select(s => s.Code).Where(user.CanApprove).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The columns the lists show, not the proposals: at marketplace scale each proposal and each base release is a
        // configuration of megabytes, and every open console reads this list again after each workflow event anywhere.
        // One statement (single query): the rows are narrow and a request has a handful of editors and approvers, so their
        // product is small; and one statement reads one state, so the lists of a request are those of its revision, by which
        // the restricted-goods answer below is remembered.
        var open = await db.ChangeRequests.AsNoTracking().AsSingleQuery()
            .Where(c => c.State != ChangeRequestState.Published && c.State != ChangeRequestState.Withdrawn)
            .Where(c => (c.State == ChangeRequestState.InReview && approverOf.Contains(c.Site))
                || c.AuthorId == userId || c.Editors.Any(e => e.UserId == userId))
            .Select(c => new ListedRequest(
                c.Id, c.Revision, c.Site, c.Title, c.State, c.AuthorId, c.AuthorName, c.UpdatedAt, c.SubmittedAt, c.BaseVersion,
                c.Editors.Select(e => e.UserId).ToList(),
                c.Approvals.Select(a => a.ApproverId).ToList(),
                c.Comments.Where(k => k.Kind == CommentKind.Rejection).OrderByDescending(k => k.At).ThenByDescending(k => k.Id)
                    .Select(k => new Rejection(k.AuthorName, k.At, k.Text)).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        var touchingRestrictedGoods = await TouchingRestrictedGoodsAsync(db, open.Select(c => (c.Id, c.Revision)).ToList(), cancellationToken);
        var settings = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Code, s => (int?)s.ApprovalsForRestrictedGoods, cancellationToken);
        var sites = open.Select(c => c.Site).Distinct().ToList();
        var currentVersions = await db.Releases.Where(r => sites.Contains(r.Site)).GroupBy(r => r.Site)
            .Select(g => new SiteVersion(g.Key, g.Max(r => r.Version))).ToDictionaryAsync(x => x.Site, x => x.Version, StringComparer.Ordinal, cancellationToken);

        var toApprove = new List<WorkItem>();
        var mine = new List<WorkItem>();
        foreach (var listed in open.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id))
        {
            // What ApprovalRefusal reads of a change request, without its proposal.
            var request = new ChangeRequest { Id = listed.Id, Site = listed.Site, Title = listed.Title, State = listed.State, AuthorId = listed.AuthorId, AuthorName = listed.AuthorName, ConfigJson = "" };
            request.Editors.AddRange(listed.Editors.Select(id => new ChangeRequestEditor { ChangeRequestId = listed.Id, UserId = id, UserName = "" }));
            request.Approvals.AddRange(listed.Approvers.Select(id => new Approval { ChangeRequestId = listed.Id, ApproverId = id, ApproverName = "" }));
            var required = touchingRestrictedGoods[listed.Id] ? RestrictedGoodsApprovals(settings.GetValueOrDefault(listed.Site)) : 1;
            var current = currentVersions.GetValueOrDefault(listed.Site);
            var item = new WorkItem(listed.Id, listed.Site, listed.Title, listed.State, listed.AuthorName, listed.UpdatedAt, listed.Approvers.Count, required)
            {
                Rejected = listed.Rejection is { } rejection && SentBack(listed.State, rejection.At, listed.SubmittedAt) ? rejection : null,
                RebaseOnto = current == listed.BaseVersion ? null : current,
            };

            // What the approver can approve now: an out-of-date request waits for its rebase, not for them.
            if (ApprovalRefusal(user, request) is null && item.RebaseOnto is null)
            {
                toApprove.Add(item);
            }

            if (listed.AuthorId == userId || listed.Editors.Contains(userId))
            {
                mine.Add(item);
            }
        }

        mine.Reverse();
        return new WorkList(toApprove, mine);
    }

    /// <summary>
    /// Whether each of these change requests proposes other restricted goods than its base release. Decided in the
    /// database, on the canonical JSON of both sides (ADR 0005: content order, money in minor units), whose section text is
    /// equal exactly when the section is; a base of v0 is the empty configuration, whose restricted goods are <c>[]</c>.
    /// Remembered per revision (every write bumps it), so only requests written since the last look are read again.
    /// </summary>
    private async Task<Dictionary<int, bool>> TouchingRestrictedGoodsAsync(OpsConsoleDbContext db, IReadOnlyList<(int Id, int Revision)> requests, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, bool>();
        var unknown = new List<int>();
        foreach (var (id, revision) in requests)
        {
            if (restrictedGoodsTouched.TryGetValue(id, out var known) && known.Revision == revision)
            {
                result[id] = known.Touches;
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count == 0)
        {
            return result;
        }

        // Each base release's section once (MATERIALIZED), not once per request based on it.
        var answers = await db.Database.SqlQuery<RestrictedGoodsTouch>($"""
            WITH "Asked" AS (SELECT "Id", "Revision", "Site", "BaseVersion", "ConfigJson" FROM "ChangeRequests" WHERE "Id" IN (SELECT "value" FROM json_each({System.Text.Json.JsonSerializer.Serialize(unknown)}))),
                 "Bases" AS MATERIALIZED (
                     SELECT r."Site", r."Version", json_extract(r."ConfigJson", '$.restrictedGoods') AS "Section"
                     FROM "Releases" AS r WHERE EXISTS (SELECT 1 FROM "Asked" AS a WHERE a."Site" = r."Site" AND a."BaseVersion" = r."Version"))
            SELECT a."Id", a."Revision", json_extract(a."ConfigJson", '$.restrictedGoods') IS NOT COALESCE(b."Section", '[]') AS "Touches"
            FROM "Asked" AS a LEFT JOIN "Bases" AS b ON b."Site" = a."Site" AND b."Version" = a."BaseVersion"
            """).ToListAsync(cancellationToken);
        foreach (var answer in answers)
        {
            restrictedGoodsTouched[answer.Id] = (answer.Revision, answer.Touches);
            result[answer.Id] = answer.Touches;
        }

        return result;
    }

    // One small entry per change request ever listed, replaced when its revision moves on.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (int Revision, bool Touches)> restrictedGoodsTouched = new();

    private sealed record RestrictedGoodsTouch(int Id, int Revision, bool Touches);

    // Named, not anonymous: anonymous objects in this file are audit details (AuditDetailsTests reads them as such).
    private sealed record ListedRequest(int Id, int Revision, string Site, string Title, ChangeRequestState State, string AuthorId, string AuthorName,
        DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, int BaseVersion, List<string> Editors, List<string> Approvers, Rejection? Rejection);

    private sealed record SiteVersion(string Site, int Version);
}
