using FluentValidation;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Editing;

/// <summary>A restricted-goods rule as its form edits it.</summary>
public sealed class RestrictedGoodsRuleModel : IItemModel<RestrictedGoodsRule>
{
    public RestrictedGoodsRuleModel(SiteInfo site, RestrictedGoodsRule rule)
    {
        Source = rule;
        Id = rule.Id;
        Name = rule.Name;
        CategoryPrefixes = FieldText.List(rule.Match.CategoryPrefixes);
        Attributes = FieldText.List(rule.Match.Attributes);
        TitleKeywords = FieldText.Lines(rule.Match.TitleKeywords);
        MinUnitWeightGrams = FieldText.WholeNumber(rule.Match.MinUnitWeightGrams);
        Action = rule.Action;
        Channels = [.. rule.Channels];
        MaxQuantity = FieldText.WholeNumber(rule.MaxQuantity);
        Reasons = new LocalizedTextModel(site, rule.Reasons);
        LegalReference = rule.LegalReference;
        ValidFrom = FieldText.ToLocal(rule.ValidFrom, site);
        ValidTo = FieldText.ToLocal(rule.ValidTo, site);
    }

    public RestrictedGoodsRule Source { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    /// <summary>The form keeps the match's fields on the rule; this lets the domain's <c>match.attributes[0]</c> paths find them.</summary>
    public RestrictedGoodsRuleModel Match => this;

    public string? CategoryPrefixes { get; set; }

    public string? Attributes { get; set; }

    public string? TitleKeywords { get; set; }

    public string? MinUnitWeightGrams { get; set; }

    public RestrictionAction Action { get; set; }

    public IEnumerable<string> Channels { get; set; }

    // Text, as a channel's weights are: a number box emptied "2.5", "three" or a number too large for it.
    public string? MaxQuantity { get; set; }

    public LocalizedTextModel Reasons { get; }

    public string? LegalReference { get; set; }

    public DateTime? ValidFrom { get; set; }

    public DateTime? ValidTo { get; set; }

    /// <summary>Text typed into a window bound that is no date and time (the bound keeps its last good value meanwhile).</summary>
    public string? ValidFromUnreadable { get; set; }

    public string? ValidToUnreadable { get; set; }

    /// <summary>The match for the grid: each given criterion with its values (data, shown as written).</summary>
    public IReadOnlyList<(string Criterion, string Values)> MatchSummary => Summary(Source.Match);

    public static IReadOnlyList<(string Criterion, string Values)> Summary(GoodsMatch match) =>
    [
        .. match.CategoryPrefixes.Count > 0 ? [(T("Category prefixes"), string.Join(", ", match.CategoryPrefixes))] : Array.Empty<(string, string)>(),
        .. match.Attributes.Count > 0 ? [(T("Attributes"), string.Join(", ", match.Attributes))] : Array.Empty<(string, string)>(),
        .. match.TitleKeywords.Count > 0 ? [(T("Title keywords"), string.Join(", ", match.TitleKeywords.Select(k => $"“{k}”")))] : Array.Empty<(string, string)>(),
        .. match.MinUnitWeightGrams is { } grams ? [(T("Min unit weight (g)"), grams.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<(string, string)>(),
    ];

    public static RestrictedGoodsRule NewRule(SiteInfo site, IEnumerable<string> takenIds)
    {
        var taken = takenIds.ToHashSet(StringComparer.Ordinal);
        var id = Enumerable.Range(1, 99999).Select(n => $"RG-{site.Code}-NEW-{n}").First(candidate => !taken.Contains(candidate));
        return new RestrictedGoodsRule(id, "New restricted-goods rule", new GoodsMatch([], [], [], null), RestrictionAction.BlockSale, [], null,
            LocalizedText.Empty, null, null, null);
    }

    public RestrictedGoodsRule ToRule(SiteInfo site) => new(
        FieldText.Kept(Id, Source.Id),
        FieldText.Kept(Name, Source.Name),
        new GoodsMatch(
            FieldText.KeptList(CategoryPrefixes, Source.Match.CategoryPrefixes),
            FieldText.KeptList(Attributes, Source.Match.Attributes),
            FieldText.Kept(TitleKeywords, Source.Match.TitleKeywords, FieldText.Lines, FieldText.ParseLines),
            FieldText.ParseOptionalWholeNumber(MinUnitWeightGrams)),
        Action,
        // The fields of another action are hidden: what they hold stays in the form (the action may be switched back) but
        // does not go into the rule, where an approver would meet it as an "ignored" warning nobody can see to clear.
        Action == RestrictionAction.BlockChannels ? Channels.ToValueList() : [],
        Action == RestrictionAction.QuantityLimit ? FieldText.ParseOptionalWholeNumber(MaxQuantity) : null,
        Reasons.ToText(),
        FieldText.Kept(LegalReference, Source.LegalReference, value => value, typed => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim()),
        FieldText.ToInstant(ValidFrom, site),
        FieldText.ToInstant(ValidTo, site));
}

/// <summary>Every field of a rule form can become a rule; the domain validator checks what it means.</summary>
public sealed class RestrictedGoodsRuleModelValidator : AbstractValidator<RestrictedGoodsRuleModel>
{
    public RestrictedGoodsRuleModelValidator()
    {
        RuleFor(m => m.ValidFromUnreadable).WindowText("Valid from").OverridePropertyName(nameof(RestrictedGoodsRuleModel.ValidFrom));
        RuleFor(m => m.ValidToUnreadable).WindowText("Valid to").OverridePropertyName(nameof(RestrictedGoodsRuleModel.ValidTo));
        RuleFor(m => m.MinUnitWeightGrams).OptionalGramsText("Minimum unit weight");
        // Empty is the domain's to say ("needs a maximum quantity"); what is typed must be a whole number.
        RuleFor(m => m.MaxQuantity).Must(text => FieldText.TryWholeNumber(text, out _))
            .WithMessage(_ => T("At most per order: enter a whole number, like 2."))
            .When(m => m.Action == RestrictionAction.QuantityLimit);
    }
}
