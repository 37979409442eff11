using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>What a shard worker does with each datagram it takes off its <see cref="DatagramRing"/>.</summary>
internal interface IDatagramHandler
{
    void Handle(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs);
}
