namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>Measurements of how text is laid out, run in the page with an element (EvaluateAsync's first argument).</summary>
public static class Layout
{
    /// <summary>How many lines the element's text takes: the distinct tops of its text's boxes.</summary>
    public const string Lines = "element => { const range = document.createRange(); range.selectNodeContents(element); return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }";

    /// <summary>Where each line of the element's text after the first starts, as offsets into its text content.</summary>
    public const string LineStarts = """
        element => {
            const starts = [];
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let offset = 0;
            let top = null;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.data.length; i++) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = [...range.getClientRects()].find(b => b.width > 0);
                    if (box) {
                        if (top !== null && box.top > top + 2) starts.push(offset + i);
                        top = box.top;
                    }
                }
                offset += node.data.length;
            }
            return starts;
        }
        """;
}
