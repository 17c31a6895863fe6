using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpsConsole.Api;
using OpsConsole.Auth;
using OpsConsole.Components;
using OpsConsole.Features.Audit;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Features.Releases;
using OpsConsole.Infrastructure;
using OpsConsole.Localization;
using OpsConsole.Persistence;
using Radzen;

namespace OpsConsole;

/// <summary>Composes the web application; Program.cs only decides how to react when it cannot start.</summary>
public static class OpsConsoleApp
{
    /// <summary>The largest message a browser may send over its circuit (see the hub options in <see cref="Build"/>).</summary>
    public const long MaximumCircuitMessageBytes = 16 * 1024 * 1024;

    /// <summary>
    /// About how many bytes a text field's input or change event takes over the circuit: its text as a JSON string, twice
    /// (measured in Chromium: 23.3 MB for 10.2 million characters of JSON, whose JSON string is 11.7 MB).
    /// </summary>
    public static long TextEventBytes(string text)
    {
        long bytes = System.Text.Encoding.UTF8.GetByteCount(text);
        foreach (var c in text)
        {
            bytes += c switch
            {
                '"' or '\\' or '\n' or '\r' or '\t' => 1,
                < ' ' => 5,
                _ => 0,
            };
        }

        return 1024 + 2 * bytes;
    }

    /// <param name="args">Command-line arguments, read as configuration.</param>
    /// <param name="configure">Called just before the app is built: lets the watch load bench host this very app with its own listeners.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        UseBuildOutputStaticFiles(builder);

        // No "Server: Kestrel" banner: it tells a scanner what to try and tells a consumer nothing.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        UnusableAddress.RefuseHostNames(builder.Configuration);
        UnusableAddress.NameTheAddressOfRefusedListens(builder.Services);
        UnusableAddress.LeaveOutOfTheHostsLog(builder.Services);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            // A change event carries its field's whole text: a proposal edited as JSON is megabytes at marketplace scale
            // (5,000 restricted-goods rules and 200 channels: 4.6 MB). Above SignalR's default of 32 KB the circuit was
            // closed at the first keystroke and the edit lost. Circuits are opened only by signed-in staff.
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = MaximumCircuitMessageBytes);
        builder.Services.AddConsoleRadzenComponents();
        builder.Services.AddConsoleLocalization();
        builder.Services.AddOpsConsolePersistence(builder.Configuration, builder.Environment);
        builder.Services.AddOpsConsoleWorkflow();
        // Demo data fills empty sites in Development; tests that need empty sites turn it off.
        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue("DemoData:Enabled", true))
        {
            builder.Services.AddSingleton<IStartupSeeder, Features.Releases.DemoDataSeeder>();
        }
        builder.AddOpsConsoleAuthentication();
        builder.AddOpsConsoleDataProtection();
        builder.AddConsumerApi();

        builder.Services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("database", tags: ["ready"]);

        // The framework's host filtering runs before the app's pipeline, on every path: with AllowedHosts set to the
        // console's name, as operators are told to, probes that address the process by IP or localhost got 400. It runs
        // below instead, on everything but the probes (which build no address from the Host header).
        var hostFiltering = builder.Services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList();
        foreach (var descriptor in hostFiltering)
        {
            builder.Services.Remove(descriptor);
        }

        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseWhen(context => !IsProbe(context.Request.Path), branch => branch.UseHostFiltering());

        app.UseSecurityHeaders(app.Services.GetRequiredService<OidcSettings>());
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseConsumerApi();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessCheck.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapChangeRequestActions();
        app.MapReleaseDownloads();
        app.MapAuditExport();
        app.MapConsumerApiAndDocument();
        app.MapCultureEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // The framework's own script is public: the sign-in page loads it before anyone is signed in.
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.TrimStart('/').StartsWith("_framework/", StringComparison.Ordinal) == true)
                {
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
            });

        return app;
    }

    /// <summary>
    /// Outside Development the host serves the static files (the console's CSS and script, Radzen's) from a wwwroot beside the
    /// executable, which <c>dotnet publish</c> puts there and a build does not: started from the build output (<c>bin/...</c>)
    /// in Production, the console logged "The WebRootPath was not found" and answered its stylesheets and scripts with empty
    /// 200s, an unstyled console whose controls did nothing. The build writes a manifest of where they are (the project's
    /// wwwroot, the packages' folders), which Development reads; this reads it in every environment. A published console has
    /// no such manifest, and this does nothing there.
    /// </summary>
    private static void UseBuildOutputStaticFiles(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        try
        {
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }
        catch (Exception failure) when (failure is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // A folder the manifest names that this user cannot reach (another user's package folder): the host's own
            // warning then says static files may be unavailable, which is so; README says to run a published console.
        }
    }

    private static bool IsProbe(PathString path) =>
        path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase);
}
