namespace OpsConsole.Persistence;

public enum ChangeRequestState
{
    Draft,
    InReview,
    Approved,
    Published,
    Withdrawn,
}

public enum ChangeRequestKind
{
    /// <summary>An ordinary proposal edited by staff.</summary>
    Change,

    /// <summary>Proposes an earlier release's configuration again, through the usual approvals.</summary>
    Rollback,
}

/// <summary>A proposed whole configuration for one site on top of a base release.</summary>
public sealed class ChangeRequest
{
    public int Id { get; set; }

    public required string Site { get; set; }

    public required string Title { get; set; }

    public ChangeRequestKind Kind { get; set; }

    /// <summary>For a rollback, the version whose configuration it proposes.</summary>
    public int? RollbackOfVersion { get; set; }

    /// <summary>The release this proposal starts from; 0 when the site had no release yet.</summary>
    public int BaseVersion { get; set; }

    public ChangeRequestState State { get; set; }

    /// <summary>The proposal as canonical configuration JSON (the config file form, with "site").</summary>
    public required string ConfigJson { get; set; }

    public required string AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? PublishedVersion { get; set; }

    /// <summary>Bumped by every write; a save that names an older revision is a concurrent edit and is refused.</summary>
    public int Revision { get; set; }

    /// <summary>
    /// The revision of the last write that was not an approval. An approval names the revision its approver read; if only
    /// other approvals came after it, it was given to the proposal and state that are there now, and counts.
    /// </summary>
    public int ProposalRevision { get; set; }

    /// <summary>
    /// Who last changed what is proposed (the configuration or the title, by an edit or a rebase), and when: an approver
    /// whose open page shows a new proposal is told by whom. Null for requests older than the column.
    /// </summary>
    public string? ProposalChangedBy { get; set; }

    public DateTimeOffset? ProposalChangedAt { get; set; }

    /// <summary>
    /// When it was last submitted for review: a rejection from before it was answered by that submission, and a draft
    /// edited after it was not sent back. Null for requests never submitted, or older than the column.
    /// </summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    public List<ChangeRequestEditor> Editors { get; } = [];

    public List<Approval> Approvals { get; } = [];

    public List<ChangeRequestComment> Comments { get; } = [];
}

/// <summary>Someone who changed the proposal: they may not approve it (four eyes).</summary>
public sealed class ChangeRequestEditor
{
    public int ChangeRequestId { get; set; }

    public required string UserId { get; set; }

    public required string UserName { get; set; }
}

public sealed class Approval
{
    public int Id { get; set; }

    public int ChangeRequestId { get; set; }

    public required string ApproverId { get; set; }

    public required string ApproverName { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The approver saw the validation warnings and accepted them.</summary>
    public bool AcknowledgedWarnings { get; set; }
}

public enum CommentKind
{
    Comment,
    Rejection,
}

public sealed class ChangeRequestComment
{
    public int Id { get; set; }

    public int ChangeRequestId { get; set; }

    public CommentKind Kind { get; set; }

    public required string AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Text { get; set; }
}

/// <summary>A published configuration. Immutable: no code path updates or deletes one, and the database refuses it.</summary>
public sealed class Release
{
    public required string Site { get; init; }

    public int Version { get; init; }

    /// <summary>Canonical configuration JSON (config file form, with "site"): the bytes the hash covers.</summary>
    public required string ConfigJson { get; init; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of <see cref="ConfigJson"/>.</summary>
    public required string Hash { get; init; }

    public required string Title { get; init; }

    /// <summary>The change request it came from; null for an import or an emergency rollback.</summary>
    public int? ChangeRequestId { get; init; }

    public required string AuthorId { get; init; }

    public required string AuthorName { get; init; }

    /// <summary>Display names of the approvers, comma-separated, in approval order.</summary>
    public required string Approvers { get; init; }

    public required string PublishedById { get; init; }

    public required string PublishedByName { get; init; }

    public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>One link of the hash-chained audit log.</summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1.</summary>
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required string ActorId { get; init; }

    public required string ActorName { get; init; }

    public required string Action { get; init; }

    public string? Site { get; init; }

    /// <summary>What the action was about: "CR-12", "v3", a key name.</summary>
    public string? Subject { get; init; }

    public required string Details { get; init; }

    public required string PreviousHash { get; init; }

    public required string Hash { get; init; }
}
