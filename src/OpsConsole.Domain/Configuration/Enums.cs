namespace OpsConsole.Domain.Configuration;

// Declaration order matters for ChannelKind: it is the first key of the configuration order of
// channels (see SiteConfiguration), so the buyer sees standard before express before consolidation.
public enum ChannelKind
{
    DirectStandard,
    DirectExpress,
    Consolidation,
    LocalPickup,
}

public enum SurchargeKind
{
    RemoteArea,
    HomeDelivery,
}

public enum FreeShippingScope
{
    Cart,
    SingleItem,
}

public enum Audience
{
    All,
    NewBuyers,
}

public enum PromoBasis
{
    StoreCount,
    WeightGrams,
    Subtotal,
}

public enum DiscountKind
{
    Percent,
    Amount,
    Free,
}

public enum RestrictionAction
{
    BlockSale,
    BlockChannels,
    QuantityLimit,
    RequireIdDocument,
}
