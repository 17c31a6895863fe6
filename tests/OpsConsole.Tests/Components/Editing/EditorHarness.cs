using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using OpsConsole.Features.Editing;
using OpsConsole.Localization;
using Radzen;

namespace OpsConsole.Tests.Components.Editing;

/// <summary>A bUnit context with Radzen and an <see cref="EditorContext"/> that evaluates proposals as the change request page does.</summary>
public abstract class EditorTestContext : BunitContext
{
    protected EditorTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddConsoleRadzenComponents();
        Services.AddSingleton(TimeProvider.System);
    }

    public int Proposals { get; private set; }

    /// <param name="onProposed">What the host does once it has evaluated a proposal; the page renders itself again at once.</param>
    protected EditorContext NewContext(SiteInfo site, SiteConfiguration? config = null, bool readOnly = false, Action? onProposed = null)
    {
        EditorContext? context = null;
        context = new EditorContext(site, proposed =>
        {
            Proposals++;
            context!.Evaluated(proposed, ConfigurationValidator.Validate(proposed));
            onProposed?.Invoke();
        });
        config ??= DemoConfigurations.For(site.Code);
        context.ReadOnly = readOnly;
        context.Replace(config, ConfigurationValidator.Validate(config));
        return context;
    }
}
