using System.Diagnostics;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// What discovery learned about one agent's SNMP engine (RFC 3414 §4): its engineID, the user's keys localized to it,
/// and its boots/time, which advance with our clock between syncs so requests stay inside the 150 s time window.
/// </summary>
internal sealed class UsmEngine(byte[] engineId, byte[]? authKey, byte[]? privKey)
{
    private readonly Lock _lock = new();
    private uint _boots;
    private uint _time;
    private long _syncedAt = Stopwatch.GetTimestamp();

    public byte[] EngineId { get; } = engineId;

    public byte[]? AuthKey { get; } = authKey;

    public byte[]? PrivKey { get; } = privKey;

    public long SyncedAt
    {
        get
        {
            lock (_lock)
            {
                return _syncedAt;
            }
        }
    }

    public void Sync(uint boots, uint time)
    {
        lock (_lock)
        {
            (_boots, _time, _syncedAt) = (boots, time, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The agent's boots and time now, as far as we can tell.</summary>
    public (uint Boots, uint Time) Clock()
    {
        lock (_lock)
        {
            var elapsed = (uint)Math.Min(Stopwatch.GetElapsedTime(_syncedAt).TotalSeconds, int.MaxValue);
            return (_boots, (uint)Math.Min((long)_time + elapsed, int.MaxValue));
        }
    }
}
