using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Domain.Validation;
using OpsConsole.Localization;

namespace OpsConsole.Components.Shared;

/// <summary>
/// The one FluentValidation bridge for <c>RadzenTemplateForm</c> and <c>EditForm</c>: it validates the form's
/// model with <see cref="Validator"/> and adds the domain's <see cref="Issues"/> (paths relative to the model,
/// such as <c>rate.stepPrice</c>), writing both into the form's <see cref="ValidationMessageStore"/>. It
/// re-validates whenever a field changes and whenever the host passes new issues.
/// </summary>
/// <remarks>
/// Blazored.FluentValidation is not served by the package feed (see docs/decisions/0001-platform.md), and
/// this is all of it that the console needs. A message from <see cref="Validator"/> wins over a domain issue
/// on the same field: the model validator sees what is typed, the domain only the last value it could take.
/// </remarks>
public sealed class FluentValidator : ComponentBase, IDisposable
{
    private EditContext? subscribed;
    private ValidationMessageStore? store;

    [CascadingParameter]
    public EditContext? EditContext { get; set; }

    /// <summary>Validates the form's model as typed (numbers that parse, money with the currency's decimals).</summary>
    [Parameter]
    public IValidator? Validator { get; set; }

    /// <summary>Findings of the domain validator for the edited item, with paths relative to the model.</summary>
    [Parameter]
    public IReadOnlyList<ValidationIssue>? Issues { get; set; }

    /// <summary>The site the edited item belongs to: instants in the domain's messages are said on its clock.</summary>
    [Parameter]
    public Domain.Sites.SiteInfo? Site { get; set; }

    /// <summary>Raised after a field changed and was validated, so the host can rebuild what the form edits.</summary>
    [Parameter]
    public EventCallback<FieldIdentifier> FieldChanged { get; set; }

    /// <summary>The number of fields with a message from <see cref="Validator"/> after the last validation.</summary>
    public int ModelErrorCount { get; private set; }

    protected override void OnParametersSet()
    {
        if (EditContext is null)
        {
            throw new InvalidOperationException($"{nameof(FluentValidator)} must be placed inside a RadzenTemplateForm or an EditForm.");
        }

        if (!ReferenceEquals(EditContext, subscribed))
        {
            Detach();
            subscribed = EditContext;
            store = new ValidationMessageStore(EditContext);
            EditContext.OnFieldChanged += OnFieldChanged;
            EditContext.OnValidationRequested += OnValidationRequested;
        }

        Refresh();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs args)
    {
        Refresh();
        _ = FieldChanged.InvokeAsync(args.FieldIdentifier);
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs args) => Refresh();

    private void Refresh()
    {
        var context = subscribed!;
        store!.Clear();
        var fromModel = new HashSet<FieldIdentifier>();
        if (Validator is not null)
        {
            var result = Validator.Validate(new ValidationContext<object>(context.Model));
            foreach (var failure in result.Errors)
            {
                var field = ModelPaths.Resolve(context.Model, failure.PropertyName);
                store.Add(field, failure.ErrorMessage);
                fromModel.Add(field);
            }
        }

        ModelErrorCount = fromModel.Count;
        foreach (var issue in Issues ?? [])
        {
            var field = ModelPaths.Resolve(context.Model, issue.Path);
            if (!fromModel.Contains(field))
            {
                store.Add(field, Site is null ? MessageTexts.Translate(issue.Message) : MessageTexts.Translate(issue.Message, Site));
            }
        }

        context.NotifyValidationStateChanged();
    }

    private void Detach()
    {
        if (subscribed is null)
        {
            return;
        }

        subscribed.OnFieldChanged -= OnFieldChanged;
        subscribed.OnValidationRequested -= OnValidationRequested;
        store?.Clear();
        subscribed.NotifyValidationStateChanged();
        subscribed = null;
    }

    public void Dispose() => Detach();
}
