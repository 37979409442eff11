using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Engine.Persistence;

/// <summary>
/// One kind of definition kept in one JSON file, <c>{"name": definition, ...}</c> (the shape of <c>GET /flow/json</c>),
/// rewritten whole with <see cref="AtomicFile"/> after every change. Writes run in the background and coalesce: a burst of
/// changes (a client PUTting thousands of flows) costs a few rewrites, not one per change. <see cref="FlushAsync"/> waits
/// until the file holds every change made so far.
/// </summary>
public sealed class DefinitionFile
{
    private readonly Action<string> _warn;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, JsonNode> _entries = new(StringComparer.Ordinal);
    private long _changes;
    private long _written;
    private bool _writing;
    private Task _writer = Task.CompletedTask;

    /// <param name="warn">Told about a file set aside and about failed writes; the store carries on either way.</param>
    public DefinitionFile(string path, Action<string> warn, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(warn);
        Path = System.IO.Path.GetFullPath(path);
        _warn = warn;
        _time = time ?? TimeProvider.System;
    }

    public string Path { get; }

    /// <summary>How many definitions are kept.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Reads the file and keeps what it holds, replacing anything kept before. No file means no definitions. A file that
    /// cannot be read or is not a JSON object is renamed aside (<c>flows.json.corrupt-20261126T203000123Z</c>) with a
    /// warning, and the store starts empty: a damaged file must not stop the server, nor be overwritten and lost.
    /// </summary>
    /// <returns>The definitions by name, in name order.</returns>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Load()
    {
        var loaded = Read();
        lock (_lock)
        {
            _entries.Clear();
            foreach (var (name, definition) in loaded)
            {
                _entries[name] = definition;
            }

            return [.. _entries];
        }
    }

    /// <summary>Keeps <paramref name="definition"/> (copied) under <paramref name="name"/> and schedules a write.</summary>
    public void Set(string name, JsonNode definition)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        var copy = definition.DeepClone();
        lock (_lock)
        {
            _entries[name] = copy;
            ChangedLocked();
        }
    }

    /// <summary>Forgets <paramref name="name"/> and schedules a write; false (and no write) when it was not kept.</summary>
    public bool Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            if (!_entries.Remove(name))
            {
                return false;
            }

            ChangedLocked();
            return true;
        }
    }

    /// <summary>Completes once every change made before the call is in the file (or its write has failed and been reported).</summary>
    public async Task FlushAsync()
    {
        while (true)
        {
            Task writer;
            lock (_lock)
            {
                if (_written == _changes)
                {
                    return;
                }

                writer = _writer;
            }

            await writer.ConfigureAwait(false);
        }
    }

    private void ChangedLocked()
    {
        _changes++;
        if (!_writing)
        {
            _writing = true;
            _writer = Task.Run(WriteUntilCurrent);
        }
    }

    /// <summary>Writes the latest state until no change is left unwritten; changes made meanwhile ride on the next write.</summary>
    private void WriteUntilCurrent()
    {
        while (true)
        {
            long target;
            KeyValuePair<string, JsonNode>[] snapshot;
            lock (_lock)
            {
                if (_written == _changes)
                {
                    // Cleared under the lock, so a change made after this point starts a new writer.
                    _writing = false;
                    return;
                }

                target = _changes;
                // Serialized outside the lock, so a burst of changes does not queue behind the writer: the kept nodes are
                // private copies that are replaced, never changed, so reading them meanwhile is safe.
                snapshot = [.. _entries];
            }

            try
            {
                AtomicFile.WriteAllText(Path, Serialize(snapshot));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not retried in a loop: a full or read-only disk would spin. The next change tries again.
                _warn($"{Path}: not saved: {e.Message}");
            }

            lock (_lock)
            {
                _written = target;
            }
        }
    }

    private static string Serialize(KeyValuePair<string, JsonNode>[] entries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, definition) in entries)
            {
                writer.WritePropertyName(name);
                definition.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private List<KeyValuePair<string, JsonNode>> Read()
    {
        var result = new List<KeyValuePair<string, JsonNode>>();
        if (!File.Exists(Path))
        {
            return result;
        }

        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(Path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                ?? throw new JsonException("not a JSON object");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            SetAside(e.Message);
            return result;
        }

        foreach (var (name, definition) in json)
        {
            if (string.IsNullOrEmpty(name) || definition is null)
            {
                _warn($"{Path}: '{name}' skipped: no definition");
                continue;
            }

            result.Add(new(name, definition.DeepClone()));
        }

        return result;
    }

    private void SetAside(string reason)
    {
        var aside = Path + ".corrupt-" + _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        try
        {
            File.Move(Path, aside, overwrite: false);
            _warn($"{Path}: unreadable ({reason}); moved to {aside}, starting without it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warn($"{Path}: unreadable ({reason}) and not moved aside ({e.Message}); starting without it");
        }
    }
}
