using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace OpsConsole.Api;

/// <summary>Registers the consumer API: release cache, keys, rate limiting, OpenAPI document.</summary>
public static class ConsumerApiSetup
{
    public static WebApplicationBuilder AddConsumerApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ConsumerApiOptions>(builder.Configuration.GetSection(ConsumerApiOptions.Section));
        services.AddSingleton<ReleaseCache>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<ConsumerApiBackgroundService>();
        services.AddHostedService<ConsumerApiWarmUp>();

        services.AddSingleton<KeyRateLimiter>();

        // Sockets hand their sends to the thread pool directly rather than through Kestrel's per-core I/O queues: a publish
        // answers thousands of parked watches at once, and bench/watch.sh measured less server CPU and a lower p99 for the
        // first publishes after a start that way (docs/decisions/0006-consumer-api.md).
        services.Configure<SocketTransportOptions>(options => options.IOQueueCount = 0);

        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "OpsConsole consumer API";
                document.Info.Description = "Site configurations, releases, watches and quotes for checkout, cart and product pages. Authenticate with X-Api-Key.";
                var scheme = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ConsumerApiEndpoints.ApiKeyHeader,
                    Description = "A key created by an administrator, scoped to sites.",
                    Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "ApiKey" },
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes["ApiKey"] = scheme;
                document.SecurityRequirements.Add(new OpenApiSecurityRequirement { [scheme] = [] });
                ApiSchemas.AddTo(document.Components);
                return Task.CompletedTask;
            });
            // The quote endpoint reads its body with the domain's strict parser (field paths in 400s), so the
            // body is described here rather than bound (binding metadata would also make routing answer 415).
            options.AddOperationTransformer((operation, context, _) =>
            {
                var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (name == ConsumerApiEndpoints.WatchEndpointName)
                {
                    // The watch reads its query itself (see ConsumerApiEndpoints.Watch), so its parameters are described here.
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter { Name = "site", In = ParameterLocation.Path, Required = true, Schema = new OpenApiSchema { Type = "string" } });
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "after", In = ParameterLocation.Query, Required = true,
                        Description = "The version the consumer has; the answer comes when the current version is above it.",
                        Schema = new OpenApiSchema { Type = "integer", Minimum = 0 },
                    });
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "timeout", In = ParameterLocation.Query, Required = false,
                        Description = $"Seconds to wait before answering 304 (1 to {ConsumerApiEndpoints.MaxWatchSeconds}, default {ConsumerApiEndpoints.DefaultWatchSeconds}).",
                        Schema = new OpenApiSchema { Type = "integer", Minimum = 1, Maximum = ConsumerApiEndpoints.MaxWatchSeconds },
                    });
                }

                if (name == "ListReleases")
                {
                    // Bound as text so that the call, not binding, says what is wrong with it; it reads only a whole number.
                    WholeNumber(operation, "limit", $"How many releases, newest first (1 to {ConsumerApiEndpoints.MaxReleaseLimit}, default {ConsumerApiEndpoints.DefaultReleaseLimit}).",
                        1, ConsumerApiEndpoints.MaxReleaseLimit, ConsumerApiEndpoints.DefaultReleaseLimit);
                }

                if (name == "GetSiteConfigSchema" && operation.Responses.TryGetValue("200", out var schemaAnswer))
                {
                    schemaAnswer.Content["application/schema+json"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = "object" } };
                }

                foreach (var (status, response) in operation.Responses)
                {
                    if (status is "429" or "503")
                    {
                        response.Headers ??= new Dictionary<string, OpenApiHeader>();
                        response.Headers["Retry-After"] = new OpenApiHeader
                        {
                            Description = "Seconds to wait before trying again.",
                            Schema = new OpenApiSchema { Type = "integer", Minimum = 1 },
                        };
                    }
                }

                if (name == "Quote")
                {
                    WholeNumber(operation, "version", "The release to quote against; the current one when left out.", 1, null, null);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Description = "A quote request: { at?, locale?, buyer: { id, isNew }, destination: { area?, postalCode?, homeDelivery }, items: [ { sku, storeId, title?, category, attributes, unitPrice, quantity, unitWeightGrams } ] }.",
                        Content = { ["application/json"] = new OpenApiMediaType { Schema = ApiSchemas.Ref(ApiSchemas.QuoteRequest) } },
                    };
                    Answers(operation, ApiSchemas.Quote);
                }

                if (name is "GetCurrentConfig" or "GetRelease" || name == ConsumerApiEndpoints.WatchEndpointName)
                {
                    Answers(operation, ApiSchemas.ReleaseDocument);
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Describes a query parameter the call reads as a whole number in a range (it binds it as text to say what is wrong).</summary>
    private static void WholeNumber(OpenApiOperation operation, string name, string description, int minimum, int? maximum, int? defaultValue)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Query) is { } parameter)
        {
            parameter.Description = description;
            parameter.Schema = new OpenApiSchema
            {
                Type = "integer",
                Minimum = minimum,
                Maximum = maximum,
                Default = defaultValue is { } value ? new Microsoft.OpenApi.Any.OpenApiInteger(value) : null,
            };
        }
    }

    /// <summary>Names the schema of a call's 200 body, which the handler writes itself (so nothing else describes it).</summary>
    private static void Answers(OpenApiOperation operation, string schema)
    {
        // Produces(200, contentType) without a type leaves the response with no content at all.
        if (operation.Responses.TryGetValue("200", out var ok))
        {
            ok.Content["application/json"] = new OpenApiMediaType { Schema = ApiSchemas.Ref(schema) };
        }
    }

    /// <summary>Middleware for <c>/api</c> paths that match no call (404, 405 as problem details).</summary>
    public static WebApplication UseConsumerApi(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ConsumerApiOptions>>().Value.BenchmarkStaticFolder is { Length: > 0 } folder)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)), RequestPath = "/bench-static" });
        }

        app.UseMiddleware<ApiErrorMiddleware>();
        return app;
    }

    public static WebApplication MapConsumerApiAndDocument(this WebApplication app)
    {
        app.MapConsumerApi();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}
