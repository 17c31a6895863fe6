using FluentValidation;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Features.Editing;

/// <summary>A free-shipping rule as its form edits it: money as typed, the window in the site's local time.</summary>
public sealed class FreeShippingRuleModel : IItemModel<FreeShippingRule>
{
    public FreeShippingRuleModel(SiteInfo site, FreeShippingRule rule)
    {
        Source = rule;
        Id = rule.Id;
        Name = rule.Name;
        Channels = [.. rule.Channels];
        Scope = rule.Scope;
        Threshold = FieldText.Money(rule.Threshold, site);
        IncludeCategories = FieldText.List(rule.IncludeCategories);
        ExcludeCategories = FieldText.List(rule.ExcludeCategories);
        MaxWeightGrams = FieldText.WholeNumber(rule.MaxWeightGrams);
        Audience = rule.Audience;
        ValidFrom = FieldText.ToLocal(rule.ValidFrom, site);
        ValidTo = FieldText.ToLocal(rule.ValidTo, site);
        WaivesSurcharges = rule.WaivesSurcharges;
        NudgeTemplates = new LocalizedTextModel(site, rule.NudgeTemplates);
    }

    /// <summary>The rule as it is in the draft: the last input that could become one.</summary>
    public FreeShippingRule Source { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public IEnumerable<string> Channels { get; set; }

    public FreeShippingScope Scope { get; set; }

    public string? Threshold { get; set; }

    public string? IncludeCategories { get; set; }

    public string? ExcludeCategories { get; set; }

    public string? MaxWeightGrams { get; set; }

    public Audience Audience { get; set; }

    public DateTime? ValidFrom { get; set; }

    public DateTime? ValidTo { get; set; }

    /// <summary>Text typed into a window bound that is no date and time (the bound keeps its last good value meanwhile).</summary>
    public string? ValidFromUnreadable { get; set; }

    public string? ValidToUnreadable { get; set; }

    public bool WaivesSurcharges { get; set; }

    public LocalizedTextModel NudgeTemplates { get; }

    public static FreeShippingRule NewRule(SiteInfo site, IReadOnlyList<Channel> channels, IEnumerable<string> takenIds)
    {
        var id = Enumerable.Range(1, 999).Select(n => $"FS-{site.Code}-NEW-{n}").First(candidate => !takenIds.Contains(candidate, StringComparer.Ordinal));
        var firstChannel = channels.FirstOrDefault(c => c.Enabled)?.Code;
        // The texts buyers read start empty, to be written in each locale (validation asks at the field), as a new
        // restricted-goods rule's reasons do: placeholders alone passed validation and read "1" or "3-6" to buyers.
        return new FreeShippingRule(id, "New free-shipping rule", firstChannel is null ? [] : [firstChannel], FreeShippingScope.Cart, 0m, [], [], null,
            Audience.All, null, null, false, LocalizedText.Empty);
    }

    public FreeShippingRule ToRule(SiteInfo site) => new(
        FieldText.Kept(Id, Source.Id),
        FieldText.Kept(Name, Source.Name),
        Channels.ToValueList(),
        Scope,
        FieldText.ParseMoney(Threshold),
        FieldText.KeptList(IncludeCategories, Source.IncludeCategories),
        FieldText.KeptList(ExcludeCategories, Source.ExcludeCategories),
        FieldText.ParseOptionalWholeNumber(MaxWeightGrams),
        Audience,
        FieldText.ToInstant(ValidFrom, site),
        FieldText.ToInstant(ValidTo, site),
        WaivesSurcharges,
        // Hidden for a SingleItem rule and kept in the form, should the scope be switched back; left out of the rule,
        // where validation would warn that they are ignored.
        Scope == FreeShippingScope.Cart ? NudgeTemplates.ToText() : LocalizedText.Empty);
}

/// <summary>What the form checks before a rule can be built; the domain validator checks the rest.</summary>
public sealed class FreeShippingRuleModelValidator : AbstractValidator<FreeShippingRuleModel>
{
    public FreeShippingRuleModelValidator(SiteInfo site)
    {
        RuleFor(m => m.ValidFromUnreadable).WindowText("Valid from").OverridePropertyName(nameof(FreeShippingRuleModel.ValidFrom));
        RuleFor(m => m.ValidToUnreadable).WindowText("Valid to").OverridePropertyName(nameof(FreeShippingRuleModel.ValidTo));
        RuleFor(m => m.Threshold).MoneyText(site, "Threshold");
        RuleFor(m => m.MaxWeightGrams).OptionalGramsText("Max weight");
    }
}
