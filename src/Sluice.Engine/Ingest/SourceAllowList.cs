using Sluice.Engine.Forwarding;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// <c>sflow.allow</c>: passes on datagrams whose UDP source address lies in one of the prefixes and counts and drops
/// the rest before they are queued or decoded. The source is checked, not the agent address inside the datagram:
/// that is the sender's own claim. A loop over a small array of masks, so the hot path allocates nothing.
/// </summary>
internal sealed class SourceAllowList : IDatagramSink
{
    private readonly AddressBlock[] _allowed;
    private readonly IDatagramSink _next;
    private long _rejected;

    public SourceAllowList(IReadOnlyList<AddressBlock> allowed, IDatagramSink next)
    {
        _allowed = [.. allowed];
        _next = next;
    }

    /// <summary>Datagrams dropped because their source is not allowed.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        var address = source.Bytes;
        foreach (var block in _allowed)
        {
            if (block.Contains(address))
            {
                return _next.Submit(datagram, source, receivedUnixMs);
            }
        }

        // Only the receiver thread counts, but readers on other threads see it through Volatile.
        Volatile.Write(ref _rejected, _rejected + 1);
        return false;
    }
}
