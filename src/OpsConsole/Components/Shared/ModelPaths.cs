using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Forms;

namespace OpsConsole.Components.Shared;

/// <summary>A model part whose children are not properties, such as texts per locale (<c>names.en-HK</c>).</summary>
public interface IFieldPathNode
{
    FieldIdentifier? FieldFor(string segment);
}

/// <summary>
/// Turns a validation path (<c>Rate.StepPrice</c>, <c>surcharges[1].amount</c>, <c>nudgeTemplates.en-HK</c>)
/// into the form field that shows it. Property names match case-insensitively, so FluentValidation's C#
/// names and the contract's camelCase paths both land. A path that goes deeper than the form (an element of
/// a list of strings) lands on the deepest field the form has; one that names nothing lands on the model.
/// </summary>
public static partial class ModelPaths
{
    public static FieldIdentifier Resolve(object model, string path)
    {
        var field = new FieldIdentifier(model, string.Empty);
        object? current = model;
        foreach (Match token in Tokens().Matches(path))
        {
            if (current is null)
            {
                break;
            }

            if (token.Groups["index"].Success)
            {
                var index = int.Parse(token.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                current = current is IList list && index < list.Count && list[index] is { } item && IsModel(item) ? item : null;
                continue;
            }

            var name = token.Groups["name"].Value;
            if (current is IFieldPathNode node)
            {
                if (node.FieldFor(name) is { } child)
                {
                    field = child;
                }

                break;
            }

            var property = current.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                break;
            }

            field = new FieldIdentifier(current, property.Name);
            current = property.GetValue(current);
            if (current is not null && !IsModel(current) && current is not IList)
            {
                current = null;
            }
        }

        return field;
    }

    private static bool IsModel(object value) => value is not string && !value.GetType().IsValueType;

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Tokens();
}
