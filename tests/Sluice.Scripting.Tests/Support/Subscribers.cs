namespace Sluice.Scripting.Tests.Support;

/// <summary>Subscriptions filtered by name, as the engine's flow log and event log keep them.</summary>
internal sealed class Subscribers<T>
{
    private readonly Lock _lock = new();
    private readonly List<(HashSet<string>? Names, Action<T> Deliver)> _list = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _list.Count;
            }
        }
    }

    public IDisposable Add(IReadOnlyCollection<string>? names, Action<T> deliver)
    {
        var entry = (names is null ? null : new HashSet<string>(names, StringComparer.Ordinal), deliver);
        lock (_lock)
        {
            _list.Add(entry);
        }

        return new Unsubscribe(() =>
        {
            lock (_lock)
            {
                _list.Remove(entry);
            }
        });
    }

    public void Publish(string name, T item)
    {
        (HashSet<string>? Names, Action<T> Deliver)[] current;
        lock (_lock)
        {
            current = [.. _list];
        }

        foreach (var (names, deliver) in current)
        {
            if (names is null || names.Contains(name))
            {
                deliver(item);
            }
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
