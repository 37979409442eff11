using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Where raw sFlow datagrams enter the engine: the UDP receiver, pcap replay and the in-process demo
/// agents all submit here. Implementations copy the bytes before returning, so callers may reuse buffers.
/// </summary>
public interface IDatagramSink
{
    /// <summary>Hands one datagram to the engine; false if it was dropped (its queue was full) and counted.</summary>
    bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs);
}
