using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>A change request's proposal as stored at a revision the page showed (compared with <see cref="SameAs"/>).</summary>
public sealed class ShownProposal(int revision, string json, SiteConfiguration config, string title)
{
    private string? hash;

    public int Revision { get; } = revision;

    /// <summary>The configuration as stored: canonical JSON.</summary>
    public string Json { get; } = json;

    public SiteConfiguration Config { get; } = config;

    public string Title { get; } = title;

    /// <summary>What an approval of it names, as the audit log's entries do (worked out once: the page shows it too).</summary>
    public string Hash => hash ??= ConfigurationJson.Sha256(Config);

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
