namespace OpsConsole.Domain.Validation;

/// <summary>One finding, named by the path of the field in the configuration JSON (<c>channels[1].rate.stepPrice</c>).</summary>
public sealed record ValidationIssue(string Path, string Code, string Message);

/// <summary>Errors block a submission; warnings are shown to the approver, who must acknowledge them.</summary>
public sealed record ValidationReport(IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The codes of the findings, for callers that react to one in particular.</summary>
public static class IssueCodes
{
    public const string Required = "Required";
    public const string UnknownSite = "UnknownSite";
    public const string InvalidCode = "InvalidCode";
    public const string DuplicateCode = "DuplicateCode";
    public const string DuplicateId = "DuplicateId";
    public const string UnknownChannel = "UnknownChannel";
    public const string TooManyDecimals = "TooManyDecimals";
    public const string OutOfRange = "OutOfRange";
    public const string MissingLocale = "MissingLocale";
    public const string UnknownLocale = "UnknownLocale";
    public const string UnknownPlaceholder = "UnknownPlaceholder";
    public const string TiersNotRising = "TiersNotRising";
    public const string DiscountFalling = "DiscountFalling";
    public const string InvertedWindow = "InvertedWindow";
    public const string EmptyWindow = "EmptyWindow";
    public const string PromoNotOnConsolidation = "PromoNotOnConsolidation";
    public const string MissingMaxQuantity = "MissingMaxQuantity";
    public const string MissingChannels = "MissingChannels";
    public const string EmptyMatch = "EmptyMatch";
    public const string RemoteAreaWithoutAreas = "RemoteAreaWithoutAreas";
    public const string InvalidCategory = "InvalidCategory";
    public const string ChannelsAllDisabled = "ChannelsAllDisabled";
    public const string FreeShippingTargetsBlockedCategory = "FreeShippingTargetsBlockedCategory";
    public const string OverlappingFreeShipping = "OverlappingFreeShipping";
    public const string UnknownAttribute = "UnknownAttribute";
    public const string IgnoredField = "IgnoredField";
    public const string NoEnabledChannel = "NoEnabledChannel";
    public const string NotOneLine = "NotOneLine";
    public const string InvisibleCharacter = "InvisibleCharacter";
}
