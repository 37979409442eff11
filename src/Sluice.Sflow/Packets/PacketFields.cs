using System.Diagnostics.CodeAnalysis;

namespace Sluice.Sflow.Packets;

/// <summary>
/// Everything decoded from one sampled packet header: the outer layer, one tunnelled inner layer
/// (the sFlow-RT <c>.1</c> keys), the tunnel, the DNS question and the <c>stack</c>.
/// A fixed-size struct with no references, meant to be reused: <see cref="SampledHeaderDecoder.Decode"/>
/// resets it first.
/// </summary>
public struct PacketFields
{
    /// <summary>How many <c>stack</c> tokens are kept; deeper stacks are cut and flagged by <see cref="StackTruncated"/>.</summary>
    public const int MaxStackDepth = 16;

    private PacketLayer _outer;
    private PacketLayer _inner;
    private StackBuffer _stack;
    private DnsNameBuffer _dnsName;

    /// <summary>The sFlow <c>header_protocol</c> of the decoded header.</summary>
    public uint HeaderProtocol { readonly get; internal set; }

    /// <summary>The outer packet.</summary>
    [UnscopedRef]
    public readonly ref readonly PacketLayer Outer => ref _outer;

    /// <summary>The packet inside the tunnel; its <see cref="PacketLayer.Layers"/> is None without a tunnel.</summary>
    [UnscopedRef]
    public readonly ref readonly PacketLayer Inner => ref _inner;

    /// <summary>True when something of the inner layer was decoded; <see cref="Tunnel"/> may be set without it.</summary>
    public readonly bool HasInner => (_inner.Layers & ~PacketLayers.Truncated) != PacketLayers.None;

    /// <summary>Byte offset of the outer IP header in the sampled header (sFlow-RT <c>ip_offset</c>), -1 without IP.</summary>
    public readonly int IpOffset => _outer.IpVersion == 0 ? -1 : _outer.IpOffset;

    /// <summary>The encapsulation of the inner layer.</summary>
    public TunnelKind Tunnel { readonly get; internal set; }

    /// <summary>VXLAN VNI, Geneve VNI or NVGRE VSID (24 bits).</summary>
    public uint VirtualNetworkId { readonly get; internal set; }

    /// <summary>GRE key when the K bit is set (<see cref="GreKeyPresent"/>).</summary>
    public uint GreKey { readonly get; internal set; }

    /// <summary>True when the GRE header carried a key.</summary>
    public bool GreKeyPresent { readonly get; internal set; }

    /// <summary>GRE or Geneve protocol type (an EtherType).</summary>
    public ushort TunnelProtocol { readonly get; internal set; }

    /// <summary>True when a DNS header was decoded (in either layer).</summary>
    public readonly bool HasDns => _outer.Has(PacketLayers.Dns) || _inner.Has(PacketLayers.Dns);

    /// <summary>DNS transaction id.</summary>
    public ushort DnsId { readonly get; internal set; }

    /// <summary>DNS QR bit: true for a response (sFlow-RT <c>dnsqr</c>).</summary>
    public bool DnsIsResponse { readonly get; internal set; }

    /// <summary>DNS opcode (4 bits).</summary>
    public byte DnsOpcode { readonly get; internal set; }

    /// <summary>DNS response code (4 bits).</summary>
    public byte DnsResponseCode { readonly get; internal set; }

    /// <summary>QTYPE of the first question.</summary>
    public ushort DnsQueryType { readonly get; internal set; }

    /// <summary>QCLASS of the first question.</summary>
    public ushort DnsQueryClass { readonly get; internal set; }

    /// <summary>Length in bytes of <see cref="DnsQueryName"/>.</summary>
    public int DnsQueryNameLength { readonly get; internal set; }

    /// <summary>
    /// QNAME of the first question as dotted text bytes without the trailing dot (empty for the root),
    /// labels copied as they are on the wire (no case folding, no escaping).
    /// </summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> DnsQueryName => ((ReadOnlySpan<byte>)_dnsName)[..DnsQueryNameLength];

    /// <summary>Number of tokens in <see cref="Stack"/>.</summary>
    public int StackDepth { readonly get; private set; }

    /// <summary>True when more than <see cref="MaxStackDepth"/> tokens were found.</summary>
    public bool StackTruncated { readonly get; private set; }

    /// <summary>The protocol path, outermost first (sFlow-RT <c>stack</c>).</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<PacketProtocol> Stack => ((ReadOnlySpan<PacketProtocol>)_stack)[..StackDepth];

    /// <summary>Clears every field.</summary>
    public void Reset() => this = default;

    /// <summary>
    /// Writes the <c>stack</c> key, e.g. <c>eth.ip.udp.vxlan.eth.ip.tcp</c>, into <paramref name="destination"/>.
    /// Token names are listed on <see cref="PacketProtocol"/>.
    /// </summary>
    /// <returns>The number of chars written, or -1 when <paramref name="destination"/> is too small.</returns>
    public readonly int FormatStack(Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < StackDepth; i++)
        {
            if (i > 0)
            {
                if (written >= destination.Length)
                {
                    return -1;
                }

                destination[written++] = '.';
            }

            var name = TokenName(_stack[i]);
            if (!name.TryCopyTo(destination[written..]))
            {
                return -1;
            }

            written += name.Length;
        }

        return written;
    }

    /// <summary>The <c>stack</c> key as a string; allocates, for tests and diagnostics.</summary>
    public readonly string ToStackString()
    {
        Span<char> buffer = stackalloc char[MaxStackDepth * 8];
        var length = FormatStack(buffer);
        return new string(buffer[..length]);
    }

    /// <summary>The token name of one <c>stack</c> entry.</summary>
    public static ReadOnlySpan<char> TokenName(PacketProtocol protocol) => protocol switch
    {
        PacketProtocol.Eth => "eth",
        PacketProtocol.Vlan => "vlan",
        PacketProtocol.Mpls => "mpls",
        PacketProtocol.Arp => "arp",
        PacketProtocol.Ip => "ip",
        PacketProtocol.Ip6 => "ip6",
        PacketProtocol.Tcp => "tcp",
        PacketProtocol.Udp => "udp",
        PacketProtocol.Icmp => "icmp",
        PacketProtocol.Icmp6 => "icmp6",
        PacketProtocol.Gre => "gre",
        PacketProtocol.Vxlan => "vxlan",
        PacketProtocol.Geneve => "geneve",
        PacketProtocol.Dns => "dns",
        _ => "unknown",
    };

    [UnscopedRef]
    internal ref PacketLayer Layer(int depth) => ref depth == 0 ? ref _outer : ref _inner;

    [UnscopedRef]
    internal Span<byte> DnsNameBuffer => _dnsName;

    internal void Push(PacketProtocol protocol)
    {
        if (StackDepth < MaxStackDepth)
        {
            _stack[StackDepth++] = protocol;
        }
        else
        {
            StackTruncated = true;
        }
    }
}
