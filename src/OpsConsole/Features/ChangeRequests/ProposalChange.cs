using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>A change request's proposal as stored at a revision the page showed.</summary>
public sealed record ShownProposal(int Revision, string Json, SiteConfiguration Config, string Title)
{
    /// <summary>What an approval of it names, as the audit log's entries do.</summary>
    public string Hash => ConfigurationJson.Sha256(Config);

    public bool SameAs(ShownProposal other) => Json == other.Json && Title == other.Title;
}

/// <summary>
/// A proposal that changed while an approver had the page open: what they read, what is there now, who changed it last
/// and when, the title they read when that changed, and what changed in the configuration between the two.
/// </summary>
public sealed record ProposalChange(ShownProposal Read, ShownProposal Now, string? By, DateTimeOffset? At, string? ReadTitle, IReadOnlyList<DiffEntry> Changes)
{
    public static ProposalChange Of(ShownProposal read, ShownProposal now, ChangeRequest request) =>
        new(read, now, request.ProposalChangedBy, request.ProposalChangedAt, read.Title != now.Title ? read.Title : null,
            read.Json == now.Json ? [] : ConfigurationDiff.Compare(read.Config, now.Config));
}
