using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// What someone else saved of a change request while this user was editing it: its revision, its title when that
/// changed, what changed against the revision the edits started from, the items both changed, and whether these edits
/// can be put on it.
/// </summary>
public sealed record SavedElsewhere(int Revision, string? Title, IReadOnlyList<DiffEntry> Changes, IReadOnlyList<string> BothChanged, bool CanTakeMine)
{
    /// <summary>
    /// <paramref name="current"/> as saved, against <paramref name="opened"/> and <paramref name="openedTitle"/> (what the
    /// edits started from) and the edits, <paramref name="myJson"/>, which can be put on it only while they parse and the
    /// request and this user may still edit it.
    /// </summary>
    public static SavedElsewhere Of(ChangeRequest current, SiteConfiguration opened, string openedTitle, string myJson, bool mayEditProposal)
    {
        var theirs = ChangeRequestService.Parse(current.ConfigJson);
        var mine = ConfigurationJson.Parse(myJson);
        var bothChanged = mine.Succeeded
            ? ConfigurationMerge.PutOn(opened, mine.Value!, theirs).BothChanged.Select(c => c.Key.Length > 0 ? c.Key : c.Section.JsonName()).ToList()
            : [];
        var stillEditable = current.State is not (ChangeRequestState.Published or ChangeRequestState.Withdrawn);
        return new SavedElsewhere(current.Revision, current.Title != openedTitle ? current.Title : null,
            ConfigurationDiff.Compare(opened, theirs), bothChanged, CanTakeMine: mine.Succeeded && stillEditable && mayEditProposal);
    }
}
