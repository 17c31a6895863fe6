namespace OpsConsole.Persistence;

/// <summary>What operations may tune per site; the fixed site facts live in the domain's SiteCatalog.</summary>
public sealed class SiteSettings
{
    public required string Code { get; init; }

    /// <summary>Approvals a change needs when it touches restricted goods (PRODUCT.md: two by default).</summary>
    public int ApprovalsForRestrictedGoods { get; set; } = 2;
}
