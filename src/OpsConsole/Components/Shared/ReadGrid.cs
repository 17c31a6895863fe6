using Radzen;

namespace OpsConsole.Components.Shared;

/// <summary>
/// For a read table's <c>CellRender</c>: each cell carries its column's title, which a phone shows beside the value when
/// the rows are laid out as cards (app.css, <c>.ops-read-grid</c> below 600 pixels) and the column titles are not above it.
/// </summary>
public static class ReadGrid
{
    public static void LabelCell<TItem>(DataGridCellRenderEventArgs<TItem> cell)
        where TItem : notnull
    {
        if (cell.Column?.Title is { Length: > 0 } title)
        {
            cell.Attributes["data-label"] = title;
        }
    }
}
