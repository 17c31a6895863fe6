using OpsConsole.Domain.Sites;

namespace OpsConsole.Api;

/// <summary>
/// Every v1 call: a known, unrevoked key in <c>X-Api-Key</c> (else 401), a known site (else 404) that
/// the key is scoped to (else 403), and releases in memory (else 503: database unreachable since start).
/// </summary>
internal sealed class ApiKeyFilter(ApiKeyRegistry keys, ReleaseCache releases) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Features.Get<ApiKeyEntry>() ?? await keys.FindAsync(http.Request.Headers[ConsumerApiEndpoints.ApiKeyHeader], http.RequestAborted);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ConsumerApiEndpoints.ApiKeyHeader}\"";
            return http.Request.Headers.ContainsKey(ConsumerApiEndpoints.ApiKeyHeader)
                ? ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unknown API key", "The key in X-Api-Key is not known or has been revoked.")
                : ApiProblems.Problem(StatusCodes.Status401Unauthorized, "API key required", "Send your API key in the X-Api-Key header.");
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

        return await next(context);
    }
}
