using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Auth;

/// <summary>The one place a completed sign-in is reported, whichever way the user signed in: it goes into the audit log.</summary>
public class SignInRecorder(AuditLog audit, IDbContextFactory<OpsConsoleDbContext> factory, ILogger<SignInRecorder> logger)
{
    public virtual async Task RecordAsync(ClaimsPrincipal user, string method, CancellationToken cancellationToken)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await audit.AppendAloneAsync(factory, Actor.From(user), AuditActions.SignIn, null, null, new { method, roles }, cancellationToken);
        logger.LogInformation("{UserId} signed in ({Method})", user.UserId(), method);
    }
}
