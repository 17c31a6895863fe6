using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using OpsConsole.Persistence;

namespace OpsConsole.Features.ChangeRequests;

/// <summary>
/// The workflow's actions over plain HTTP form posts (cookie sign-in and antiforgery, like the pages), for
/// staff scripts. They call the same service as the pages, so the same checks hold: a request the page
/// would never offer (say, the author approving) is refused here with a problem document.
/// </summary>
public static class ChangeRequestEndpoints
{
    public static IEndpointRouteBuilder MapChangeRequestActions(this IEndpointRouteBuilder endpoints)
    {
        // Every action checks the antiforgery token, including those without other form fields.
        // The middleware only records the outcome; form binding enforces it, so actions without form fields check here.
        var actions = endpoints.MapGroup("/actions/change-requests/{id:int}")
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token")
                    : await next(context));
        actions.MapPost("/submit", async (int id, [FromForm] int revision, ClaimsPrincipal user, ChangeRequestService workflow) =>
            ToHttp(await workflow.SubmitAsync(user, id, revision)));
        // An approval names what it approves, as the page's does: the configuration's hash and the title read. Without them
        // a script approved whatever the revision held, read or not.
        actions.MapPost("/approve", async (int id, [FromForm] int revision, [FromForm] bool? acknowledgeWarnings, [FromForm] string? hash, [FromForm] string? title,
            ClaimsPrincipal user, ChangeRequestService workflow) =>
            string.IsNullOrWhiteSpace(hash) || string.IsNullOrWhiteSpace(title)
                ? Problem(WorkflowFailure.Invalid, ApproveNamesWhatItApproves, [])
                : ToHttp(await workflow.ApproveAsync(user, id, revision, acknowledgeWarnings ?? false, hash.Trim(), title)));
        actions.MapPost("/reject", async (int id, [FromForm] int revision, [FromForm] string? comment, ClaimsPrincipal user, ChangeRequestService workflow) =>
            ToHttp(await workflow.RejectAsync(user, id, revision, comment ?? "")));
        actions.MapPost("/withdraw", async (int id, [FromForm] int revision, ClaimsPrincipal user, ChangeRequestService workflow) =>
            ToHttp(await workflow.WithdrawAsync(user, id, revision)));
        actions.MapPost("/publish", async (int id, ClaimsPrincipal user, ChangeRequestService workflow) =>
            ToHttp(await workflow.PublishAsync(user, id)));
        return endpoints;
    }

    public const string ApproveNamesWhatItApproves =
        "Name what you approve: the hash (sha256:...) of the configuration you read and its title, as the change request page shows them; nothing was approved.";

    private static IResult ToHttp(WorkflowResult<ChangeRequest> result) =>
        result.Succeeded
            ? Results.Ok(new { id = result.Value!.Id, site = result.Value.Site, state = result.Value.State.ToString(), revision = result.Value.Revision })
            : Problem(result.Failure!.Value, result.Message!, result.Errors);

    private static IResult ToHttp(WorkflowResult<Release> result) =>
        result.Succeeded
            ? Results.Ok(new { site = result.Value!.Site, version = result.Value.Version, hash = result.Value.Hash })
            : Problem(result.Failure!.Value, result.Message!, result.Errors);

    private static IResult Problem(WorkflowFailure failure, string message, IReadOnlyList<Domain.Configuration.ParseError> errors)
    {
        if (failure == WorkflowFailure.Unavailable)
        {
            return DatabaseFailures.Problem(message);
        }

        var status = failure switch
        {
            WorkflowFailure.NotFound => StatusCodes.Status404NotFound,
            WorkflowFailure.Forbidden => StatusCodes.Status403Forbidden,
            WorkflowFailure.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return errors.Count > 0
            ? Results.ValidationProblem(errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), detail: message, statusCode: status)
            : Results.Problem(detail: message, statusCode: status, title: failure.ToString());
    }
}
