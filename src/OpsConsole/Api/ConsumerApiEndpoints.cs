using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Api;

/// <summary>The v1 consumer contract of PRODUCT.md: six calls, X-Api-Key, problem details for every error.</summary>
public static class ConsumerApiEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const int MaxWatchSeconds = 60;
    public const int DefaultWatchSeconds = 30;
    public const int DefaultReleaseLimit = 20;
    public const int MaxReleaseLimit = 100;
    public const int MaxQuoteRequestBytes = 256 * 1024;
    public const string WatchEndpointName = "WatchConfig";

    private static readonly string[] Head = [HttpMethods.Head];

    private static void WrongMethod(RouteGroupBuilder group, string pattern, params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        // Mapped for every method, not a list of the usual ones: OPTIONS, TRACE or a WebDAV method found no endpoint and
        // ApiErrorMiddleware answered "No such call" for a call that exists. Order 1, so that the call's own endpoints,
        // which name their methods, are chosen for those.
        group.Map(pattern, (HttpContext context) =>
        {
            context.Response.Headers.Allow = allow;
            return ApiProblems.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"This call answers {allow}.");
        }).WithOrder(1).ExcludeFromDescription();
    }
    private const string GivenTwice = "Given more than once; give it once.";

    private const string CurrentCacheControl = "private, no-cache";
    private const string ImmutableCacheControl = "private, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapConsumerApi(this IEndpointRouteBuilder app)
    {
        // Consumers authenticate with a key, not the console's sign-in, so the calls are short-circuited: routing
        // runs them at once, without the console's middleware (cookie authentication, the staff fallback policy
        // that would redirect to the sign-in page, antiforgery, status code pages). ApiKeyFilter does what
        // the API needs instead: key, site scope, rate limit, problem details for every failure.
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilterFactory(static (factoryContext, next) =>
            {
                // One filter per endpoint, made at startup: its services are singletons, and AddEndpointFilter<T>
                // would activate it per request from a request scope that a parked watch then holds for its whole wait.
                var filter = ActivatorUtilities.CreateInstance<ApiKeyFilter>(factoryContext.ApplicationServices);
                return context => filter.InvokeAsync(context, next);
            })
            .WithTags("Consumer API v1")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.AllowAnonymous().ShortCircuit();

        var site = api.MapGroup("/sites/{site}")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        site.MapGet("/config", GetCurrent)
            .WithName("GetCurrentConfig")
            .WithSummary("The site's current release document")
            .WithDescription("A strong ETag per encoding; If-None-Match answers 304. Compressed with br or gzip when accepted.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);

        site.MapGet("/releases/{version:int}", GetRelease)
            .WithName("GetRelease")
            .WithSummary("One release document by version, cacheable forever (immutable)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified);

        site.MapGet("/releases", ListReleases)
            .WithName("ListReleases")
            .WithSummary("The site's releases, newest first: version, hash, publishedAt, publishedBy, title")
            .Produces<ReleaseListItem[]>(StatusCodes.Status200OK)
            .ProducesValidationProblem();

        // The watch parks, so it is a handler of its own outside the filtered group: one state machine per parked
        // watch instead of the filter pipeline's five, the query read without building the query collection, and the
        // cache and key check captured rather than bound from services, so it creates and holds no request scope.
        var cache = app.ServiceProvider.GetRequiredService<ReleaseCache>();
        var gate = ActivatorUtilities.CreateInstance<ApiKeyFilter>(app.ServiceProvider);
        var watch = app.MapGroup("/api/v1/sites/{site}")
            .WithTags("Consumer API v1")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        watch.AllowAnonymous().ShortCircuit();
        // A handler (not a RequestDelegate) so that it is in the OpenAPI document; it binds nothing, so the wrapper
        // returns its task as is. Its query parameters are described by ConsumerApiSetup's operation transformer.
        watch.MapGet("/config/watch", (Func<HttpContext, Task>)(context => Watch(context, gate, cache)))
            .WithName(WatchEndpointName)
            .WithSummary("The release document as soon as the current version is above 'after'; 304 when 'timeout' seconds (at most 60, default 30) pass first")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();

        site.MapPost("/quote", Quote)
            .WithName("Quote")
            .WithSummary("The quote of a cart against the current release, or the release named by 'version'")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/schema/site-config", GetSchema)
            .WithName("GetSiteConfigSchema")
            .WithSummary("The JSON Schema (2020-12) of the configuration document")
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .Produces(StatusCodes.Status304NotModified);

        // The reads answer HEAD too, as HTTP asks of every GET resource (a consumer checks an ETag without the body;
        // ApiKeyFilter drops the body). Mapped apart and left out of the OpenAPI document, where a second operation under
        // the same operationId would make it invalid. The watch does not: a HEAD that parks for a minute says nothing.
        site.MapMethods("/config", Head, GetCurrent).ExcludeFromDescription();
        site.MapMethods("/releases/{version:int}", Head, GetRelease).ExcludeFromDescription();
        site.MapMethods("/releases", Head, ListReleases).ExcludeFromDescription();
        api.MapMethods("/schema/site-config", Head, GetSchema).ExcludeFromDescription();

        // A call asked with another method is told which ones it answers (405 with Allow). Routing would say so too, but
        // the console's own endpoints share the paths' shapes, so its 405s under /api named their methods for unknown
        // paths while a GET of the quote found "no such call"; ApiErrorMiddleware now answers every path these and the
        // calls above do not match with 404. No key is needed to be told that.
        var methods = app.MapGroup("/api/v1");
        methods.AllowAnonymous().ShortCircuit();
        WrongMethod(methods, "/sites/{site}/config", HttpMethods.Get, HttpMethods.Head);
        WrongMethod(methods, "/sites/{site}/releases/{version:int}", HttpMethods.Get, HttpMethods.Head);
        WrongMethod(methods, "/sites/{site}/releases", HttpMethods.Get, HttpMethods.Head);
        WrongMethod(methods, "/sites/{site}/config/watch", HttpMethods.Get);
        WrongMethod(methods, "/sites/{site}/quote", HttpMethods.Post);
        WrongMethod(methods, "/schema/site-config", HttpMethods.Get, HttpMethods.Head);

        return app;
    }

    private static IResult GetCurrent(string site, ReleaseCache releases) =>
        releases.Current(site) is { } document
            ? new ReleaseDocumentResult(document, CurrentCacheControl)
            : NoRelease(site);

    private static async Task<IResult> GetRelease(string site, int version, ReleaseCache releases, CancellationToken cancellationToken) =>
        await releases.VersionAsync(site, version, cancellationToken) is { } document
            ? new ReleaseDocumentResult(document, ImmutableCacheControl)
            : ApiProblems.Problem(StatusCodes.Status404NotFound, "No such release", $"{Code(site)} has no release v{version}.");

    private static IResult ListReleases(string site, [FromQuery] string[]? limit, ReleaseCache releases)
    {
        Dictionary<string, string[]>? errors = null;
        var count = Once(limit, "limit", ref errors) is { } text ? Number(text, text.Length > 0, "limit", DefaultReleaseLimit, 1, MaxReleaseLimit, ref errors) : DefaultReleaseLimit;
        if (errors is not null)
        {
            return ApiProblems.Invalid(errors);
        }

        return TypedResults.Json(
            releases.History(site).Take(count).Select(r => new ReleaseListItem(r.Version, r.Hash, ConfigurationJson.FormatInstant(r.PublishedAt), r.PublishedBy, r.Title)),
            ApiJson.Options);
    }

    /// <summary>
    /// The key check, the query, the wait and the answer in one method: while a watch is parked, this state machine and
    /// the cache's waiter are all it holds beyond Kestrel's own request.
    /// </summary>
    private static async Task Watch(HttpContext context, ApiKeyFilter gate, ReleaseCache releases)
    {
        IResult result;
        try
        {
            if (await gate.AdmitAsync(context) is { } refusal)
            {
                result = refusal;
            }
            else if (ReadWatchQuery(context.Request.QueryString.Value, out var after, out var seconds) is { } invalid)
            {
                result = invalid;
            }
            else
            {
                var site = (string)context.Request.RouteValues["site"]!;
                ReleaseDocument? document;
                try
                {
                    document = await releases.WaitForNewerAsync(site, after, TimeSpan.FromSeconds(seconds), context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    // The consumer went away; nobody reads an answer.
                    return;
                }

                result = document is null
                    ? new NotModifiedResult(releases.Current(site), CurrentCacheControl)
                    : new ReleaseDocumentResult(document, CurrentCacheControl, honourIfNoneMatch: false);
            }
        }
        catch (Exception failure) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            result = gate.Failed(context, failure);
        }

        await result.ExecuteAsync(context);
    }

    /// <summary>
    /// Reads <c>after</c> (required) and <c>timeout</c> from the raw query string; null when both are valid, else the 400
    /// naming each bad one. Values are parsed where they lie: nothing is allocated unless one is percent-encoded or wrong.
    /// </summary>
    private static IResult? ReadWatchQuery(string? query, out int after, out int seconds)
    {
        ReadOnlyMemory<char> afterText = default, timeoutText = default;
        int afterCount = 0, timeoutCount = 0;
        foreach (var pair in new QueryStringEnumerable(query))
        {
            var name = pair.DecodeName().Span;
            if (name.Equals("after", StringComparison.OrdinalIgnoreCase))
            {
                afterText = pair.DecodeValue();
                afterCount++;
            }
            else if (name.Equals("timeout", StringComparison.OrdinalIgnoreCase))
            {
                timeoutText = pair.DecodeValue();
                timeoutCount++;
            }
        }

        Dictionary<string, string[]>? errors = null;
        after = Number(afterText.Span, afterCount > 0, "after", null, 0, int.MaxValue, ref errors);
        seconds = Number(timeoutText.Span, timeoutCount > 0, "timeout", DefaultWatchSeconds, 1, MaxWatchSeconds, ref errors);
        if (afterCount > 1)
        {
            (errors ??= [])["after"] = [GivenTwice];
        }

        if (timeoutCount > 1)
        {
            (errors ??= [])["timeout"] = [GivenTwice];
        }

        return errors is null ? null : ApiProblems.Invalid(errors);
    }

    private static async Task<IResult> Quote(string site, [FromQuery] string[]? version, ReleaseCache releases, TimeProvider clock, HttpContext context)
    {
        Dictionary<string, string[]>? errors = null;
        var requested = Once(version, "version", ref errors) is { } text ? Number(text, text.Length > 0, "version", null, 1, int.MaxValue, ref errors) : (int?)null;
        if (errors is not null)
        {
            return ApiProblems.Invalid(errors);
        }

        if (context.Request.ContentLength > MaxQuoteRequestBytes)
        {
            return TooLarge();
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxQuoteRequestBytes)
            {
                return TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        var parsed = QuoteJson.ParseRequest(body.GetBuffer().AsMemory(0, (int)body.Length));
        if (!parsed.Succeeded)
        {
            return ApiProblems.Invalid(parsed.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        var document = requested is { } v ? await releases.VersionAsync(site, v, context.RequestAborted) : releases.Current(site);
        if (document is null)
        {
            return requested is null ? NoRelease(site) : ApiProblems.Problem(StatusCodes.Status404NotFound, "No such release", $"{Code(site)} has no release v{requested}.");
        }

        var quote = QuoteEngine.Quote(document.Compiled, parsed.Value!, clock.GetUtcNow(), document.Version);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(QuoteJson.SerializeToUtf8Bytes(quote), "application/json");
    }

    private static IResult GetSchema(HttpContext context)
    {
        context.Response.Headers.CacheControl = "private, max-age=86400";
        context.Response.Headers.ETag = SiteConfigSchema.ETag;
        var asked = context.Request.Headers.IfNoneMatch;
        if (EntityTagHeaderValue.TryParseList(asked, out var tags) && tags.Any(t => t.Compare(SchemaTag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(SiteConfigSchema.Utf8, "application/schema+json");
    }

    private static readonly EntityTagHeaderValue SchemaTag = EntityTagHeaderValue.Parse(SiteConfigSchema.ETag);

    private static IResult NoRelease(string site) =>
        ApiProblems.Problem(StatusCodes.Status404NotFound, "No release yet", $"{Code(site)} has no published release yet.");

    private static IResult TooLarge() =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A quote request is at most {MaxQuoteRequestBytes / 1024} KB.");

    private static string Code(string site) => SiteCatalog.TryGet(site, out var info) ? info.Code : site;

    /// <summary>
    /// The query value when given once; null when not given, or when given more than once (said in <paramref name="errors"/>:
    /// bound as one string, the values came joined by a comma, and the 400 quoted "1,2" as if it were one value).
    /// </summary>
    private static string? Once(string[]? values, string name, ref Dictionary<string, string[]>? errors)
    {
        if (values is { Length: > 1 })
        {
            (errors ??= [])[name] = [GivenTwice];
        }

        return values is [var value] ? value ?? string.Empty : null;
    }

    /// <summary>Reads a whole-number query value; adds the field's problem to <paramref name="errors"/> (default when absent and allowed).</summary>
    private static int Number(ReadOnlySpan<char> text, bool given, string name, int? defaultValue, int min, int max, ref Dictionary<string, string[]>? errors)
    {
        if (!given || text.IsEmpty)
        {
            if (defaultValue is { } value)
            {
                return value;
            }

            (errors ??= [])[name] = ["Required."];
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            (errors ??= [])[name] = [$"Expected a whole number from {min} to {max}, found '{(text.Length > 20 ? string.Concat(text[..20], "…") : text.ToString())}'."];
            return 0;
        }

        return number;
    }

    /// <summary>Writes a release document from memory in the encoding the client accepts, or 304 when its ETag matches.</summary>
    private sealed class ReleaseDocumentResult(ReleaseDocument document, string cacheControl, bool honourIfNoneMatch = true) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var request = httpContext.Request;
            var response = httpContext.Response;
            var representation = document.Select(request.Headers.AcceptEncoding);
            var headers = response.Headers;
            headers.ETag = representation.ETag;
            headers.CacheControl = cacheControl;
            headers.Vary = HeaderNames.AcceptEncoding;
            if (honourIfNoneMatch && document.Matches(request.Headers.IfNoneMatch))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            if (representation.ContentEncoding is { } encoding)
            {
                headers.ContentEncoding = encoding;
            }

            response.ContentLength = representation.Body.Length;
            return response.Body.WriteAsync(representation.Body, httpContext.RequestAborted).AsTask();
        }
    }

    /// <summary>A watch that timed out: nothing newer than the consumer has.</summary>
    private sealed class NotModifiedResult(ReleaseDocument? current, string cacheControl) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            httpContext.Response.Headers.CacheControl = cacheControl;
            // As on the 200 it stands for: the ETag depends on the encoding asked for.
            httpContext.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (current is not null)
            {
                httpContext.Response.Headers.ETag = current.Select(httpContext.Request.Headers.AcceptEncoding).ETag;
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>One row of <c>GET /releases</c>.</summary>
public sealed record ReleaseListItem(int Version, string Hash, string PublishedAt, string PublishedBy, string Title);
