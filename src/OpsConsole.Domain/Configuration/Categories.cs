namespace OpsConsole.Domain.Configuration;

/// <summary>Category paths are slash-separated; a prefix matches its own path and every path below it.</summary>
public static class Categories
{
    public static bool IsUnder(string category, string prefix) => IsUnder(category.AsSpan(), prefix.AsSpan());

    public static bool IsUnder(ReadOnlySpan<char> category, ReadOnlySpan<char> prefix)
    {
        prefix = prefix.TrimEnd('/');
        if (prefix.IsEmpty)
        {
            return false;
        }

        return category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (category.Length == prefix.Length || category[prefix.Length] == '/');
    }

    public static bool IsUnderAny(string category, IReadOnlyList<string> prefixes)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (IsUnder(category, prefixes[i]))
            {
                return true;
            }
        }

        return false;
    }
}
