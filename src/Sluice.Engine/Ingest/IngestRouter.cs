using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Sends each datagram to the shard that owns its agent: the agent address in the sFlow header (not the UDP
/// source, which a relay or NAT may share between agents) picks the shard.
/// </summary>
internal sealed class IngestRouter : IDatagramSink
{
    private readonly Shard[] _shards;

    public IngestRouter(Shard[] shards)
    {
        _shards = shards;
    }

    public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        var key = SflowDecoder.TryReadHeader(datagram, out var header) ? header.Agent : source;
        var shard = _shards[(int)((uint)key.GetHashCode() % (uint)_shards.Length)];
        return shard.Submit(datagram, source, receivedUnixMs);
    }
}
