namespace OpsConsole.Features.Editing;

/// <summary>The form model of one item of a section.</summary>
public interface IItemModel<TItem>
    where TItem : class
{
    /// <summary>
    /// The item as it is in the draft (the last input that could become one): editors find items by this reference
    /// (<see cref="EditorContext.IndexOf"/>), so it is always the very instance the draft holds.
    /// </summary>
    TItem Source { get; set; }
}
