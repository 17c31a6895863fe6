using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OpsConsole.Domain.Configuration;

/// <summary>
/// Texts per locale (names, promise and nudge templates, reasons). Keys are kept in ordinal order so
/// that equality, hashing and the canonical JSON never depend on the order they were written in.
/// </summary>
public sealed class LocalizedText : IReadOnlyDictionary<string, string>, IEquatable<LocalizedText>
{
    private readonly KeyValuePair<string, string>[] entries;

    public static LocalizedText Empty { get; } = new([]);

    private LocalizedText(KeyValuePair<string, string>[] entries) => this.entries = entries;

    public static LocalizedText From(IEnumerable<KeyValuePair<string, string>>? entries)
    {
        if (entries is null)
        {
            return Empty;
        }

        if (entries is LocalizedText text)
        {
            return text;
        }

        var byLocale = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (locale, value) in entries)
        {
            byLocale[locale] = value;
        }

        var sorted = byLocale.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return sorted.Length == 0 ? Empty : new(sorted);
    }

    public static LocalizedText Of(params (string Locale, string Text)[] entries) =>
        From(entries.Select(e => KeyValuePair.Create(e.Locale, e.Text)));

    public int Count => entries.Length;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<string> Values => entries.Select(e => e.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No text for locale '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The text of the locale, else of the fallback locale, else null.</summary>
    public string? For(string locale, string fallbackLocale) =>
        TryGetValue(locale, out var text) || TryGetValue(fallbackLocale, out text) ? text : null;

    public bool Equals(LocalizedText? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.entries.Length != entries.Length)
        {
            return false;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (!string.Equals(entries[i].Key, other.entries[i].Key, StringComparison.Ordinal)
                || !string.Equals(entries[i].Value, other.entries[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in entries)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value}")) + "}";

    public static bool operator ==(LocalizedText? left, LocalizedText? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(LocalizedText? left, LocalizedText? right) => !(left == right);
}
