using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Scripting.Hosting;

/// <summary>
/// <c>storeGet</c>/<c>storeSet</c> for one app: key → JSON value, kept in <c>&lt;store dir&gt;/&lt;app&gt;.json</c> and
/// rewritten whole (to a temporary file, flushed, then renamed) on every set, so a crash leaves the old or the new file.
/// </summary>
public sealed class PersistentStore
{
    /// <summary>Keys one app may keep.</summary>
    public const int MaxKeys = 100_000;

    private readonly string _file;
    private readonly Lock _lock = new();
    private JsonObject? _values;

    public PersistentStore(string file)
    {
        _file = file;
    }

    /// <summary>The JSON text stored under <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        lock (_lock)
        {
            return Values().TryGetPropertyValue(key, out var node) && node is not null ? node.ToJsonString() : null;
        }
    }

    /// <summary>Stores <paramref name="json"/> under <paramref name="key"/>; null removes the key.</summary>
    /// <exception cref="IOException">The store file cannot be written, or the store is full.</exception>
    public void Set(string key, string? json)
    {
        lock (_lock)
        {
            var values = Values();
            if (json is not null && values.Count >= MaxKeys && !values.ContainsKey(key))
            {
                throw new IOException($"the store is full ({MaxKeys} keys)");
            }

            if (json is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = JsonNode.Parse(json);
            }

            Sluice.Engine.Persistence.AtomicFile.WriteAllText(_file, values.ToJsonString());
        }
    }

    private JsonObject Values()
    {
        if (_values is null)
        {
            try
            {
                _values = File.Exists(_file) ? JsonNode.Parse(File.ReadAllText(_file)) as JsonObject ?? [] : [];
            }
            catch (JsonException)
            {
                // A damaged store starts empty rather than stopping the app; the next set rewrites it.
                _values = [];
            }
        }

        return _values;
    }
}
