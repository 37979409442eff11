using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Sluice.Engine.Flows;

/// <summary>
/// A CIDR literal on the right of a filter's <c>=</c> or <c>!=</c> (<c>ipsource=10.0.0.0/8</c>,
/// <c>ip6source=2001:db8::/32</c>): matches an address of the same family inside the prefix. Host bits in the
/// literal are ignored, as routers do. Matching compares two integers and allocates nothing.
/// </summary>
internal readonly struct FlowCidr
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;
    private readonly int _length;

    private FlowCidr(UInt128 network, UInt128 mask, int length)
    {
        _network = network & mask;
        _mask = mask;
        _length = length;
    }

    /// <summary>Reads <c>address/bits</c>; false when <paramref name="text"/> is anything else.</summary>
    public static bool TryParse(string text, out FlowCidr cidr)
    {
        cidr = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var width = bytes.Length * 8;
        if (bits > width)
        {
            return false;
        }

        var mask = bits == 0 ? UInt128.Zero : UInt128.MaxValue << (width - bits);
        cidr = new FlowCidr(Read(bytes), mask & (width == 32 ? uint.MaxValue : UInt128.MaxValue), bytes.Length);
        return true;
    }

    /// <summary>True when <paramref name="address"/> (4 or 16 bytes) is of this family and inside the prefix.</summary>
    public bool Contains(ReadOnlySpan<byte> address) =>
        address.Length == _length && (Read(address) & _mask) == _network;

    private static UInt128 Read(ReadOnlySpan<byte> address) => address.Length == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(address)
        : BinaryPrimitives.ReadUInt128BigEndian(address);
}
