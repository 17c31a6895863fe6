using System.Collections;
using System.Runtime.CompilerServices;

namespace OpsConsole.Domain.Configuration;

/// <summary>
/// An immutable list compared by its elements, so that records holding lists (channels, rules, tiers)
/// get value equality: the diff, the merge and the tests compare configurations by content.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] items;

    public static ValueList<T> Empty { get; } = new([]);

    internal ValueList(T[] items) => this.items = items;

    public int Count => items.Length;

    public T this[int index] => items[index];

    public ReadOnlySpan<T> AsSpan() => items;

    /// <summary>Element equality by <see cref="EqualityComparer{T}.Default"/> (ordinal for strings), without LINQ's enumerator.</summary>
    public bool Contains(T item) => Array.IndexOf(items, item) >= 0;

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.items.Length != items.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < items.Length; i++)
        {
            if (!comparer.Equals(items[i], other.items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public ArraySegment<T>.Enumerator GetEnumerator() => new ArraySegment<T>(items).GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", items) + "]";

    public static implicit operator ValueList<T>(T[] items) => ValueList.From(items);

    public static implicit operator ValueList<T>(List<T> items) => ValueList.From(items);

    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !(left == right);
}

public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? ValueList<T>.Empty : new(items.ToArray());

    public static ValueList<T> From<T>(IEnumerable<T>? items) => items switch
    {
        null => ValueList<T>.Empty,
        ValueList<T> list => list,
        _ => Create<T>([.. items]),
    };

    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => From(items);
}
