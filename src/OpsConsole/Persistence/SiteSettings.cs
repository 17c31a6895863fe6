namespace OpsConsole.Persistence;

/// <summary>What operations may tune per site; the fixed site facts live in the domain's SiteCatalog.</summary>
public sealed class SiteSettings
{
    public const int MinApprovals = 1;

    /// <summary>Sites have few approvers: a larger number would leave restricted-goods changes unpublishable.</summary>
    public const int MaxApprovals = 3;

    public required string Code { get; init; }

    /// <summary>
    /// Approvals a change needs when it touches restricted goods (PRODUCT.md: two by default); administrators set it
    /// on the Administration page (ChangeRequestService.SetRestrictedGoodsApprovalsAsync).
    /// </summary>
    public int ApprovalsForRestrictedGoods { get; set; } = 2;
}
