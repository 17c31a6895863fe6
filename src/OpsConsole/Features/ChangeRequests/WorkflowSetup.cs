using OpsConsole.Features.Audit;
using OpsConsole.Features.Releases;

namespace OpsConsole.Features.ChangeRequests;

public static class WorkflowSetup
{
    /// <summary>Services shared by the console and the command-line verbs.</summary>
    public static IServiceCollection AddOpsConsoleWorkflow(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditChainVerifier>();
        services.AddSingleton<WorkflowEvents>();
        services.AddSingleton<ReleasePublisher>();
        services.AddSingleton<Releases.ReleaseImporter>();
        services.AddSingleton<ChangeRequestService>();
        services.AddSingleton<Releases.ReleaseHistory>();
        return services;
    }
}
