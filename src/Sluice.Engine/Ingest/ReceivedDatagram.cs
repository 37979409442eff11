using System.Buffers;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// One datagram waiting in a shard's queue: a pooled copy of its bytes (returned by the worker once decoded),
/// where it came from and when.
/// </summary>
internal readonly record struct ReceivedDatagram(byte[] Buffer, int Length, SflowAddress Source, long ReceivedUnixMs)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);

    public static ReceivedDatagram Copy(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer);
        return new ReceivedDatagram(buffer, datagram.Length, source, receivedUnixMs);
    }

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
