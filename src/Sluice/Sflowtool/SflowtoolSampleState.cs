using Sluice.Sflow.Datagrams;

namespace Sluice.Sflowtool;

/// <summary>
/// What sflowtool remembers about one sample while decoding it (its <c>SFSample.s</c>), for the outputs that are
/// written at the end of a sample: <c>-l</c>, <c>-t</c>/<c>-T</c>, <c>-H</c> and the VLAN filter. Reused from
/// datagram to datagram.
/// </summary>
internal sealed class SflowtoolSampleState
{
    private byte[] _header = new byte[256];

    public SampleKind Kind { get; set; }

    public uint InputPort { get; set; }

    public uint OutputPort { get; set; }

    public uint MeanSkipCount { get; set; }

    public byte[] EthSource { get; } = new byte[6];

    public byte[] EthDestination { get; } = new byte[6];

    public uint EthType { get; set; }

    public uint InVlan { get; set; }

    public uint OutVlan { get; set; }

    /// <summary>Source IP: 4 or 16 bytes used, <see cref="IpSourceLength"/> 0 when unset (printed <c>-</c>).</summary>
    public byte[] IpSource { get; } = new byte[16];

    public int IpSourceLength { get; set; }

    public byte[] IpDestination { get; } = new byte[16];

    public int IpDestinationLength { get; set; }

    public uint IpProtocol { get; set; }

    public uint IpTos { get; set; }

    public uint IpTtl { get; set; }

    public uint SourcePort { get; set; }

    public uint DestinationPort { get; set; }

    public uint TcpFlags { get; set; }

    public uint SampledPacketSize { get; set; }

    public uint Stripped { get; set; }

    public int OffsetToIPv4 { get; set; }

    /// <summary>Where the L4 payload starts in the header; 0 when unknown (then <c>-x</c> cuts nothing).</summary>
    public int OffsetToPayload { get; set; }

    /// <summary>The bytes <c>-t</c>/<c>-T</c> write: the sampled header, or the raw sampled IPv4/IPv6 record.</summary>
    public ReadOnlySpan<byte> Header => _header.AsSpan(0, HeaderLength);

    public int HeaderLength { get; private set; }

    /// <summary>The generic interface counters (0:1) in sflowtool's <c>CNTR</c> order, zero when absent.</summary>
    public ulong[] Counters { get; } = new ulong[19];

    /// <summary>The <c>-H</c> line without its client column, when the sample carried an HTTP record.</summary>
    public string? CommonLog { get; set; }

    /// <summary>The <c>-H</c> client column: the remote address of a socket record, empty without one.</summary>
    public string CommonLogClient { get; set; } = string.Empty;

    public void Reset(SampleKind kind)
    {
        Kind = kind;
        InputPort = OutputPort = MeanSkipCount = 0;
        Array.Clear(EthSource);
        Array.Clear(EthDestination);
        EthType = InVlan = OutVlan = 0;
        IpSourceLength = IpDestinationLength = 0;
        IpProtocol = IpTos = IpTtl = SourcePort = DestinationPort = TcpFlags = 0;
        SampledPacketSize = Stripped = 0;
        OffsetToIPv4 = OffsetToPayload = 0;
        HeaderLength = 0;
        Array.Clear(Counters);
        CommonLog = null;
        CommonLogClient = string.Empty;
    }

    public void SetHeader(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _header.Length)
        {
            _header = new byte[Math.Max(bytes.Length, _header.Length * 2)];
        }

        bytes.CopyTo(_header);
        HeaderLength = bytes.Length;
    }

    public void SetIpSource(ReadOnlySpan<byte> address)
    {
        address.CopyTo(IpSource);
        IpSourceLength = address.Length;
    }

    public void SetIpDestination(ReadOnlySpan<byte> address)
    {
        address.CopyTo(IpDestination);
        IpDestinationLength = address.Length;
    }
}
