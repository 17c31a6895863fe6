using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// A change request's proposal as stored at a revision the page showed (compared with <see cref="SameAs"/>): what it
/// proposes, and the release it is compared with, since the same configuration on another base changes other things.
/// </summary>
public sealed class ShownProposal(int revision, int baseVersion, string json, SiteConfiguration config, string title)
{
    private string? hash;

    public int Revision { get; } = revision;

    public int BaseVersion { get; } = baseVersion;

    /// <summary>The configuration as stored: canonical JSON.</summary>
    public string Json { get; } = json;

    public SiteConfiguration Config { get; } = config;

    public string Title { get; } = title;

    /// <summary>What an approval of it names, as the audit log's entries do (worked out once: the page shows it too).</summary>
    public string Hash => hash ??= ConfigurationJson.Sha256(Config);

    // A rollback rebased onto a newer release proposes the same configuration and title, yet undoes more than what was read.
    public bool SameAs(ShownProposal other) => Json == other.Json && Title == other.Title && BaseVersion == other.BaseVersion;
}

/// <summary>
/// A proposal that changed while an approver had the page open: what they read, what is there now, who changed it last
/// and when, the title and base release they read when those changed, and what changed in the configuration between the two.
/// </summary>
public sealed record ProposalChange(ShownProposal Read, ShownProposal Now, string? By, DateTimeOffset? At, string? ReadTitle, int? ReadBaseVersion,
    IReadOnlyList<DiffEntry> Changes)
{
    public static ProposalChange Of(ShownProposal read, ShownProposal now, ChangeRequest request) =>
        new(read, now, request.ProposalChangedBy, request.ProposalChangedAt, read.Title != now.Title ? read.Title : null,
            read.BaseVersion != now.BaseVersion ? read.BaseVersion : null,
            read.Json == now.Json ? [] : ConfigurationDiff.Compare(read.Config, now.Config));
}
