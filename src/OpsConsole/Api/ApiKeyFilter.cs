using System.Globalization;
using System.Threading.RateLimiting;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Api;

/// <summary>
/// Every v1 call: a known, unrevoked key in <c>X-Api-Key</c> (else 401), a known site (else 404) that
/// the key is scoped to (else 403), within the key's rate (else 429 with Retry-After), and releases in
/// memory (else 503: database unreachable since start). Failures become problem details, never a stack trace.
/// The calls get it as an endpoint filter; the watch, which parks, calls <see cref="AdmitAsync"/> and
/// <see cref="Failed"/> itself so that a parked watch holds one state machine rather than the filter pipeline's five.
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyRegistry keys, ReleaseCache releases, KeyRateLimiter rateLimiter, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // Kestrel drops the body of an answer to HEAD by itself; other servers (the tests' in-memory one) need telling.
            http.Response.Body = Stream.Null;
        }

        try
        {
            return await AdmitAsync(http) ?? await next(context);
        }
        catch (Exception failure) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            return Failed(http, failure);
        }
    }

    /// <summary>Null when the call may go on; otherwise the problem to answer with. Synchronous for a known key.</summary>
    public async ValueTask<IResult?> AdmitAsync(HttpContext http)
    {
        var given = http.Request.Headers[ConsumerApiEndpoints.ApiKeyHeader];
        var key = await keys.FindAsync(given, http.RequestAborted);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ConsumerApiEndpoints.ApiKeyHeader}\"";
            // Two headers (a proxy adding its key to the client's, say) are no key at all; "revoked" sent the consumer
            // looking for a revoked key when each of the two may be valid.
            return given.Count switch
            {
                0 => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "API key required", "Send your API key in the X-Api-Key header."),
                1 => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown API key", "The key in X-Api-Key is not known or has been revoked."),
                var count => ApiProblems.Problem(StatusCodes.Status401Unauthorized, "More than one API key",
                    string.Create(CultureInfo.InvariantCulture, $"Send one X-Api-Key header; this request has {count}.")),
            };
        }

        // Disposed before the call runs: a token bucket's permit is spent on acquiring, and a watch would hold the lease while it waits.
        using (var lease = rateLimiter.Acquire(key))
        {
            if (!lease.IsAcquired)
            {
                var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", $"This key has used its requests for now. Try again in {seconds} s.");
            }
        }

        if (http.Request.RouteValues.TryGetValue("site", out var value) && value is string site)
        {
            if (!SiteCatalog.TryGet(site, out var info))
            {
                return ApiProblems.Problem(StatusCodes.Status404NotFound, "Unknown site", $"There is no site '{site}'. Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}.");
            }

            if (!key.CanRead(info.Code))
            {
                return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Site not allowed for this key", $"This key may read {string.Join(", ", key.Sites)}, not {info.Code}.");
            }

            if (!await releases.EnsureLoadedAsync(http.RequestAborted))
            {
                http.Response.Headers.RetryAfter = "5";
                return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Releases not loaded", "The releases could not be read since the service started. Try again shortly.");
            }
        }

        return null;
    }

    /// <summary>
    /// What a call that threw answers, when the response has not started and the consumer is still there. Never a stack
    /// trace: the calls are short-circuited, so no exception page or handler sees the exception.
    /// </summary>
    public IResult Failed(HttpContext http, Exception failure)
    {
        http.Response.Clear();
        // Kestrel throws this while a call reads a body the consumer sent wrong (a broken chunk, a body cut short): the
        // consumer's mistake, with its own status, as ApiErrorMiddleware answers it for the calls it sees.
        if (failure is BadHttpRequestException { StatusCode: < 500 } bad)
        {
            return ApiProblems.Problem(bad.StatusCode, "Bad request", bad.Message);
        }

        logger.LogError(failure, "The consumer API failed on {Method} {Path}", http.Request.Method, http.Request.Path);
        return ApiProblems.Problem(StatusCodes.Status500InternalServerError, "The request could not be completed", "Something went wrong on our side; it has been logged. Try again.");
    }
}
