// Render batches are what reaches the browser, and what this test reads; their types are the framework's own.
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Diff;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>What the diff table sends to the browser when the diff changes, read from the render batches as a circuit sends them.</summary>
public sealed class DiffTableRenderBatchTests
{
    [Fact]
    public async Task AChangeAddedAboveTheOthers_SendsThatRowAlone()
    {
        // An editor's new rule sorts above the rules changed before it. Compared by position, every row below it differed
        // and was sent again: some 0.8 MB after each edit of a change request with 3,000 restricted-goods rules.
        using var culture = UiCulture.Use("en");
        using var renderer = new RecordingRenderer();
        var before = Enumerable.Range(1, 50).Select(i => Changed($"RG-{i:D4}")).ToList();
        await renderer.RenderAsync(before);

        var sent = await renderer.RenderAsync([Changed("RG-0000"), .. before]);

        Assert.Contains(sent, text => text.Contains("RG-0000", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, text => text.Contains("RG-00", StringComparison.Ordinal) && !text.Contains("RG-0000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfigurationRepeatingAnId_ShowsEachOfItsRows()
    {
        // Validation refuses a repeated id, but the diff of such a draft still shows; rows with one key would stop the page.
        using var culture = UiCulture.Use("en");
        using var renderer = new RecordingRenderer();

        var sent = await renderer.RenderAsync([Changed("RG-0001"), Changed("RG-0001"), Changed("RG-0002")]);

        Assert.Equal(2, sent.Count(text => text == "new RG-0001"));
        Assert.Equal(1, sent.Count(text => text == "new RG-0002"));
    }

    private static DiffEntry Changed(string id) =>
        new(ConfigurationSection.RestrictedGoods, id, "note", DiffKind.Changed, $"old {id}", $"new {id}", $"Restricted-goods rule {id} note changed");

    /// <summary>Renders the table as a root component, as a circuit would, and records every text a render batch sends.</summary>
    private sealed class RecordingRenderer : CircuitLikeRenderer
    {
        private readonly List<string> sent = [];
        private int tableId = -1;

        public Task<List<string>> RenderAsync(IReadOnlyList<DiffEntry> entries) => Dispatcher.InvokeAsync(async () =>
        {
            sent.Clear();
            if (tableId < 0)
            {
                tableId = AssignRootComponentId(new DiffTable());
            }

            await RenderRootComponentAsync(tableId, ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DiffTable.Entries)] = entries }));
            return sent.ToList();
        });

        protected override void Read(in RenderBatch renderBatch)
        {
            var frames = renderBatch.ReferenceFrames.Array;
            foreach (var component in renderBatch.UpdatedComponents.AsEnumerable())
            {
                foreach (var edit in component.Edits.AsEnumerable())
                {
                    var first = frames[edit.ReferenceFrameIndex];
                    var count = edit.Type switch
                    {
                        RenderTreeEditType.PrependFrame => first.FrameType is RenderTreeFrameType.Element or RenderTreeFrameType.Region ? first.ElementSubtreeLength : 1,
                        RenderTreeEditType.UpdateText or RenderTreeEditType.UpdateMarkup or RenderTreeEditType.SetAttribute => 1,
                        _ => 0,
                    };
                    sent.AddRange(frames.Skip(edit.ReferenceFrameIndex).Take(count).Select(Text).OfType<string>());
                }
            }
        }

        private static string? Text(RenderTreeFrame frame) => frame.FrameType switch
        {
            RenderTreeFrameType.Text => frame.TextContent,
            RenderTreeFrameType.Markup => frame.MarkupContent,
            RenderTreeFrameType.Attribute => frame.AttributeValue as string,
            _ => null,
        };
    }
}
