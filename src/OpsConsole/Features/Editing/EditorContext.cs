using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using OpsConsole.Domain.Validation;
using ConfigurationSection = OpsConsole.Domain.Configuration.ConfigurationSection;

namespace OpsConsole.Features.Editing;

/// <summary>
/// What the section editors of one change request share with the page hosting them: the draft
/// configuration and its validation report, whether the user may edit, and the one way to change the
/// draft (<see cref="Propose"/>), which the page turns into the same JSON its Save sends.
/// </summary>
public sealed class EditorContext(SiteInfo site, Action<SiteConfiguration> propose)
{
    private readonly Dictionary<string, int> inputErrors = new(StringComparer.Ordinal);

    public SiteInfo Site { get; } = site;

    public SiteConfiguration Config { get; private set; } = new(site.Code, [], [], [], []);

    public ValidationReport Report { get; private set; } = new([], []);

    public bool ReadOnly { get; set; } = true;

    /// <summary>
    /// Changes when the draft is replaced from outside the editors (reload, save, JSON edit, import); editors then
    /// rebuild their models from it (<see cref="Rebuild"/>), which discards input that could not become configuration.
    /// Their own proposals keep it, so what is being typed stays in place.
    /// </summary>
    public int Generation { get; private set; }

    /// <summary>Fields holding input that cannot become configuration (an unreadable number, too many decimals).</summary>
    public int InputErrorCount => inputErrors.Values.Sum();

    public void Replace(SiteConfiguration config, ValidationReport report)
    {
        (Config, Report) = (config, report);
        inputErrors.Clear();
        Generation++;
    }

    public void Evaluated(SiteConfiguration config, ValidationReport report) => (Config, Report) = (config, report);

    public void Propose(SiteConfiguration config) => propose(config);

    /// <summary>
    /// Proposes a configuration that replaces what the forms hold (an import): the draft takes it and every
    /// editor rebuilds its forms from it.
    /// </summary>
    public void ProposeReplacement(SiteConfiguration config)
    {
        // First the new generation: the page may render the editors while it takes the proposal, and an editor that saw
        // the old generation then kept its forms (the rules from before an import), to propose them again on its next edit.
        inputErrors.Clear();
        Generation++;
        propose(config);
    }

    public void SetInputErrors(string editor, int count) => inputErrors[editor] = count;

    /// <summary>The item the validation report last asked to open (<see cref="Open"/>).</summary>
    public ItemLocation? Opening { get; private set; }

    /// <summary>
    /// Grows with each <see cref="Open"/>: the tabs and the editors compare it with the last one they acted on when the
    /// page renders them, so that opening the same item again (after moving away from it) opens it again.
    /// </summary>
    public int OpeningCount { get; private set; }

    /// <summary>
    /// Asks the tabs to show the item's section and its editor to select the item and put the focus on its first field
    /// with a message, once the page renders them.
    /// </summary>
    public void Open(ItemLocation item) => (Opening, OpeningCount) = (item, OpeningCount + 1);

    /// <summary>The item asked for since <paramref name="seen"/> (null if none), which it moves on to this ask.</summary>
    public ItemLocation? OpeningSince(ref int seen)
    {
        if (seen == OpeningCount)
        {
            return null;
        }

        seen = OpeningCount;
        return Opening;
    }

    /// <summary>The errors of one item (<c>freeShipping[2]</c>) with paths relative to it (<c>threshold</c>).</summary>
    public IReadOnlyList<ValidationIssue> ErrorsOf(string itemPath) =>
        [.. Report.Errors
            .Where(e => e.Path.StartsWith(itemPath + ".", StringComparison.Ordinal) || e.Path.StartsWith(itemPath + "[", StringComparison.Ordinal))
            .Select(e => e with { Path = e.Path[(itemPath.Length + (e.Path[itemPath.Length] == '.' ? 1 : 0))..] })];

    /// <summary>Every finding (errors and warnings) about one item, for its summary in the editor.</summary>
    public IReadOnlyList<ValidationIssue> WarningsOf(string itemPath) =>
        [.. Report.Warnings.Where(w => w.Path == itemPath || w.Path.StartsWith(itemPath + ".", StringComparison.Ordinal) || w.Path.StartsWith(itemPath + "[", StringComparison.Ordinal))];

    /// <summary>
    /// The form model of the item asked for since <paramref name="seen"/> when it is in <paramref name="section"/> (whose
    /// items are <paramref name="items"/>), found by the item it edits as <see cref="IndexOf"/> finds items.
    /// </summary>
    public TModel? OpeningOf<TModel, TItem>(ConfigurationSection section, ValueList<TItem> items, IEnumerable<TModel> models, Func<TModel, TItem> itemOf, ref int seen)
        where TModel : class
        where TItem : class =>
        OpeningSince(ref seen) is { } item && item.Section == section && item.Index < items.Count
            ? models.FirstOrDefault(model => ReferenceEquals(itemOf(model), items[item.Index]))
            : null;

    /// <summary>
    /// The models of a section for a new <see cref="Generation"/>. A model whose input makes exactly an item of
    /// <paramref name="items"/> (<paramref name="madeOf"/>: equal by value; null while some input cannot become an item) is
    /// kept for it and pointed at it; every other item gets a new model (<paramref name="build"/>), as does a second item
    /// equal to one already served.
    /// </summary>
    /// <remarks>
    /// A form is keyed by its model, so a new model is a new form, sent to the browser whole (date pickers with their
    /// calendars, dropdowns): leaving the JSON after changing one threshold of a draft with 3,000 restricted-goods rules sent
    /// 0.61 MB while every open form was made anew, 0.27 MB with the unchanged ones kept. A kept model holds nothing the new
    /// draft does not (what it makes is the item), except what its form hides (a hidden action's channels), which it keeps
    /// as it does between edits. Input that cannot become an item is never kept: a replace discards it, as
    /// <see cref="Replace"/> discards its count.
    /// </remarks>
    /// <returns>
    /// The models in the items' order, and <paramref name="selected"/> if it was kept, else the first model with its id
    /// (<paramref name="idOf"/>), else null.
    /// </returns>
    public static (List<TModel> Models, TModel? Selected) Rebuild<TModel, TItem>(
        ValueList<TItem> items, IEnumerable<TModel> current, TModel? selected, Func<TModel, TItem?> madeOf, Func<TItem, TModel> build, Func<TModel, string> idOf)
        where TModel : class, IItemModel<TItem>
        where TItem : class
    {
        var byItem = new Dictionary<TItem, Queue<TModel>>();
        foreach (var model in current)
        {
            if (madeOf(model) is { } made)
            {
                if (!byItem.TryGetValue(made, out var same))
                {
                    byItem[made] = same = new Queue<TModel>();
                }

                same.Enqueue(model);
            }
        }

        var models = new List<TModel>(items.Count);
        var selectedKept = false;
        foreach (var item in items)
        {
            if (byItem.TryGetValue(item, out var same) && same.TryDequeue(out var kept))
            {
                kept.Source = item;
                models.Add(kept);
                selectedKept |= ReferenceEquals(kept, selected);
            }
            else
            {
                models.Add(build(item));
            }
        }

        return (models, selectedKept ? selected : selected is null ? null : models.FirstOrDefault(m => idOf(m) == idOf(selected)));
    }

    /// <summary>The index an item has in <paramref name="list"/>, found by reference: configuration order is by content, not by where it was added.</summary>
    public static int IndexOf<T>(ValueList<T> list, T item)
        where T : class
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}
