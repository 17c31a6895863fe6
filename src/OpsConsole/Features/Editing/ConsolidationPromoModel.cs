using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Components.Forms;
using OpsConsole.Components.Shared;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Editing;

/// <summary>A consolidation promotion as its form edits it.</summary>
public sealed class ConsolidationPromoModel : IItemModel<ConsolidationPromo>
{
    public ConsolidationPromoModel(SiteInfo site, ConsolidationPromo promo)
    {
        Source = promo;
        Id = promo.Id;
        Name = promo.Name;
        Channel = promo.Channel;
        Basis = promo.Basis;
        Tiers = [.. promo.Tiers.Select(t => new TierModel
        {
            Min = promo.Basis == PromoBasis.Subtotal ? FieldText.Money(t.Min, site) : Amounts.Trim(t.Min).ToString(CultureInfo.InvariantCulture),
            Kind = t.Discount.Kind,
            Value = t.Discount.Value is not { } value ? null
                : t.Discount.Kind == DiscountKind.Amount ? FieldText.Money(value, site) : Amounts.Trim(value).ToString(CultureInfo.InvariantCulture),
        })];
        Audience = promo.Audience;
        ValidFrom = FieldText.ToLocal(promo.ValidFrom, site);
        ValidTo = FieldText.ToLocal(promo.ValidTo, site);
        DailyBudget = FieldText.Money(promo.DailyBudget, site);
        StacksWithFreeShipping = promo.StacksWithFreeShipping;
        NudgeTemplates = new LocalizedTextModel(site, promo.NudgeTemplates);
    }

    public ConsolidationPromo Source { get; set; }

    public string Id { get; set; }

    public string Name { get; set; }

    public string Channel { get; set; }

    public PromoBasis Basis { get; set; }

    public List<TierModel> Tiers { get; }

    public Audience Audience { get; set; }

    public DateTime? ValidFrom { get; set; }

    public DateTime? ValidTo { get; set; }

    /// <summary>Text typed into a window bound that is no date and time (the bound keeps its last good value meanwhile).</summary>
    public string? ValidFromUnreadable { get; set; }

    public string? ValidToUnreadable { get; set; }

    public string? DailyBudget { get; set; }

    public bool StacksWithFreeShipping { get; set; }

    public LocalizedTextModel NudgeTemplates { get; }

    public static ConsolidationPromo NewPromo(SiteInfo site, IReadOnlyList<Channel> channels, IEnumerable<string> takenIds)
    {
        var id = Enumerable.Range(1, 999).Select(n => $"CP-{site.Code}-NEW-{n}").First(candidate => !takenIds.Contains(candidate, StringComparer.Ordinal));
        var channel = channels.FirstOrDefault(c => c.Kind == ChannelKind.Consolidation)?.Code ?? "";
        // The texts buyers read start empty, to be written in each locale (validation asks at the field), as a new
        // restricted-goods rule's reasons do: placeholders alone passed validation and read "1" or "3-6" to buyers.
        return new ConsolidationPromo(id, "New consolidation promotion", channel, PromoBasis.StoreCount,
            [new PromoTier(2, new PromoDiscount(DiscountKind.Percent, 10))], Audience.All, null, null, null, false,
            LocalizedText.Empty);
    }

    public ConsolidationPromo ToPromo(SiteInfo site) => new(
        FieldText.Kept(Id, Source.Id),
        FieldText.Kept(Name, Source.Name),
        Channel,
        Basis,
        Tiers.Select(t => new PromoTier(FieldText.ParseMoney(t.Min),
            new PromoDiscount(t.Kind, t.Kind == DiscountKind.Free || string.IsNullOrWhiteSpace(t.Value) ? null : FieldText.ParseMoney(t.Value)))).ToValueList(),
        Audience,
        FieldText.ToInstant(ValidFrom, site),
        FieldText.ToInstant(ValidTo, site),
        string.IsNullOrWhiteSpace(DailyBudget) ? null : FieldText.ParseMoney(DailyBudget),
        StacksWithFreeShipping,
        NudgeTemplates.ToText());
}

/// <summary>One tier: from <see cref="Min"/> on, the discount applies. The domain's <c>discount.value</c> lands on <see cref="Value"/>.</summary>
public sealed class TierModel : IFieldPathNode
{
    public string? Min { get; set; }

    public DiscountKind Kind { get; set; }

    public string? Value { get; set; }

    public FieldIdentifier? FieldFor(string segment) => segment.ToLowerInvariant() switch
    {
        "min" => new FieldIdentifier(this, nameof(Min)),
        "discount" or "value" => new FieldIdentifier(this, nameof(Value)),
        "kind" => new FieldIdentifier(this, nameof(Kind)),
        _ => null,
    };
}

/// <summary>What the promotion form checks before a promotion can be built; the domain validator checks the rest.</summary>
public sealed class ConsolidationPromoModelValidator : AbstractValidator<ConsolidationPromoModel>
{
    public ConsolidationPromoModelValidator(SiteInfo site)
    {
        RuleFor(m => m.ValidFromUnreadable).WindowText("Valid from").OverridePropertyName(nameof(ConsolidationPromoModel.ValidFrom));
        RuleFor(m => m.ValidToUnreadable).WindowText("Valid to").OverridePropertyName(nameof(ConsolidationPromoModel.ValidTo));
        RuleFor(m => m.DailyBudget).MoneyText(site, "Daily budget", required: false);
        RuleForEach(m => m.Tiers).ChildRules(tier =>
        {
            tier.RuleFor(t => t.Min).Must(text => FieldText.TryMoney(text, out _)).WithMessage(_ => T("Minimum: enter a number."));
            tier.RuleFor(t => t.Value).Must(text => FieldText.TryMoney(text, out _)).When(t => t.Kind != DiscountKind.Free)
                .WithMessage(_ => T("Discount: enter a number (a percentage, or an amount)."));
            tier.RuleFor(t => t.Value).MoneyText(site, "Discount").When(t => t.Kind == DiscountKind.Amount);
        });
    }
}
