using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;

namespace OpsConsole.Api;

/// <summary>The API's JSON: camelCase, non-ASCII text as is (the sites' texts are Chinese and Malay).</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>RFC 9457 problem details, the only shape an API error takes.</summary>
internal static class ApiProblems
{
    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeOf(status));

    /// <summary>
    /// The <c>type</c> of statuses ASP.NET Core has no default for (it fills 400, 401, 403, 404, 405, 415, 500 and a few
    /// more itself), so that every problem the API gives names its kind as RFC 9457 asks.
    /// </summary>
    public static string? TypeOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => null,
    };

    /// <summary>400 with an <c>errors</c> object of field paths (<c>items[0].quantity</c>, <c>timeout</c>).</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "See errors for the fields to correct.", title: "The request has invalid fields.");
}

/// <summary>
/// For <c>/api</c> requests (after routing, before authentication): answers a path that matches no call
/// with a 404 problem, turns the console's "not found" page off, answers any error status without a
/// body (405, a 400 from binding) with problem details, and an exception with a 500 problem that holds
/// no stack trace (the developer exception page would show one in Development).
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        if (context.GetEndpoint() is null)
        {
            // No call matched: a 404 problem, not the console's sign-in redirect or its "not found" page.
            await ApiProblems.Problem(StatusCodes.Status404NotFound, "No such call", "See /openapi/v1.json for the calls of the API.").ExecuteAsync(context);
            return;
        }

        try
        {
            var endpoint = context.GetEndpoint()!;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                // Not one of the API's calls (they, and their wrong methods, are anonymous and short-circuited) but a
                // console endpoint of the same shape, or routing's 405 for one: under /api that is no call at all.
                await ApiProblems.Problem(StatusCodes.Status404NotFound, "No such call", "See /openapi/v1.json for the calls of the API.").ExecuteAsync(context);
                return;
            }

            await next(context);
        }
        catch (Exception failure) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = failure is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            if (status >= 500)
            {
                logger.LogError(failure, "The consumer API failed on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            await ApiProblems.Problem(status, status >= 500 ? "The request could not be completed" : "Bad request",
                status >= 500 ? "Something went wrong on our side; it has been logged. Try again." : failure.Message).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await TypedResults.Problem(statusCode: response.StatusCode, type: ApiProblems.TypeOf(response.StatusCode)).ExecuteAsync(context);
        }
    }
}
