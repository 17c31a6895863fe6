using System.Text.RegularExpressions;
using FluentValidation;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Quoting;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Validation;

// Field-level checks of one item of a section. Checks that look across items or sections (unknown
// channel codes, duplicates, the warnings) live in SiteConfigurationValidator. Each validator is
// built for one site, because money decimals and required locales are site facts.

internal sealed partial class ChannelValidator : AbstractValidator<Channel>
{
    public ChannelValidator(SiteInfo? site)
    {
        RuleFor(c => c.Code)
            .Must(code => code is not null && UpperSnakeCase().IsMatch(code))
            .WithErrorCode(IssueCodes.InvalidCode)
            .WithMessage(c => $"Channel code '{c.Code}' must be upper snake case, like DIRECT_STD.");
        RuleFor(c => c.Names).Localized(site, "The channel name");
        RuleFor(c => c.PromiseTemplates).Localized(site, "The delivery promise", Template.PromisePlaceholders);
        RuleFor(c => c.Rate).SetValidator(new RateValidator(site));
        RuleFor(c => c.Transit).SetValidator(new TransitValidator());
        RuleForEach(c => c.Surcharges).SetValidator(new SurchargeValidator(site));
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    internal static partial Regex UpperSnakeCase();
}

internal sealed class RateValidator : AbstractValidator<Rate>
{
    public RateValidator(SiteInfo? site)
    {
        RuleFor(r => r.FirstWeightGrams).GreaterThan(0).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(r => $"First weight {r.FirstWeightGrams} g must be more than 0 g.");
        RuleFor(r => r.StepWeightGrams).GreaterThan(0).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(r => $"Step weight {r.StepWeightGrams} g must be more than 0 g.");
        RuleFor(r => r.MaxWeightGrams).Must((r, max) => max >= r.FirstWeightGrams && max > 0).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(r => $"Maximum weight {r.MaxWeightGrams} g must be at least the first weight ({r.FirstWeightGrams} g).");
        RuleFor(r => r.MaxWeightGrams).LessThanOrEqualTo(1_000_000).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(r => $"Maximum weight {r.MaxWeightGrams} g is more than a tonne; is it a typo?");
        RuleFor(r => r.FirstPrice).Money(site, "First price");
        RuleFor(r => r.StepPrice).Money(site, "Step price");
    }
}

internal sealed class TransitValidator : AbstractValidator<Transit>
{
    public TransitValidator()
    {
        RuleFor(t => t.MinDays).GreaterThanOrEqualTo(0).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(t => $"Minimum transit days {t.MinDays} must not be negative.");
        RuleFor(t => t.MaxDays).Must((t, max) => max >= t.MinDays).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(t => $"Maximum transit days ({t.MaxDays}) must be at least the minimum ({t.MinDays}).");
        RuleFor(t => t.MaxDays).LessThanOrEqualTo(120).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(t => $"Maximum transit days {t.MaxDays} is more than 120; is it a typo?");
    }
}

internal sealed class SurchargeValidator : AbstractValidator<Surcharge>
{
    public SurchargeValidator(SiteInfo? site)
    {
        RuleFor(s => s.Amount).Money(site, "Surcharge");
        RuleFor(s => s.Areas).Texts("The area");
        RuleFor(s => s.PostalCodePrefixes).Texts("The postal-code prefix");
        RuleFor(s => s.Areas)
            .Must((s, areas) => s.Kind != SurchargeKind.RemoteArea || areas.Count > 0 || s.PostalCodePrefixes.Count > 0)
            .WithErrorCode(IssueCodes.RemoteAreaWithoutAreas)
            .WithMessage("A remote-area surcharge needs at least one area or postal-code prefix.");
    }
}

internal sealed class FreeShippingRuleValidator : AbstractValidator<FreeShippingRule>
{
    public FreeShippingRuleValidator(SiteInfo? site)
    {
        RuleFor(r => r.Id).Identifier("The rule id").Text("The rule id", exact: true);
        RuleFor(r => r.Name).Identifier("The rule name").Text("The rule name");
        RuleFor(r => r.Channels).Must(channels => channels.Count > 0).WithErrorCode(IssueCodes.MissingChannels)
            .WithMessage("A free-shipping rule must name at least one channel.");
        RuleFor(r => r.Threshold).Money(site, "Threshold");
        RuleFor(r => r.MaxWeightGrams).GreaterThan(0).When(r => r.MaxWeightGrams is not null).WithErrorCode(IssueCodes.OutOfRange)
            .WithMessage(r => $"Maximum weight {r.MaxWeightGrams} g must be more than 0 g.");
        RuleFor(r => r.IncludeCategories).CategoryPaths("Included category");
        RuleFor(r => r.ExcludeCategories).CategoryPaths("Excluded category");
        RuleFor(r => r.NudgeTemplates).Localized(site, "The free-shipping nudge", Template.FreeShippingNudgePlaceholders)
            .When(r => r.Scope == FreeShippingScope.Cart);
        // The quote nudges only towards a Cart rule's threshold (there is no "amount missing" to one item's price), so a
        // SingleItem rule's texts are stored and published but never shown: said once, instead of checked per locale.
        RuleFor(r => r.NudgeTemplates)
            .Must(texts => texts.Values.All(string.IsNullOrWhiteSpace))
            .WithErrorCode(IssueCodes.IgnoredField)
            .WithSeverity(Severity.Warning)
            .WithMessage("Nudge texts are only shown for Cart rules; this SingleItem rule ignores them.")
            .When(r => r.Scope == FreeShippingScope.SingleItem);
        RuleFor(r => r.NudgeTemplates).OneLine("The free-shipping nudge").When(r => r.Scope == FreeShippingScope.SingleItem);
        this.Window();
    }
}

internal sealed class ConsolidationPromoValidator : AbstractValidator<ConsolidationPromo>
{
    public ConsolidationPromoValidator(SiteInfo? site)
    {
        RuleFor(p => p.Id).Identifier("The promotion id").Text("The promotion id", exact: true);
        RuleFor(p => p.Name).Identifier("The promotion name").Text("The promotion name");
        RuleFor(p => p.Tiers).Must(tiers => tiers.Count > 0).WithErrorCode(IssueCodes.Required)
            .WithMessage("A promotion needs at least one tier.");
        RuleFor(p => p.DailyBudget!.Value).Money(site, "Daily budget").When(p => p.DailyBudget is not null).OverridePropertyName("DailyBudget");
        RuleFor(p => p.Tiers).Custom((_, context) =>
        {
            var promo = context.InstanceToValidate;
            for (var i = 0; i < promo.Tiers.Count; i++)
            {
                var tier = promo.Tiers[i];
                var path = $"{context.PropertyPath}[{i}]";
                if (tier.Min < 0)
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Min", IssueCodes.OutOfRange, $"Tier minimum {RuleBuilders.Show(tier.Min)} must not be negative."));
                }
                else if (promo.Basis != PromoBasis.Subtotal && tier.Min != decimal.Truncate(tier.Min))
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Min", IssueCodes.OutOfRange,
                        $"Tier minimum {RuleBuilders.Show(tier.Min)} must be a whole number of {(promo.Basis == PromoBasis.StoreCount ? "stores" : "grams")}."));
                }
                else if (promo.Basis == PromoBasis.Subtotal && site is not null && Amounts.SignificantDecimals(tier.Min) > site.MinorUnits)
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Min", IssueCodes.TooManyDecimals,
                        $"Tier minimum {RuleBuilders.Show(tier.Min)} has more decimals than {site.Currency} allows ({site.MinorUnits})."));
                }

                CheckDiscount(tier.Discount, $"{path}.Discount.Value", site, context);
                if (i == 0)
                {
                    continue;
                }

                var previous = promo.Tiers[i - 1];
                if (tier.Min <= previous.Min)
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Min", IssueCodes.TiersNotRising,
                        $"Tier minimums must rise strictly: {RuleBuilders.Show(tier.Min)} follows {RuleBuilders.Show(previous.Min)}."));
                }

                if (IsSmaller(tier.Discount, previous.Discount))
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Discount", IssueCodes.DiscountFalling,
                        $"A higher tier must not give a smaller discount: {Describe(tier.Discount)} follows {Describe(previous.Discount)}."));
                }
            }
        });
        RuleFor(p => p.NudgeTemplates).Localized(site, "The promotion nudge", Template.PromoNudgePlaceholders);
        this.Window();
    }

    private static void CheckDiscount(PromoDiscount discount, string path, SiteInfo? site, ValidationContext<ConsolidationPromo> context)
    {
        switch (discount.Kind)
        {
            case DiscountKind.Percent when discount.Value is not (> 0 and <= 100):
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.OutOfRange, $"A percent discount needs a value above 0 and at most 100, not {Show(discount.Value)}."));
                break;
            case DiscountKind.Amount when discount.Value is not > 0:
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.OutOfRange, $"An amount discount needs a value above 0, not {Show(discount.Value)}."));
                break;
            case DiscountKind.Amount when site is not null && Amounts.SignificantDecimals(discount.Value!.Value) > site.MinorUnits:
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.TooManyDecimals,
                    $"Discount amount {Show(discount.Value)} has more decimals than {site.Currency} allows ({site.MinorUnits})."));
                break;
            case DiscountKind.Free when discount.Value is not null:
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.IgnoredField, "A free discount takes no value; it is ignored.", FluentValidation.Severity.Warning));
                break;
        }
    }

    private static string Show(decimal? value) => value is { } v ? RuleBuilders.Show(v) : "none";

    // Percent and Amount cannot be compared without a fee; Free is never smaller than either.
    private static bool IsSmaller(PromoDiscount current, PromoDiscount previous) =>
        (previous.Kind == DiscountKind.Free && current.Kind != DiscountKind.Free)
        || (previous.Kind == current.Kind && current.Kind != DiscountKind.Free && (current.Value ?? 0) < (previous.Value ?? 0));

    private static string Describe(PromoDiscount discount) => discount.Kind switch
    {
        DiscountKind.Percent => $"{Show(discount.Value)} %",
        DiscountKind.Amount => $"{Show(discount.Value)} off",
        _ => "free",
    };
}

internal sealed class RestrictedGoodsRuleValidator : AbstractValidator<RestrictedGoodsRule>
{
    // A site accumulates thousands of these rules, so the checks of one rule are grouped in few
    // FluentValidation rules: each rule costs a context and a property chain per item validated.
    public RestrictedGoodsRuleValidator(SiteInfo? site)
    {
        RuleFor(r => r.Id).Identifier("The rule id").Text("The rule id", exact: true);
        RuleFor(r => r.Name).Identifier("The rule name").Text("The rule name");
        RuleFor(r => r.Match).Custom((match, context) =>
        {
            var path = context.PropertyPath;
            if (!match.HasCriteria)
            {
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.EmptyMatch,
                    "The rule matches no category, attribute, keyword or weight, so it would match every item."));
            }

            for (var i = 0; i < match.CategoryPrefixes.Count; i++)
            {
                var prefix = match.CategoryPrefixes[i];
                if (string.IsNullOrWhiteSpace(prefix) || prefix.StartsWith('/') || prefix.Contains("//", StringComparison.Ordinal))
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.CategoryPrefixes[{i}]", IssueCodes.InvalidCategory,
                        $"Category prefix '{prefix}' is not a category path like health/medicine."));
                }
                else
                {
                    Text("CategoryPrefixes", i, "The category prefix", prefix);
                }
            }

            for (var i = 0; i < match.TitleKeywords.Count; i++)
            {
                Text("TitleKeywords", i, "The title keyword", match.TitleKeywords[i]);
            }

            for (var i = 0; i < match.Attributes.Count; i++)
            {
                if (!RuleBuilders.IsCleanText(match.Attributes[i], exact: true)
                    && RuleBuilders.TextFailure($"{path}.Attributes[{i}]", "The attribute", match.Attributes[i], exact: true) is { } failure)
                {
                    context.AddFailure(failure);
                }
                else if (!ItemAttributes.Known.Contains(match.Attributes[i], StringComparer.OrdinalIgnoreCase))
                {
                    context.AddFailure(RuleBuilders.Failure($"{path}.Attributes[{i}]", IssueCodes.UnknownAttribute,
                        $"Attribute '{match.Attributes[i]}' is not one of {string.Join(", ", ItemAttributes.Known)}; items only match it if the shop sends it exactly.",
                        Severity.Warning));
                }
            }

            if (match.MinUnitWeightGrams is <= 0)
            {
                context.AddFailure(RuleBuilders.Failure($"{path}.MinUnitWeightGrams", IssueCodes.OutOfRange,
                    $"Minimum unit weight {match.MinUnitWeightGrams} g must be more than 0 g."));
            }

            void Text(string list, int index, string label, string value)
            {
                if (!RuleBuilders.IsCleanText(value, exact: true)
                    && RuleBuilders.TextFailure($"{path}.{list}[{index}]", label, value, exact: true) is { } failure)
                {
                    context.AddFailure(failure);
                }
            }
        });
        RuleFor(r => r.Action).Custom((action, context) =>
        {
            var rule = context.InstanceToValidate;
            var parent = context.PropertyPath[..^"Action".Length];
            if (action == RestrictionAction.BlockChannels && rule.Channels.Count == 0)
            {
                context.AddFailure(RuleBuilders.Failure(parent + "Channels", IssueCodes.MissingChannels, "A BlockChannels rule must name the channels it blocks."));
            }
            else if (action != RestrictionAction.BlockChannels && rule.Channels.Count > 0)
            {
                context.AddFailure(RuleBuilders.Failure(parent + "Channels", IssueCodes.IgnoredField,
                    $"Channels are only used by BlockChannels rules; this {action} rule ignores them.", Severity.Warning));
            }

            if (action == RestrictionAction.QuantityLimit && rule.MaxQuantity is not >= 1)
            {
                context.AddFailure(RuleBuilders.Failure(parent + "MaxQuantity", IssueCodes.MissingMaxQuantity,
                    $"A QuantityLimit rule needs a maximum quantity of at least 1{(rule.MaxQuantity is { } max ? $", not {max}" : string.Empty)}."));
            }
            else if (action != RestrictionAction.QuantityLimit && rule.MaxQuantity is not null)
            {
                context.AddFailure(RuleBuilders.Failure(parent + "MaxQuantity", IssueCodes.IgnoredField,
                    $"A maximum quantity is only used by QuantityLimit rules; this {action} rule ignores it.", Severity.Warning));
            }
        });
        RuleFor(r => r.Reasons).Localized(site, "The reason");
        RuleFor(r => r.LegalReference!).Text("The legal reference");
        this.Window();
    }
}
