using OpsConsole.Domain.Configuration;

namespace OpsConsole.Domain.Quoting;

/// <summary>
/// What a change would do to many carts at once: each cart is quoted against the configuration before and after the
/// change by <see cref="QuoteEngine"/>, and the buyer is assumed to take the cheapest available channel (the first in
/// configuration order on a tie). Carts are added one at a time, so a caller can show progress and stop between them;
/// <see cref="Report"/> can be read at any point.
/// </summary>
public sealed class ImpactSimulation
{
    private readonly CompiledConfiguration before;
    private readonly CompiledConfiguration after;
    private readonly DateTimeOffset now;
    private readonly int largestKept;
    private readonly Dictionary<string, ChannelTally> channels = new(StringComparer.Ordinal);
    private readonly Dictionary<(DiscountSource Kind, string RuleId), RuleTally> rules = [];
    private readonly List<CartChange> largest = [];
    private int carts;
    private int cartsQuotedDifferently;
    private int unshippableBefore;
    private int unshippableAfter;
    private int choiceChanged;
    private int feeUp;
    private int feeDown;
    private int itemsNoLongerPurchasable;
    private int itemsNowPurchasable;
    private int itemsNowNeedingId;
    private decimal revenueBefore;
    private decimal revenueAfter;

    /// <param name="largestKept">How many of the carts whose chosen fee changed most the report lists.</param>
    public ImpactSimulation(SiteConfiguration before, SiteConfiguration after, DateTimeOffset now, int largestKept = 5)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentOutOfRangeException.ThrowIfNegative(largestKept);
        if (!string.Equals(before.Site, after.Site, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Both configurations must be of one site, not {before.Site} and {after.Site}.", nameof(after));
        }

        this.before = QuoteEngine.Compile(before);
        this.after = QuoteEngine.Compile(after);
        this.now = now;
        this.largestKept = largestKept;

        // Every channel and rule of either side is listed, in the draft's order then the release's, even when no cart reaches it.
        foreach (var channel in after.Channels.Concat(before.Channels).Where(c => c.Enabled))
        {
            channels.TryAdd(channel.Code, new ChannelTally(channels.Count));
        }

        foreach (var key in after.FreeShipping.Concat(before.FreeShipping).Select(r => (DiscountSource.FreeShipping, r.Id))
                     .Concat(after.ConsolidationPromos.Concat(before.ConsolidationPromos).Select(p => (DiscountSource.ConsolidationPromo, p.Id))))
        {
            rules.TryAdd(key, new RuleTally(rules.Count));
        }
    }

    /// <summary>Carts added so far.</summary>
    public int Carts => carts;

    /// <summary>Quotes one cart on both sides and counts what differs.</summary>
    public void Add(QuoteRequest cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var quoteBefore = QuoteEngine.Quote(before, cart, now);
        var quoteAfter = QuoteEngine.Quote(after, cart, now);
        var index = carts++;

        if (!QuotesAlike(quoteBefore, quoteAfter))
        {
            cartsQuotedDifferently++;
        }

        for (var i = 0; i < quoteBefore.Items.Count; i++)
        {
            var (was, becomes) = (quoteBefore.Items[i], quoteAfter.Items[i]);
            if (was.Purchasable && !becomes.Purchasable)
            {
                itemsNoLongerPurchasable++;
            }
            else if (!was.Purchasable && becomes.Purchasable)
            {
                itemsNowPurchasable++;
            }

            if (becomes.Purchasable && becomes.RequiresIdDocument && !(was.Purchasable && was.RequiresIdDocument))
            {
                itemsNowNeedingId++;
            }
        }

        Tally(quoteBefore, before: true);
        Tally(quoteAfter, before: false);
        var chosenBefore = Cheapest(quoteBefore);
        var chosenAfter = Cheapest(quoteAfter);
        revenueBefore += chosenBefore?.Fee ?? 0;
        revenueAfter += chosenAfter?.Fee ?? 0;
        unshippableBefore += chosenBefore is null ? 1 : 0;
        unshippableAfter += chosenAfter is null ? 1 : 0;
        if (!string.Equals(chosenBefore?.Code, chosenAfter?.Code, StringComparison.Ordinal))
        {
            choiceChanged++;
        }

        if (chosenBefore?.Fee is { } feeBefore && chosenAfter?.Fee is { } feeAfter)
        {
            feeUp += feeAfter > feeBefore ? 1 : 0;
            feeDown += feeAfter < feeBefore ? 1 : 0;
        }

        var change = new CartChange(index, chosenBefore?.Code, chosenBefore?.Fee, chosenAfter?.Code, chosenAfter?.Fee);
        if (largestKept > 0 && (change.ShippableChanged || change.FeeDifference != 0))
        {
            Keep(change);
        }
    }

    /// <summary>What the carts added so far show.</summary>
    public ImpactReport Report() => new(
        carts,
        cartsQuotedDifferently,
        revenueBefore,
        revenueAfter,
        unshippableBefore,
        unshippableAfter,
        choiceChanged,
        feeUp,
        feeDown,
        itemsNoLongerPurchasable,
        itemsNowPurchasable,
        itemsNowNeedingId,
        [.. channels.OrderBy(c => c.Value.Order).Select(c => c.Value.ToImpact(c.Key))],
        [.. rules.OrderBy(r => r.Value.Order).Select(r => new RuleSpend(r.Key.Kind, r.Key.RuleId, r.Value.SpendBefore, r.Value.SpendAfter))],
        [.. largest]);

    /// <summary>Runs a whole sample at once.</summary>
    public static ImpactReport Run(SiteConfiguration before, SiteConfiguration after, IEnumerable<QuoteRequest> carts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(carts);
        var simulation = new ImpactSimulation(before, after, now);
        foreach (var cart in carts)
        {
            simulation.Add(cart);
        }

        return simulation.Report();
    }

    /// <summary>The channel a buyer who pays least would take: lowest fee, the first in order on a tie; null when none is available.</summary>
    public static QuotedChannel? Cheapest(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        QuotedChannel? cheapest = null;
        foreach (var channel in quote.Channels)
        {
            if (channel is { Available: true, Fee: { } fee } && (cheapest is null || fee < cheapest.Fee))
            {
                cheapest = channel;
            }
        }

        return cheapest;
    }

    private void Tally(Quote quote, bool before)
    {
        var chosen = Cheapest(quote);
        foreach (var channel in quote.Channels)
        {
            if (!channels.TryGetValue(channel.Code, out var tally) || !channel.Available)
            {
                continue;
            }

            tally.Count(before, channel.Fee ?? 0, ReferenceEquals(channel, chosen));
        }

        // Discounts count as spent only on the channel the buyer takes.
        foreach (var discount in chosen?.Discounts ?? [])
        {
            if (rules.TryGetValue((discount.Kind, discount.RuleId), out var rule))
            {
                rule.Spend(before, discount.Amount);
            }
        }
    }

    private void Keep(CartChange change)
    {
        // A short list kept sorted, largest first; the earlier cart stays ahead on a tie so the list does not depend on timing.
        var at = largest.FindIndex(kept => Outranks(change, kept));
        if (at < 0)
        {
            if (largest.Count < largestKept)
            {
                largest.Add(change);
            }

            return;
        }

        largest.Insert(at, change);
        if (largest.Count > largestKept)
        {
            largest.RemoveAt(largest.Count - 1);
        }
    }

    /// <summary>A cart that became (un)shippable matters more than any fee difference; then the larger difference.</summary>
    private static bool Outranks(CartChange a, CartChange b) =>
        a.ShippableChanged != b.ShippableChanged ? a.ShippableChanged : Math.Abs(a.FeeDifference) > Math.Abs(b.FeeDifference);

    /// <summary>Whether a buyer would see the same thing: items, and per channel availability, fee, discounts, promise and nudges.</summary>
    private static bool QuotesAlike(Quote a, Quote b)
    {
        if (a.Channels.Count != b.Channels.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Items.Count; i++)
        {
            var (x, y) = (a.Items[i], b.Items[i]);
            if (x.Purchasable != y.Purchasable || x.RequiresIdDocument != y.RequiresIdDocument
                || !x.Restrictions.Select(r => r.RuleId).SequenceEqual(y.Restrictions.Select(r => r.RuleId), StringComparer.Ordinal))
            {
                return false;
            }
        }

        for (var i = 0; i < a.Channels.Count; i++)
        {
            var (x, y) = (a.Channels[i], b.Channels[i]);
            if (x.Code != y.Code || x.Available != y.Available || x.Fee != y.Fee
                || !string.Equals(x.Promise?.Text, y.Promise?.Text, StringComparison.Ordinal)
                || !x.Discounts.Select(d => (d.Kind, d.RuleId, d.Amount)).SequenceEqual(y.Discounts.Select(d => (d.Kind, d.RuleId, d.Amount)))
                || !x.Nudges.Select(n => n.Text).SequenceEqual(y.Nudges.Select(n => n.Text), StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class ChannelTally(int order)
    {
        private int availableBefore;
        private int availableAfter;
        private int chosenBefore;
        private int chosenAfter;
        private decimal feesBefore;
        private decimal feesAfter;

        public int Order { get; } = order;

        public void Count(bool before, decimal fee, bool chosen)
        {
            if (before)
            {
                availableBefore++;
                feesBefore += fee;
                chosenBefore += chosen ? 1 : 0;
            }
            else
            {
                availableAfter++;
                feesAfter += fee;
                chosenAfter += chosen ? 1 : 0;
            }
        }

        public ChannelImpact ToImpact(string code) => new(code, availableBefore, availableAfter, chosenBefore, chosenAfter, feesBefore, feesAfter);
    }

    private sealed class RuleTally(int order)
    {
        public int Order { get; } = order;

        public decimal SpendBefore { get; private set; }

        public decimal SpendAfter { get; private set; }

        public void Spend(bool before, decimal amount)
        {
            if (before)
            {
                SpendBefore += amount;
            }
            else
            {
                SpendAfter += amount;
            }
        }
    }
}

/// <summary>
/// A sample of carts quoted before and after a change. Revenue is what buyers pay for shipping, each cart on its cheapest
/// available channel; a cart with no available channel pays nothing and counts as unshippable.
/// </summary>
public sealed record ImpactReport(
    int Carts,
    int CartsQuotedDifferently,
    decimal RevenueBefore,
    decimal RevenueAfter,
    int UnshippableBefore,
    int UnshippableAfter,
    int ChoiceChanged,
    int FeeUp,
    int FeeDown,
    int ItemsNoLongerPurchasable,
    int ItemsNowPurchasable,
    int ItemsNowNeedingId,
    IReadOnlyList<ChannelImpact> Channels,
    IReadOnlyList<RuleSpend> Rules,
    IReadOnlyList<CartChange> LargestChanges)
{
    /// <summary>PRODUCT.md: the business keeps logistics profit and loss within ±3%.</summary>
    public const decimal LogisticsTolerancePercent = 3m;

    /// <summary>The change in revenue as a percentage of the revenue before; null when there was none before.</summary>
    public decimal? RevenueChangePercent => RevenueBefore == 0 ? null : (RevenueAfter - RevenueBefore) * 100m / RevenueBefore;

    /// <summary>Whether revenue moves by no more than <see cref="LogisticsTolerancePercent"/> (true when there was none before).</summary>
    public bool WithinLogisticsTolerance => RevenueChangePercent is not { } change || Math.Abs(change) <= LogisticsTolerancePercent;
}

/// <summary>One enabled channel over the sample: how often it was available, how often it was the cheapest, and its fees.</summary>
public sealed record ChannelImpact(string Code, int AvailableBefore, int AvailableAfter, int ChosenBefore, int ChosenAfter, decimal FeesBefore, decimal FeesAfter)
{
    public decimal? MeanFeeBefore => AvailableBefore == 0 ? null : FeesBefore / AvailableBefore;

    public decimal? MeanFeeAfter => AvailableAfter == 0 ? null : FeesAfter / AvailableAfter;
}

/// <summary>What a free-shipping rule or consolidation promotion gave away over the sample, on the channels buyers took.</summary>
public sealed record RuleSpend(DiscountSource Kind, string RuleId, decimal SpendBefore, decimal SpendAfter);

/// <summary>One cart's cheapest channel and fee on each side; <see cref="CartIndex"/> is its place in the sample.</summary>
public sealed record CartChange(int CartIndex, string? ChannelBefore, decimal? FeeBefore, string? ChannelAfter, decimal? FeeAfter)
{
    /// <summary>True when the cart could be shipped on one side only.</summary>
    public bool ShippableChanged => ChannelBefore is null != ChannelAfter is null;

    /// <summary>The fee after less the fee before (a side without a channel counts as nothing paid).</summary>
    public decimal FeeDifference => (FeeAfter ?? 0) - (FeeBefore ?? 0);
}
