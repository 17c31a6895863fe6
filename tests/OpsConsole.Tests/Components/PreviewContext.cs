using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Features.Preview;
using OpsConsole.Localization;
using OpsConsole.Tests.Infrastructure;
using Radzen;

namespace OpsConsole.Tests.Components;

/// <summary>The preview on its own, at a weekday noon in Hong Kong (inside every demo window), against HK's demo v1.</summary>
public abstract class PreviewContext : BunitContext
{
    protected PreviewContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        Services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 11, 18, 4, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>The preview of <paramref name="draft"/> (HK's demo configuration when null) against HK's demo configuration as v1.</summary>
    protected IRenderedComponent<Preview> RenderHk(SiteConfiguration? draft = null) => RenderSite("HK", draft);

    /// <summary>The preview of <paramref name="draft"/> (the site's demo configuration when null) against the site's demo configuration as v1.</summary>
    protected IRenderedComponent<Preview> RenderSite(string code, SiteConfiguration? draft = null)
    {
        var release = DemoConfigurations.For(code);
        return Render<Preview>(p => p
            .Add(x => x.Site, SiteCatalog.Get(code))
            .Add(x => x.Draft, draft ?? release)
            .Add(x => x.Release, release)
            .Add(x => x.ReleaseVersion, 1));
    }
}
