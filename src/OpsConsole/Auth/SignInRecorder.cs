using System.Security.Claims;

namespace OpsConsole.Auth;

/// <summary>
/// The one place a completed sign-in is reported, whichever way the user signed in. Today it logs;
/// the audit log records sign-ins through here once it exists.
/// </summary>
public class SignInRecorder(ILogger<SignInRecorder> logger)
{
    public virtual Task RecordAsync(ClaimsPrincipal user, string method, CancellationToken cancellationToken)
    {
        logger.LogInformation("{UserId} signed in ({Method})", user.UserId(), method);
        return Task.CompletedTask;
    }
}
