using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpsConsole.Features.Audit;
using OpsConsole.Persistence;

namespace OpsConsole.Auth;

/// <summary>The one place a completed sign-in is reported, whichever way the user signed in: it goes into the audit log.</summary>
public class SignInRecorder
{
    private readonly AuditLog? audit;
    private readonly IDbContextFactory<OpsConsoleDbContext>? factory;
    private readonly ILogger<SignInRecorder>? logger;

    public SignInRecorder(AuditLog audit, IDbContextFactory<OpsConsoleDbContext> factory, ILogger<SignInRecorder> logger)
    {
        this.audit = audit;
        this.factory = factory;
        this.logger = logger;
    }

    /// <summary>For test doubles that override <see cref="RecordAsync"/>.</summary>
    protected SignInRecorder()
    {
    }

    public virtual async Task RecordAsync(ClaimsPrincipal user, string method, CancellationToken cancellationToken)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        await audit!.AppendAloneAsync(factory!, Actor.From(user), AuditActions.SignIn, null, null, new { method, roles }, cancellationToken);
        logger!.LogInformation("{UserId} signed in ({Method})", user.UserId(), method);
    }
}
