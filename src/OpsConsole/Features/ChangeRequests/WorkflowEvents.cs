using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

public abstract record WorkflowEvent(string Site);

/// <summary>
/// Raised after the transaction that created <paramref name="Release"/> has committed. The row travels with the event
/// so that the consumer API's cache can serve it without reading it back while watchers wait.
/// </summary>
public sealed record ReleasePublished(Release Release) : WorkflowEvent(Release.Site)
{
    /// <summary>So that a log of the event names the version (a record prints its properties; the row prints its type).</summary>
    public int Version => Release.Version;
}

public sealed record ChangeRequestChanged(string Site, int ChangeRequestId, ChangeRequestState State) : WorkflowEvent(Site);

/// <summary>
/// A site's number of approvals for restricted-goods changes was set from <paramref name="From"/> to <paramref name="To"/>.
/// The requests it moved are announced each on their own; an open change request page hears this one too, since a request
/// it did not move may need another number of approvals now.
/// </summary>
public sealed record ApprovalsSettingChanged(string Site, int From, int To) : WorkflowEvent(Site);

/// <summary>
/// In-process notifications of committed workflow changes, so open consoles and the consumer API's
/// release cache and watchers see them without polling. Subscribers must be quick and must not throw.
/// </summary>
public sealed class WorkflowEvents(ILogger<WorkflowEvents> logger)
{
    public event Action<WorkflowEvent>? Raised;

    public void Raise(WorkflowEvent workflowEvent)
    {
        foreach (var handler in Raised?.GetInvocationList().Cast<Action<WorkflowEvent>>() ?? [])
        {
            try
            {
                handler(workflowEvent);
            }
            catch (Exception failure)
            {
                // One broken subscriber must not stop the others from hearing about a release.
                logger.LogError(failure, "A subscriber failed on {Event}", workflowEvent);
            }
        }
    }
}
