using System.Globalization;
using System.Runtime.CompilerServices;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;

namespace OpsConsole.Domain.Quoting;

/// <summary>
/// The one engine that turns a site configuration and a cart into a quote (PRODUCT.md, "Quoting a
/// cart", rules 1-10). The preview, the impact simulation and the consumer API all call it.
/// </summary>
public static class QuoteEngine
{
    // Keyed by instance: a configuration is immutable, so its compiled form lives exactly as long as it does.
    private static readonly ConditionalWeakTable<SiteConfiguration, CompiledConfiguration> CompiledByConfiguration = new();

    [ThreadStatic]
    private static Scratch? scratch;

    /// <summary>The configuration prepared for quoting, cached per instance.</summary>
    public static CompiledConfiguration Compile(SiteConfiguration config) =>
        CompiledByConfiguration.GetValue(config, static c => new CompiledConfiguration(c));

    public static Quote Quote(SiteConfiguration config, QuoteRequest request, DateTimeOffset now, int? version = null) =>
        Quote(Compile(config), request, now, version);

    public static Quote Quote(CompiledConfiguration compiled, QuoteRequest request, DateTimeOffset now, int? version = null)
    {
        var work = scratch ?? new Scratch();
        scratch = null;
        try
        {
            return Compute(compiled, request, now, version, work);
        }
        finally
        {
            scratch = work;
        }
    }

    private static Quote Compute(CompiledConfiguration compiled, QuoteRequest request, DateTimeOffset now, int? version, Scratch work)
    {
        var site = compiled.Site;

        // Rule 1: locale and time.
        var at = request.At ?? now;
        var locale = site.ResolveLocale(request.Locale);
        var defaultLocale = site.DefaultLocale;

        // Rule 2: restrictions per item; only purchasable items count from here on.
        var items = request.Items;
        var quotedItems = new QuotedItem[items.Count];
        work.Reset(items.Count);
        long totalWeight = 0;
        decimal subtotal = 0;
        var anyPurchasable = false;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var restrictions = Restrictions(compiled, item, at, locale, defaultLocale, work, out var purchasable, out var requiresId);
            quotedItems[i] = new QuotedItem(item.Sku, purchasable, requiresId, restrictions);
            work.Purchasable[i] = purchasable;
            if (purchasable)
            {
                anyPurchasable = true;
                totalWeight += (long)item.UnitWeightGrams * item.Quantity;
                subtotal += item.UnitPrice * item.Quantity;
                work.Stores.Add(item.StoreId);
                foreach (var rule in work.ItemMatches)
                {
                    if (compiled.Rules[rule].Action == RestrictionAction.BlockChannels)
                    {
                        work.Blockers.Add(rule);
                    }
                }
            }
        }

        subtotal = site.Round(subtotal);
        var storeCount = work.Stores.Count;
        SortDistinct(work.Blockers);

        // Rule 6 (the per-rule half): eligibility does not depend on the channel, so it is worked out once.
        var freeShipping = compiled.FreeShipping;
        var states = freeShipping.Length == 0 ? [] : new FreeShippingState[freeShipping.Length];
        for (var r = 0; r < freeShipping.Length; r++)
        {
            states[r] = Evaluate(freeShipping[r], request, items, work.Purchasable, at, totalWeight, site);
        }

        // Within a day of the calendar's ends the site's clock would be past them (a preview "at" of 9999-12-31 23:30):
        // such an instant is quoted a day inside them.
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(Math.Clamp(at.UtcTicks, FirstQuotableTicks, LastQuotableTicks), TimeSpan.Zero), site.TimeZone);
        var culture = CultureInfo.GetCultureInfo(locale);
        var channels = new QuotedChannel[compiled.Channels.Length];
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c] = QuoteChannel(compiled, compiled.Channels[c], request, at, local, locale, defaultLocale, culture,
                anyPurchasable, totalWeight, subtotal, storeCount, states, work);
        }

        return new Quote(site.Code, version, site.Currency, locale, quotedItems, channels);
    }

    private static IReadOnlyList<ItemRestriction> Restrictions(
        CompiledConfiguration compiled, CartItem item, DateTimeOffset at, string locale, string defaultLocale, Scratch work,
        out bool purchasable, out bool requiresId)
    {
        var candidates = work.Candidates;
        candidates.Clear();
        var attributes = item.Attributes;
        for (var a = 0; a < attributes.Count; a++)
        {
            if (compiled.RulesByAttribute.TryGetValue(attributes[a], out var rules))
            {
                candidates.AddRange(rules);
            }
        }

        var category = item.Category.AsSpan();
        var composite = compiled.RulesByAttributeAndCategory.Dictionary.Count > 0 && attributes.Count > 0;
        Span<char> key = stackalloc char[composite ? 256 : 0];
        for (var end = 1; end <= category.Length; end++)
        {
            if (end != category.Length && category[end] != '/')
            {
                continue;
            }

            var prefix = category[..end];
            if (compiled.RulesByCategory.TryGetValue(prefix, out var rules))
            {
                candidates.AddRange(rules);
            }

            if (!composite)
            {
                continue;
            }

            for (var a = 0; a < attributes.Count; a++)
            {
                var attribute = attributes[a];
                var length = attribute.Length + 1 + prefix.Length;
                var buffer = length <= key.Length ? key[..length] : new char[length];
                attribute.AsSpan().CopyTo(buffer);
                buffer[attribute.Length] = CompiledConfiguration.KeySeparator;
                prefix.CopyTo(buffer[(attribute.Length + 1)..]);
                if (compiled.RulesByAttributeAndCategory.TryGetValue(buffer, out var both))
                {
                    candidates.AddRange(both);
                }
            }
        }

        if (!compiled.KeywordRules.IsEmpty && item.Title is { Length: > 0 } title)
        {
            compiled.KeywordRules.AddCandidates(title, candidates);
        }

        candidates.AddRange(compiled.UnindexedRules);
        SortDistinct(candidates);

        var matches = work.ItemMatches;
        matches.Clear();
        purchasable = true;
        requiresId = false;
        foreach (var index in candidates)
        {
            var rule = compiled.Rules[index];
            if (!rule.IsActiveAt(at) || !Matches(rule.Match, item))
            {
                continue;
            }

            matches.Add(index);
            switch (rule.Action)
            {
                case RestrictionAction.BlockSale:
                    purchasable = false;
                    break;
                case RestrictionAction.QuantityLimit when rule.MaxQuantity is { } max && item.Quantity > max:
                    purchasable = false;
                    break;
                case RestrictionAction.RequireIdDocument:
                    requiresId = true;
                    break;
            }
        }

        if (matches.Count == 0)
        {
            return [];
        }

        var restrictions = new ItemRestriction[matches.Count];
        for (var m = 0; m < matches.Count; m++)
        {
            var rule = compiled.Rules[matches[m]];
            restrictions[m] = new ItemRestriction(
                rule.Id,
                rule.Action,
                rule.Action == RestrictionAction.BlockChannels ? rule.Channels : null,
                rule.Action == RestrictionAction.QuantityLimit ? rule.MaxQuantity : null,
                rule.Reasons.For(locale, defaultLocale) ?? rule.Name);
        }

        return restrictions;
    }

    internal static bool Matches(GoodsMatch match, CartItem item)
    {
        if (match.MinUnitWeightGrams is { } minWeight && item.UnitWeightGrams < minWeight)
        {
            return false;
        }

        if (match.CategoryPrefixes.Count > 0 && !Categories.IsUnderAny(item.Category, match.CategoryPrefixes))
        {
            return false;
        }

        if (match.Attributes.Count > 0 && !AnyAttribute(match.Attributes, item.Attributes))
        {
            return false;
        }

        return match.TitleKeywords.Count == 0 || AnyKeyword(match.TitleKeywords, item.Title);
    }

    private static bool AnyAttribute(IReadOnlyList<string> wanted, IReadOnlyList<string> present)
    {
        for (var w = 0; w < wanted.Count; w++)
        {
            for (var p = 0; p < present.Count; p++)
            {
                if (string.Equals(wanted[w], present[p], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AnyKeyword(IReadOnlyList<string> keywords, string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return false;
        }

        for (var k = 0; k < keywords.Count; k++)
        {
            if (keywords[k].Length > 0 && title.Contains(keywords[k], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static FreeShippingState Evaluate(
        FreeShippingRule rule, QuoteRequest request, IReadOnlyList<CartItem> items, bool[] purchasable, DateTimeOffset at, long totalWeight, SiteInfo site)
    {
        var applies = rule.IsActiveAt(at) && (rule.Audience == Audience.All || request.Buyer.IsNew);
        if (!applies)
        {
            return default;
        }

        decimal eligibleSubtotal = 0;
        var singleItemMet = false;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!purchasable[i]
                || (rule.IncludeCategories.Count > 0 && !Categories.IsUnderAny(item.Category, rule.IncludeCategories))
                || Categories.IsUnderAny(item.Category, rule.ExcludeCategories))
            {
                continue;
            }

            eligibleSubtotal += item.UnitPrice * item.Quantity;
            singleItemMet |= item.UnitPrice >= rule.Threshold;
        }

        eligibleSubtotal = site.Round(eligibleSubtotal);
        var withinWeight = rule.MaxWeightGrams is not { } max || totalWeight <= max;
        var met = withinWeight && (rule.Scope == FreeShippingScope.Cart ? eligibleSubtotal >= rule.Threshold : singleItemMet);
        return new FreeShippingState(true, met, withinWeight, eligibleSubtotal);
    }

    private static QuotedChannel QuoteChannel(
        CompiledConfiguration compiled, CompiledChannel compiledChannel, QuoteRequest request, DateTimeOffset at, DateTimeOffset local,
        string locale, string defaultLocale, CultureInfo culture, bool anyPurchasable, long totalWeight, decimal subtotal, int storeCount,
        FreeShippingState[] states, Scratch work)
    {
        var channel = compiledChannel.Channel;
        var site = compiled.Site;
        var name = channel.Names.For(locale, defaultLocale) ?? channel.Code;

        // Rule 3: availability.
        var reasons = Unavailability(compiled, channel, anyPurchasable, totalWeight, locale, defaultLocale, work);
        if (reasons is not null)
        {
            return new QuotedChannel(channel.Code, name, false, reasons, null, null, [], [], null, null, []);
        }

        // Rule 4: base fee.
        var rate = channel.Rate;
        long chargeable = rate.FirstWeightGrams;
        long steps = 0;
        if (totalWeight > rate.FirstWeightGrams)
        {
            var rest = totalWeight - rate.FirstWeightGrams;

            // A zero step (invalid, but a draft may be previewed) charges the rest as one step.
            var step = rate.StepWeightGrams > 0 ? rate.StepWeightGrams : rest;
            steps = (rest + step - 1) / step;
            chargeable += steps * step;
        }

        var baseFee = site.Round(rate.FirstPrice + (steps * rate.StepPrice));

        // Rule 5: surcharges, in the channel's order.
        var surcharges = Surcharges(channel, request.Destination, site);
        decimal surchargeTotal = 0;
        foreach (var surcharge in surcharges)
        {
            surchargeTotal += surcharge.Amount;
        }

        // Rule 6: free shipping; the largest discount wins, the first on a tie.
        var freeShipping = compiled.FreeShipping;
        var bestRule = -1;
        decimal freeShippingAmount = 0;
        foreach (var r in compiledChannel.FreeShippingRules)
        {
            if (states[r].Met)
            {
                var amount = baseFee + (freeShipping[r].WaivesSurcharges ? surchargeTotal : 0);
                if (bestRule < 0 || amount > freeShippingAmount)
                {
                    bestRule = r;
                    freeShippingAmount = amount;
                }
            }
        }

        // Rule 7: the consolidation promotion (the first that applies, in configuration order).
        ConsolidationPromo? promo = null;
        foreach (var candidate in compiledChannel.Promos)
        {
            if (candidate.IsActiveAt(at) && (candidate.Audience == Audience.All || request.Buyer.IsNew))
            {
                promo = candidate;
                break;
            }
        }

        decimal promoAmount = 0;
        decimal basis = 0;
        PromoTier? nextTier = null;
        if (promo is not null)
        {
            basis = promo.Basis switch
            {
                PromoBasis.StoreCount => storeCount,
                PromoBasis.WeightGrams => totalWeight,
                _ => subtotal,
            };
            PromoTier? reached = null;
            foreach (var tier in promo.Tiers)
            {
                if (tier.Min <= basis)
                {
                    if (reached is null || tier.Min > reached.Min)
                    {
                        reached = tier;
                    }
                }
                else if (nextTier is null || tier.Min < nextTier.Min)
                {
                    nextTier = tier;
                }
            }

            if (reached is not null)
            {
                // Stacked, the promotion applies to what free shipping left of the base fee; a met
                // free-shipping rule always takes the whole base fee, so that is nothing.
                var promoBase = promo.StacksWithFreeShipping && bestRule >= 0 ? 0m : baseFee;

                // Clamped for drafts that validation has not passed (a 150 % or a negative tier): the preview and the
                // impact simulation quote them, and their fee must still be the base fee less the listed discounts.
                promoAmount = Math.Clamp(site.Round(reached.Discount.Kind switch
                {
                    DiscountKind.Percent => promoBase * (reached.Discount.Value ?? 0) / 100m,
                    DiscountKind.Amount => reached.Discount.Value ?? 0,
                    _ => promoBase,
                }), 0m, Math.Max(0m, promoBase));
                if (!promo.StacksWithFreeShipping && bestRule >= 0)
                {
                    if (promoAmount > freeShippingAmount)
                    {
                        bestRule = -1;
                        freeShippingAmount = 0;
                    }
                    else
                    {
                        promoAmount = 0;
                    }
                }
            }
        }

        freeShippingAmount = site.Round(freeShippingAmount);
        var discountCount = (bestRule >= 0 && freeShippingAmount > 0 ? 1 : 0) + (promoAmount > 0 ? 1 : 0);
        var discounts = discountCount == 0 ? [] : new AppliedDiscount[discountCount];
        var d = 0;
        if (bestRule >= 0 && freeShippingAmount > 0)
        {
            discounts[d++] = new AppliedDiscount(DiscountSource.FreeShipping, freeShipping[bestRule].Id, Amounts.RoundMoney(freeShippingAmount, site.MinorUnits));
        }

        if (promoAmount > 0)
        {
            discounts[d] = new AppliedDiscount(DiscountSource.ConsolidationPromo, promo!.Id, Amounts.RoundMoney(promoAmount, site.MinorUnits));
        }

        // Rule 8: the fee.
        var fee = Amounts.RoundMoney(Math.Max(0, baseFee + surchargeTotal - freeShippingAmount - promoAmount), site.MinorUnits);

        // Rule 9: the promise.
        var promise = Promise(compiledChannel, local, locale, defaultLocale, culture, name);

        // Rule 10: nudges.
        IReadOnlyList<Nudge> nudges = fee > 0
            ? Nudges(compiled, compiledChannel, states, promo, basis, nextTier, locale, defaultLocale)
            : [];

        return new QuotedChannel(
            channel.Code,
            name,
            true,
            [],
            checked((int)chargeable),
            Amounts.RoundMoney(baseFee, site.MinorUnits),
            surcharges,
            discounts,
            fee,
            promise,
            nudges);
    }

    private static UnavailableReason[]? Unavailability(
        CompiledConfiguration compiled, Channel channel, bool anyPurchasable, long totalWeight, string locale, string defaultLocale, Scratch work)
    {
        if (!anyPurchasable)
        {
            return [new UnavailableReason(UnavailableReasonCode.NothingToShip, null, null)];
        }

        var count = 0;
        foreach (var blocker in work.Blockers)
        {
            if (compiled.Rules[blocker].Channels.Contains(channel.Code))
            {
                count++;
            }
        }

        var overweight = totalWeight > channel.Rate.MaxWeightGrams;
        if (count == 0 && !overweight)
        {
            return null;
        }

        var reasons = new UnavailableReason[count + (overweight ? 1 : 0)];
        var r = 0;
        foreach (var blocker in work.Blockers)
        {
            var rule = compiled.Rules[blocker];
            if (rule.Channels.Contains(channel.Code))
            {
                reasons[r++] = new UnavailableReason(UnavailableReasonCode.BlockedByRule, rule.Id, rule.Reasons.For(locale, defaultLocale) ?? rule.Name);
            }
        }

        if (overweight)
        {
            reasons[r] = new UnavailableReason(UnavailableReasonCode.Overweight, null, null);
        }

        return reasons;
    }

    private static AppliedSurcharge[] Surcharges(Channel channel, Destination destination, SiteInfo site)
    {
        var count = 0;
        foreach (var surcharge in channel.Surcharges)
        {
            if (Applies(surcharge, destination))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var applied = new AppliedSurcharge[count];
        var i = 0;
        foreach (var surcharge in channel.Surcharges)
        {
            if (Applies(surcharge, destination))
            {
                applied[i++] = new AppliedSurcharge(surcharge.Kind, Amounts.RoundMoney(surcharge.Amount, site.MinorUnits));
            }
        }

        return applied;
    }

    private static bool Applies(Surcharge surcharge, Destination destination)
    {
        if (surcharge.Kind == SurchargeKind.HomeDelivery)
        {
            return destination.HomeDelivery;
        }

        if (destination.Area is { Length: > 0 } area)
        {
            foreach (var listed in surcharge.Areas)
            {
                if (string.Equals(listed, area, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        if (destination.PostalCode is { Length: > 0 } postalCode)
        {
            foreach (var prefix in surcharge.PostalCodePrefixes)
            {
                if (prefix.Length > 0 && postalCode.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static DeliveryPromise Promise(
        CompiledChannel channel, DateTimeOffset local, string locale, string defaultLocale, CultureInfo culture, string channelName)
    {
        var transit = channel.Channel.Transit;
        var dispatch = DispatchDay(channel, local);
        var earliest = AddWorkingDays(channel, dispatch, transit.MinDays);
        var latest = AddWorkingDays(channel, dispatch, transit.MaxDays);
        var template = channel.Channel.PromiseTemplates.For(locale, defaultLocale) ?? string.Empty;
        var text = Template.Fill(template,
        [
            ("minDays", transit.MinDays.ToString(CultureInfo.InvariantCulture)),
            ("maxDays", transit.MaxDays.ToString(CultureInfo.InvariantCulture)),
            ("earliestDate", earliest.ToString("M", culture)),
            ("latestDate", latest.ToString("M", culture)),
            ("channelName", channelName),
        ]);
        return new DeliveryPromise(transit.MinDays, transit.MaxDays, earliest, latest, text);
    }

    private static readonly long FirstQuotableTicks = DateTime.MinValue.AddDays(1).Ticks;
    private static readonly long LastQuotableTicks = DateTime.MaxValue.AddDays(-1).Ticks;

    /// <summary>The local date, the next one at or after the cut-off, then moved forward to a working day.</summary>
    internal static DateOnly DispatchDay(CompiledChannel channel, DateTimeOffset local)
    {
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= channel.Channel.Transit.CutoffLocalTime && day < DateOnly.MaxValue)
        {
            day = day.AddDays(1);
        }

        // Stops at the calendar's last day, as AddWorkingDays does: a quote, not an exception, for any instant.
        while (!channel.IsWorkingDay(day) && day < DateOnly.MaxValue)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <remarks>
    /// Saturates at the calendar's ends instead of throwing: a draft with errors (transit days in the millions) is still
    /// quoted by the console's preview while its author corrects it, and its validation says what is wrong.
    /// </remarks>
    internal static DateOnly AddWorkingDays(CompiledChannel channel, DateOnly from, int days)
    {
        if (!channel.Channel.Transit.BusinessDays)
        {
            return DateOnly.FromDayNumber((int)Math.Clamp((long)from.DayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));
        }

        var day = from;
        for (var counted = 0; counted < days && day < DateOnly.MaxValue;)
        {
            day = day.AddDays(1);
            if (channel.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    private static Nudge[] Nudges(
        CompiledConfiguration compiled, CompiledChannel channel, FreeShippingState[] states, ConsolidationPromo? promo, decimal basis,
        PromoTier? nextTier, string locale, string defaultLocale)
    {
        var site = compiled.Site;
        var count = 0;
        foreach (var r in channel.FreeShippingRules)
        {
            if (NeedsNudge(compiled.FreeShipping[r], states[r]))
            {
                count++;
            }
        }

        if (nextTier is not null)
        {
            count++;
        }

        if (count == 0)
        {
            return [];
        }

        var nudges = new Nudge[count];
        var n = 0;
        foreach (var r in channel.FreeShippingRules)
        {
            var rule = compiled.FreeShipping[r];
            if (NeedsNudge(rule, states[r]))
            {
                var remaining = Amounts.RoundMoney(rule.Threshold - states[r].EligibleSubtotal, site.MinorUnits);
                var text = Template.Fill(rule.NudgeTemplates.For(locale, defaultLocale) ?? string.Empty,
                [
                    ("remaining", site.FormatMoney(remaining)),
                    ("threshold", site.FormatMoney(rule.Threshold)),
                ]);
                nudges[n++] = new Nudge(DiscountSource.FreeShipping, rule.Id, remaining, text);
            }
        }

        if (nextTier is not null)
        {
            var isMoney = promo!.Basis == PromoBasis.Subtotal;
            var remaining = isMoney ? Amounts.RoundMoney(nextTier.Min - basis, site.MinorUnits) : Math.Ceiling(nextTier.Min - basis);
            var text = Template.Fill(promo.NudgeTemplates.For(locale, defaultLocale) ?? string.Empty,
            [
                ("remaining", isMoney ? site.FormatMoney(remaining) : WholeNumber(remaining)),
                ("nextTierMin", isMoney ? site.FormatMoney(nextTier.Min) : WholeNumber(nextTier.Min)),
            ]);
            nudges[n] = new Nudge(DiscountSource.ConsolidationPromo, promo.Id, isMoney ? remaining : Amounts.Trim(remaining), text);
        }

        return nudges;
    }

    private static bool NeedsNudge(FreeShippingRule rule, FreeShippingState state) =>
        state.Applies && !state.Met && state.WithinWeight && rule.Scope == FreeShippingScope.Cart;

    private static string WholeNumber(decimal value) => Math.Ceiling(value).ToString("#,##0", CultureInfo.InvariantCulture);

    private static void SortDistinct(List<int> values)
    {
        if (values.Count < 2)
        {
            return;
        }

        values.Sort();
        var write = 1;
        for (var read = 1; read < values.Count; read++)
        {
            if (values[read] != values[write - 1])
            {
                values[write++] = values[read];
            }
        }

        values.RemoveRange(write, values.Count - write);
    }

    private readonly record struct FreeShippingState(bool Applies, bool Met, bool WithinWeight, decimal EligibleSubtotal);

    /// <summary>Per-thread working lists, so a quote allocates only what it returns.</summary>
    private sealed class Scratch
    {
        public List<int> Candidates { get; } = new(64);

        public List<int> ItemMatches { get; } = new(16);

        public List<int> Blockers { get; } = new(16);

        public HashSet<string> Stores { get; } = new(StringComparer.Ordinal);

        public bool[] Purchasable { get; private set; } = new bool[32];

        public void Reset(int itemCount)
        {
            Blockers.Clear();
            Stores.Clear();
            if (Purchasable.Length < itemCount)
            {
                Purchasable = new bool[itemCount];
            }
        }
    }
}
