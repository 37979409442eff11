using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>
/// The sampled_header flow record (sFlow v5 tag 0:1), read without copying: the engine's hot path
/// uses this instead of the generic record layout.
/// </summary>
public readonly ref struct SampledHeader
{
    private SampledHeader(uint protocol, uint frameLength, uint stripped, ReadOnlySpan<byte> header)
    {
        Protocol = protocol;
        FrameLength = frameLength;
        Stripped = stripped;
        Header = header;
    }

    /// <summary>sFlow header_protocol: 1 Ethernet, 11 IPv4, 12 IPv6, ...</summary>
    public uint Protocol { get; }

    /// <summary>Length of the original frame, including any bytes stripped before sampling.</summary>
    public uint FrameLength { get; }

    /// <summary>Bytes removed from the frame before sampling (e.g. the 4-byte FCS); 0 for v2/v4.</summary>
    public uint Stripped { get; }

    /// <summary>The sampled bytes of the frame.</summary>
    public ReadOnlySpan<byte> Header { get; }

    public static bool TryRead(in SflowRecord record, out SampledHeader value)
    {
        var reader = new SflowReader(record.Body);
        uint stripped = 0;
        if (!reader.TryReadUInt32(out var protocol) || !reader.TryReadUInt32(out var frameLength)
            || (record.Version >= 5 && !reader.TryReadUInt32(out stripped))
            || !reader.TryReadOpaque(out var header))
        {
            value = default;
            return false;
        }

        value = new SampledHeader(protocol, frameLength, stripped, header);
        return true;
    }
}
