using System.Security.Claims;
using OpsConsole.Auth;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.ChangeRequests;

namespace OpsConsole.Features.Releases;

/// <summary>
/// A release's configuration as a file, for staff: the same form as a change request's export (the <c>validate</c>,
/// <c>diff</c> and <c>impact</c> verbs and a draft's import read it). Signed-in staff who may read the site; consumers
/// read releases through the API with a key instead.
/// </summary>
public static class ReleaseDownloadEndpoints
{
    public static IEndpointRouteBuilder MapReleaseDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sites/{site}/releases/{version:int}/configuration.json", DownloadAsync);
        return endpoints;
    }

    /// <summary>The console's address of a release's file, relative to its base.</summary>
    public static string Path(string site, int version) => $"sites/{site}/releases/{version}/configuration.json";

    private static async Task<IResult> DownloadAsync(string site, int version, ClaimsPrincipal user, ReleaseHistory history, HttpContext http, CancellationToken cancellationToken)
    {
        // Who may read a site is decided per signed-in user, and a URL names no user: a proxy or a shared machine's disk
        // cache that kept the file would hand it to the next person without asking. Refusals are not kept either.
        http.Response.Headers.CacheControl = "private, no-store";
        if (!SiteCatalog.TryGet(site, out var info))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no site {site}.");
        }

        if (!user.CanRead(info.Code))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: $"You may not read {info.Code}.");
        }

        if (await history.GetAsync(info.Code, version, cancellationToken) is not { } release)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"{info.Code} has no release v{version}.");
        }

        var file = ConfigurationJson.SerializeToUtf8Bytes(ChangeRequestService.Parse(release.ConfigJson), indented: true);
        return Results.File(file, "application/json", $"{info.Code}-v{version}.json");
    }
}
