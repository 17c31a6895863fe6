using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// The site's number of approvals for restricted-goods changes, changed while a change request that touches restricted
/// goods was open: from the number the page showed to the one stored now, and who changed it last and when (from the audit
/// log; null when no entry says).
/// </summary>
public sealed record ApprovalsChange(int From, int To, string? By, DateTimeOffset? At)
{
    public static ApprovalsChange Of(int from, int to, AuditEntry? lastChange) => new(from, to, lastChange?.ActorName, lastChange?.At);
}
