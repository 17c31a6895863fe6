// Render batches are what reaches the browser, and what this test reads; their types are the framework's own.
#pragma warning disable BL0006
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using OpsConsole.Features.ChangeRequests;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Components;

/// <summary>
/// What the JSON text area sends to the browser, read from the render batches as a circuit sends them. bUnit dispatches an
/// event without the field's value, which the browser sends with it, so a renderer of its own dispatches as the browser does.
/// </summary>
public sealed class JsonTextAreaTests
{
    [Fact]
    public async Task LeavingTheText_DoesNotSendItBackToTheBrowser()
    {
        // For 5,000 restricted-goods rules the text is some 5 MB: sent up when the field is left (the edit), it came back
        // down in the render that followed, although the browser shows exactly that text.
        using var culture = UiCulture.Use("en");
        using var renderer = new BrowserLikeRenderer();
        var host = await renderer.RenderAsync("{\"site\": \"HK\"}");

        var values = await renderer.LeaveWithAsync("{\"site\": \"HK\", \"edited\": true}");

        Assert.Equal("{\"site\": \"HK\", \"edited\": true}", host.Text);
        Assert.Equal(1, host.RendersSinceStart);
        Assert.Empty(values);
    }

    [Fact]
    public async Task TextTheServerChanges_IsSentToTheBrowser_EvenWhenItIsTheTextShownBeforeTheEdit()
    {
        // Discarding an edit puts back the text the field showed before it: the browser shows the edit, so it must be sent.
        using var culture = UiCulture.Use("en");
        using var renderer = new BrowserLikeRenderer();
        var host = await renderer.RenderAsync("original");
        await renderer.LeaveWithAsync("edited");

        var discarded = await renderer.SetTextAsync(host, "original");
        var fromSections = await renderer.SetTextAsync(host, "from the sections");

        Assert.Equal(["original"], discarded);
        Assert.Equal(["from the sections"], fromSections);
    }

    /// <summary>Holds the text as the change request page does: what the field sends becomes its text, rendered again.</summary>
    private sealed class Host : ComponentBase
    {
        public string Text { get; set; } = "";

        public int RendersSinceStart { get; set; }

        public void Show(string text)
        {
            Text = text;
            StateHasChanged();
        }

        // Inside a component of its own, as on the page (a Radzen column): the field hears of its new text only once that
        // component renders, after any render the field asked for itself.
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            RendersSinceStart++;
            builder.OpenComponent<Column>(0);
            builder.AddComponentParameter(1, nameof(Column.ChildContent), (RenderFragment)(column =>
            {
                column.OpenComponent<JsonTextArea>(0);
                column.AddComponentParameter(1, nameof(JsonTextArea.Text), Text);
                column.AddComponentParameter(2, nameof(JsonTextArea.TextChanged), EventCallback.Factory.Create<string>(this, text => Text = text));
                column.CloseComponent();
            }));
            builder.CloseComponent();
        }
    }

    private sealed class Column : ComponentBase
    {
        [Parameter]
        public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, ChildContent);
    }

    /// <summary>Renders as a circuit does and records every value attribute a render batch sets on an element.</summary>
    private sealed class BrowserLikeRenderer : CircuitLikeRenderer
    {
        private readonly List<string> valuesSent = [];
        private int textAreaId;

        public Task<Host> RenderAsync(string text) => Dispatcher.InvokeAsync(async () =>
        {
            var host = new Host { Text = text };
            var hostId = AssignRootComponentId(host);
            await RenderRootComponentAsync(hostId);
            var columnId = GetCurrentRenderTreeFrames(hostId).AsEnumerable().Single(f => f.FrameType == RenderTreeFrameType.Component).ComponentId;
            textAreaId = GetCurrentRenderTreeFrames(columnId).AsEnumerable().Single(f => f.FrameType == RenderTreeFrameType.Component).ComponentId;
            host.RendersSinceStart = 0;
            return host;
        });

        /// <summary>Types <paramref name="text"/> and leaves the field: its change event, with the field's value as the browser sends it.</summary>
        public Task<List<string>> LeaveWithAsync(string text) => Recording(() => Dispatcher.InvokeAsync(() =>
        {
            var change = GetCurrentRenderTreeFrames(textAreaId).AsEnumerable().Single(f => f.FrameType == RenderTreeFrameType.Attribute && f.AttributeName == "onchange");
            return DispatchEventAsync(change.AttributeEventHandlerId, new EventFieldInfo { ComponentId = textAreaId, FieldValue = text }, new ChangeEventArgs { Value = text });
        }));

        public Task<List<string>> SetTextAsync(Host host, string text) => Recording(() => Dispatcher.InvokeAsync(() => host.Show(text)));

        private async Task<List<string>> Recording(Func<Task> act)
        {
            valuesSent.Clear();
            await act();
            return [.. valuesSent];
        }

        protected override void Read(in RenderBatch renderBatch)
        {
            for (var i = 0; i < renderBatch.UpdatedComponents.Count; i++)
            {
                foreach (var edit in renderBatch.UpdatedComponents.Array[i].Edits.AsEnumerable())
                {
                    var frame = renderBatch.ReferenceFrames.Array[edit.ReferenceFrameIndex];
                    if (edit.Type == RenderTreeEditType.SetAttribute && frame.AttributeName == "value")
                    {
                        valuesSent.Add((string)frame.AttributeValue);
                    }
                }
            }
        }
    }
}
