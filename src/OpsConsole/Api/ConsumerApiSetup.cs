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

                if (name == "Quote")
                {
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
