using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Editing;

/// <summary>One text of a <see cref="LocalizedTextModel"/>; its own object so that each locale is a form field.</summary>
public sealed class LocaleTextModel(string locale, string text)
{
    public string Locale { get; } = locale;

    public string Text { get; set; } = text;
}

/// <summary>Texts per locale as a form edits them: one field per site locale, plus any other locale the draft already has.</summary>
public sealed class LocalizedTextModel : IFieldPathNode
{
    private readonly LocalizedText original;

    public LocalizedTextModel(SiteInfo site, LocalizedText texts)
    {
        original = texts;
        foreach (var locale in site.Locales)
        {
            Texts.Add(new LocaleTextModel(locale, texts.TryGetValue(locale, out var text) ? text : ""));
        }

        foreach (var (locale, text) in texts)
        {
            if (!site.HasLocale(locale))
            {
                Texts.Add(new LocaleTextModel(locale, text));
            }
        }
    }

    public List<LocaleTextModel> Texts { get; } = [];

    /// <summary>The texts typed, an empty one left out; the texts the form was made from while none was changed.</summary>
    public LocalizedText ToText() =>
        Texts.All(t => t.Text == (original.TryGetValue(t.Locale, out var text) ? text : ""))
            ? original
            : LocalizedText.From(Texts.Where(t => !string.IsNullOrEmpty(t.Text)).Select(t => KeyValuePair.Create(t.Locale, t.Text)));

    public FieldIdentifier? FieldFor(string segment) =>
        Texts.FirstOrDefault(t => t.Locale == segment) is { } text ? new FieldIdentifier(text, nameof(LocaleTextModel.Text)) : null;
}
