using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Bgp.Rib;

/// <summary>
/// One address family's prefixes with longest-prefix match: a hash table per prefix length, keyed by the masked
/// address left-aligned in 128 bits. A lookup masks the address once per length in use, longest first, and allocates
/// nothing; a BGP table uses few distinct lengths, so that is a handful of probes. Not thread-safe.
/// </summary>
internal sealed class BgpPrefixTable
{
    private readonly Dictionary<UInt128, BgpLearnedRoute>?[] _byLength;

    public BgpPrefixTable(bool ipv6)
    {
        IsIPv6 = ipv6;
        _byLength = new Dictionary<UInt128, BgpLearnedRoute>?[(ipv6 ? 128 : 32) + 1];
    }

    public bool IsIPv6 { get; }

    public int Count { get; private set; }

    /// <summary>Adds or replaces; true when the prefix is new.</summary>
    public bool Set(BgpLearnedRoute route)
    {
        var length = route.Prefix.PrefixLength;
        var table = _byLength[length] ??= [];
        var key = Mask(Key(route.Prefix.BaseAddress), length);
        var added = !table.ContainsKey(key);
        table[key] = route;
        Count += added ? 1 : 0;
        return added;
    }

    public bool Contains(IPNetwork prefix) =>
        _byLength[prefix.PrefixLength]?.ContainsKey(Mask(Key(prefix.BaseAddress), prefix.PrefixLength)) ?? false;

    public bool Remove(IPNetwork prefix)
    {
        var table = _byLength[prefix.PrefixLength];
        if (table is null || !table.Remove(Mask(Key(prefix.BaseAddress), prefix.PrefixLength)))
        {
            return false;
        }

        Count--;
        if (table.Count == 0)
        {
            _byLength[prefix.PrefixLength] = null;
        }

        return true;
    }

    public void Clear()
    {
        Array.Clear(_byLength);
        Count = 0;
    }

    /// <summary>The most specific route covering <paramref name="address"/>, or null.</summary>
    public BgpLearnedRoute? Lookup(IPAddress address)
    {
        if (address.AddressFamily != (IsIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            return null;
        }

        var key = Key(address);
        for (var length = _byLength.Length - 1; length >= 0; length--)
        {
            if (_byLength[length] is { } table && table.TryGetValue(Mask(key, length), out var route))
            {
                return route;
            }
        }

        return null;
    }

    public IEnumerable<BgpLearnedRoute> All() => _byLength.Where(t => t is not null).SelectMany(t => t!.Values);

    private static UInt128 Key(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? (UInt128)BinaryPrimitives.ReadUInt32BigEndian(bytes) << 96
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static UInt128 Mask(UInt128 key, int length) => length == 0 ? UInt128.Zero : key & (UInt128.MaxValue << (128 - length));
}
