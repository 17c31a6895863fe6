using System.Text.RegularExpressions;

namespace OpsConsole.Tests.Infrastructure;

/// <summary>How the language tests tell a translated text from one left in English.</summary>
internal static partial class Scripts
{
    /// <summary>Any Chinese character.</summary>
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    public static partial Regex Chinese();
}
