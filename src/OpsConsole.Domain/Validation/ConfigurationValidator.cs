using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Results;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Validation;

/// <summary>Validates a site configuration: what blocks a submission (errors) and what the approver must acknowledge (warnings).</summary>
public static class ConfigurationValidator
{
    // Validators are immutable once built; one per site because money and locales are site facts.
    private static readonly ConcurrentDictionary<string, SiteConfigurationValidator> BySite = new(StringComparer.Ordinal);

    public static ValidationReport Validate(SiteConfiguration config)
    {
        SiteCatalog.TryGet(config.Site, out var site);
        var validator = BySite.GetOrAdd(site?.Code ?? string.Empty, _ => new SiteConfigurationValidator(site));
        var result = validator.Validate(config);
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        foreach (var failure in result.Errors)
        {
            var issue = new ValidationIssue(ContractPath(failure.PropertyName), failure.ErrorCode, failure.ErrorMessage);
            (failure.Severity == Severity.Error ? errors : warnings).Add(issue);
        }

        return new ValidationReport(errors, warnings);
    }

    /// <summary>FluentValidation names properties as C# does (<c>Channels[1].Rate.StepPrice</c>); the contract is camelCase.</summary>
    internal static string ContractPath(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return "$";
        }

        var segments = propertyName.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length > 0 && char.IsAsciiLetterUpper(segment[0]) && (segment.Length == 1 || !char.IsAsciiLetterUpper(segment[1])))
            {
                segments[i] = char.ToLowerInvariant(segment[0]) + segment[1..];
            }
        }

        return string.Join('.', segments);
    }
}

internal sealed class SiteConfigurationValidator : AbstractValidator<SiteConfiguration>
{
    public SiteConfigurationValidator(SiteInfo? site)
    {
        RuleFor(c => c.Site).Must(_ => site is not null).WithErrorCode(IssueCodes.UnknownSite)
            .WithMessage(c => $"Unknown site '{c.Site}'. Sites are {string.Join(", ", SiteCatalog.All.Select(s => s.Code))}.");
        RuleForEach(c => c.Channels).SetValidator(new ChannelValidator(site));
        RuleForEach(c => c.FreeShipping).SetValidator(new FreeShippingRuleValidator(site));
        RuleForEach(c => c.ConsolidationPromos).SetValidator(new ConsolidationPromoValidator(site));
        RuleForEach(c => c.RestrictedGoods).SetValidator(new RestrictedGoodsRuleValidator(site));
        
        // The cross-section checks build their own paths; hanging them on one property only gives them a context.
        RuleFor(c => c.Channels).Custom((_, context) => CrossChecks(context.InstanceToValidate, context));
    }

    private static void CrossChecks(SiteConfiguration config, ValidationContext<SiteConfiguration> context)
    {
        var channels = new Dictionary<string, Channel>(StringComparer.Ordinal);
        var codeCounts = config.Channels.CountBy(c => c.Code, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        for (var i = 0; i < config.Channels.Count; i++)
        {
            var channel = config.Channels[i];
            channels.TryAdd(channel.Code, channel);
            // Every copy is named, not only the later ones: the one just renamed may come first in content order, and its
            // editor would show nothing while an untouched channel took the blame.
            if (codeCounts[channel.Code] > 1)
            {
                context.AddFailure(RuleBuilders.Failure($"channels[{i}].code", IssueCodes.DuplicateCode, $"Channel code {channel.Code} is used more than once."));
            }
        }

        // A warning, as when every channel is disabled: the product does not count it among the errors, and an approver may
        // mean to close a site's shipping.
        if (config.Channels.Count == 0)
        {
            context.AddFailure(RuleBuilders.Failure("channels", IssueCodes.NoEnabledChannel, "The configuration has no channels, so buyers cannot be offered any shipping.", Severity.Warning));
        }
        else if (!config.Channels.Any(c => c.Enabled))
        {
            context.AddFailure(RuleBuilders.Failure("channels", IssueCodes.NoEnabledChannel, "No channel is enabled, so buyers cannot be offered any shipping.", Severity.Warning));
        }

        Duplicates(config.FreeShipping.Select(r => r.Id), "freeShipping", "Free-shipping rule", context);
        Duplicates(config.ConsolidationPromos.Select(r => r.Id), "consolidationPromos", "Promotion", context);
        Duplicates(config.RestrictedGoods.Select(r => r.Id), "restrictedGoods", "Restricted-goods rule", context);

        for (var i = 0; i < config.FreeShipping.Count; i++)
        {
            var rule = config.FreeShipping[i];
            ChannelReferences(rule.Channels, $"freeShipping[{i}].channels", $"Free-shipping rule {rule.Id}", channels, context);
        }

        for (var i = 0; i < config.ConsolidationPromos.Count; i++)
        {
            var promo = config.ConsolidationPromos[i];
            var path = $"consolidationPromos[{i}].channel";
            if (!channels.TryGetValue(promo.Channel, out var channel))
            {
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.UnknownChannel, $"Promotion {promo.Id} names channel {promo.Channel}, which does not exist."));
            }
            else if (channel.Kind != ChannelKind.Consolidation)
            {
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.PromoNotOnConsolidation,
                    $"Promotion {promo.Id} is on {promo.Channel}, a {channel.Kind} channel; consolidation promotions need a Consolidation channel."));
            }
            else if (!channel.Enabled)
            {
                context.AddFailure(RuleBuilders.Failure(path, IssueCodes.ChannelsAllDisabled,
                    $"Promotion {promo.Id} is on {promo.Channel}, which is disabled, so it never applies.", Severity.Warning));
            }
        }

        for (var i = 0; i < config.RestrictedGoods.Count; i++)
        {
            var rule = config.RestrictedGoods[i];
            if (rule.Action == RestrictionAction.BlockChannels)
            {
                ChannelReferences(rule.Channels, $"restrictedGoods[{i}].channels", $"Restricted-goods rule {rule.Id}", channels, context);
            }
        }

        BlockedCategoryWarnings(config, context);
        OverlappingFreeShippingWarnings(config, context);
    }

    private static void Duplicates(IEnumerable<string> ids, string section, string label, ValidationContext<SiteConfiguration> context)
    {
        var all = ids.ToList();
        var counts = all.CountBy(id => id, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        for (var index = 0; index < all.Count; index++)
        {
            if (counts[all[index]] > 1)
            {
                context.AddFailure(RuleBuilders.Failure($"{section}[{index}].id", IssueCodes.DuplicateId, $"{label} id {all[index]} is used more than once."));
            }
        }
    }

    private static void ChannelReferences(
        IReadOnlyList<string> codes, string path, string label, Dictionary<string, Channel> channels, ValidationContext<SiteConfiguration> context)
    {
        var known = 0;
        var enabled = 0;
        for (var j = 0; j < codes.Count; j++)
        {
            if (!channels.TryGetValue(codes[j], out var channel))
            {
                context.AddFailure(RuleBuilders.Failure($"{path}[{j}]", IssueCodes.UnknownChannel,
                    $"{label} names channel {codes[j]}, which does not exist. Channels are {string.Join(", ", channels.Keys)}."));
                continue;
            }

            known++;
            enabled += channel.Enabled ? 1 : 0;
        }

        if (known > 0 && enabled == 0)
        {
            context.AddFailure(RuleBuilders.Failure(path, IssueCodes.ChannelsAllDisabled,
                $"{label} names only disabled channels ({string.Join(", ", codes)}), so it has no effect.", Severity.Warning));
        }
    }

    private static void BlockedCategoryWarnings(SiteConfiguration config, ValidationContext<SiteConfiguration> context)
    {
        // Only rules that block a whole category count: one that also needs an attribute or a keyword blocks a part of it.
        var blocked = config.RestrictedGoods
            .Where(r => r.Action == RestrictionAction.BlockSale && r.Match.CategoryPrefixes.Count > 0
                && r.Match.Attributes.Count == 0 && r.Match.TitleKeywords.Count == 0 && r.Match.MinUnitWeightGrams is null)
            .ToList();
        if (blocked.Count == 0)
        {
            return;
        }

        for (var i = 0; i < config.FreeShipping.Count; i++)
        {
            var rule = config.FreeShipping[i];
            for (var j = 0; j < rule.IncludeCategories.Count; j++)
            {
                var category = rule.IncludeCategories[j];
                var blocker = blocked.FirstOrDefault(b => Categories.IsUnderAny(category, b.Match.CategoryPrefixes) && Overlap(rule, b));
                if (blocker is not null)
                {
                    context.AddFailure(RuleBuilders.Failure($"freeShipping[{i}].includeCategories[{j}]", IssueCodes.FreeShippingTargetsBlockedCategory,
                        $"Free-shipping rule {rule.Id} targets {category}, but rule {blocker.Id} blocks its sale.", Severity.Warning));
                }
            }
        }
    }

    private static void OverlappingFreeShippingWarnings(SiteConfiguration config, ValidationContext<SiteConfiguration> context)
    {
        var rules = config.FreeShipping;
        var money = SiteCatalog.TryGet(config.Site, out var site) ? site.ShowMoney : (Func<decimal, string>)RuleBuilders.Show;
        for (var j = 1; j < rules.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var (a, b) = (rules[i], rules[j]);
                if (a.Threshold == b.Threshold || !Overlap(a, b))
                {
                    continue;
                }

                var shared = b.Channels.Intersect(a.Channels, StringComparer.Ordinal).ToList();
                if (shared.Count > 0)
                {
                    context.AddFailure(RuleBuilders.Failure($"freeShipping[{j}]", IssueCodes.OverlappingFreeShipping,
                        $"Free-shipping rules {a.Id} and {b.Id} both apply to {string.Join(", ", shared)} at the same time with different thresholds ({money(a.Threshold)} and {money(b.Threshold)}).",
                        Severity.Warning));
                }
            }
        }
    }

    private static bool Overlap(IHasValidity a, IHasValidity b) =>
        (a.ValidFrom is not { } aFrom || b.ValidTo is not { } bTo || aFrom < bTo)
        && (b.ValidFrom is not { } bFrom || a.ValidTo is not { } aTo || bFrom < aTo);
}
