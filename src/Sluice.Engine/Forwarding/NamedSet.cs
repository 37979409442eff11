namespace Sluice.Engine.Forwarding;

/// <summary>
/// Named entries replaced whole on every change (copy on write), so the workers read the current array with one
/// volatile read and no lock while REST adds and removes.
/// </summary>
internal sealed class NamedSet<T>
    where T : class
{
    private readonly Func<T, string> _name;
    private readonly Lock _lock = new();
    private T[] _items = [];

    public NamedSet(Func<T, string> name)
    {
        _name = name;
    }

    public T[] Current => Volatile.Read(ref _items);

    /// <summary>Every entry, in name order.</summary>
    public IReadOnlyList<T> Sorted
    {
        get
        {
            var all = Current.ToArray();
            Array.Sort(all, (a, b) => string.CompareOrdinal(_name(a), _name(b)));
            return all;
        }
    }

    public T? Get(string name)
    {
        foreach (var item in Current)
        {
            if (_name(item) == name)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>Adds or replaces the entry of the same name.</summary>
    /// <exception cref="ForwardingDeniedException">Adding would make more than <paramref name="limit"/> entries.</exception>
    public void Set(T item, int limit, string limitMessage)
    {
        var name = _name(item);
        lock (_lock)
        {
            var others = Array.FindAll(_items, i => _name(i) != name);
            if (others.Length >= limit)
            {
                throw new ForwardingDeniedException(limitMessage);
            }

            Volatile.Write(ref _items, [.. others, item]);
        }
    }

    public bool Remove(string name)
    {
        lock (_lock)
        {
            var others = Array.FindAll(_items, i => _name(i) != name);
            if (others.Length == _items.Length)
            {
                return false;
            }

            Volatile.Write(ref _items, others);
            return true;
        }
    }
}
