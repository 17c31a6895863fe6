// Render batches are what reaches the browser, and what these renderers read; their types are the framework's own.
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>
/// Renders as a circuit does, handing each render batch (what a circuit sends the browser) to <see cref="Read"/>: for tests
/// of what a component sends, where bUnit shows only the markup that results.
/// </summary>
internal abstract class CircuitLikeRenderer() : Renderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance)
{
    public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

    protected abstract void Read(in RenderBatch batch);

    protected override void HandleException(Exception exception) => throw exception;

    protected override Task UpdateDisplayAsync(in RenderBatch renderBatch)
    {
        Read(renderBatch);
        return Task.CompletedTask;
    }
}
