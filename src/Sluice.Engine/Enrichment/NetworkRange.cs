using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// A database network (start address and prefix length, as a MaxMind-format tree walk yields it) as the first and
/// last address of its family, the form the range tables binary-search.
/// </summary>
internal readonly record struct NetworkRange(bool IsIpv4, uint FirstIpv4, uint LastIpv4, UInt128 FirstIpv6, UInt128 LastIpv6)
{
    /// <summary>The range of <paramref name="start"/>/<paramref name="prefixLength"/> (the length counts in the start's own family).</summary>
    public static NetworkRange Of(IPAddress start, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(start);
        Span<byte> bytes = stackalloc byte[16];
        if (!start.TryWriteBytes(bytes, out var written))
        {
            throw new InvalidDataException($"unreadable network {start}/{prefixLength}");
        }

        if (start.AddressFamily == AddressFamily.InterNetwork && written == 4)
        {
            var first = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            var hostBits = 32 - Math.Clamp(prefixLength, 0, 32);
            var last = hostBits == 32 ? uint.MaxValue : first | ((1u << hostBits) - 1);
            return new NetworkRange(true, first, last, 0, 0);
        }

        var first6 = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        var hostBits6 = 128 - Math.Clamp(prefixLength, 0, 128);
        var last6 = hostBits6 == 128 ? UInt128.MaxValue : first6 | ((UInt128.One << hostBits6) - 1);
        return new NetworkRange(false, 0, 0, first6, last6);
    }
}
