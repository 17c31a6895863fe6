namespace OpsConsole.EndToEnd.Infrastructure;

/// <summary>Measurements of how text is laid out, run in the page with an element (EvaluateAsync's first argument).</summary>
public static class Layout
{
    /// <summary>How many lines the element's text takes: the distinct tops of its text's boxes.</summary>
    public const string Lines = "element => { const range = document.createRange(); range.selectNodeContents(element); return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }";
}
