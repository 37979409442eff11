using System.Net;
using System.Numerics;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// A country database flattened into sorted address ranges, one per run of networks with the same country (gaps are
/// ranges of "unknown"). A lookup is a binary search over plain arrays: no allocation and no record decoding, so a
/// flood of never-seen addresses (a spoofed-source DDoS) costs no garbage.
/// </summary>
/// <remarks>
/// DB-IP's country lite database (about 1.37 million networks) flattens to about 0.4 million IPv4 and 0.4 million
/// IPv6 ranges: 6 bytes per IPv4 range and 18 per IPv6 range, under 10 MB in all.
/// </remarks>
internal sealed class CountryRangeTable
{
    private readonly uint[] _v4Starts;
    private readonly ushort[] _v4Countries;
    private readonly UInt128[] _v6Starts;
    private readonly ushort[] _v6Countries;

    private CountryRangeTable(RangeBuilder<uint> v4, RangeBuilder<UInt128> v6)
    {
        (_v4Starts, _v4Countries) = v4.ToArrays();
        (_v6Starts, _v6Countries) = v6.ToArrays();
    }

    /// <summary>Number of IPv4 ranges (runs of one country, and gaps).</summary>
    public int Ipv4RangeCount => _v4Starts.Length;

    /// <summary>Number of IPv6 ranges.</summary>
    public int Ipv6RangeCount => _v6Starts.Length;

    /// <summary>
    /// Flattens <paramref name="networks"/>, which must come in address order within each family (a database's tree
    /// walk does). Each network's country is a <see cref="CountryCodes"/> index, 0 for unknown.
    /// Throws <see cref="InvalidDataException"/> for networks out of order or overlapping.
    /// </summary>
    public static CountryRangeTable Build(IEnumerable<(IPAddress Start, int PrefixLength, int Country)> networks, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var v4 = new RangeBuilder<uint>();
        var v6 = new RangeBuilder<UInt128>();
        foreach (var (start, prefixLength, country) in networks)
        {
            cancellation.ThrowIfCancellationRequested();
            var range = NetworkRange.Of(start, prefixLength);
            var code = (ushort)Math.Clamp(country, 0, ushort.MaxValue);
            if (range.IsIpv4)
            {
                v4.Add(range.FirstIpv4, range.LastIpv4, code);
            }
            else
            {
                v6.Add(range.FirstIpv6, range.LastIpv6, code);
            }
        }

        return new CountryRangeTable(v4, v6);
    }

    /// <summary>The <see cref="CountryCodes"/> index of a 4- or 16-byte address (IPv4-mapped counts as IPv4); 0 when unknown.</summary>
    public int Find(ReadOnlySpan<byte> address)
    {
        if (!IpAddressKey.TryRead(address, out var isIpv4, out var ipv4, out var ipv6))
        {
            return 0;
        }

        return isIpv4 ? Find(_v4Starts, _v4Countries, ipv4) : Find(_v6Starts, _v6Countries, ipv6);
    }

    private static int Find<T>(T[] starts, ushort[] countries, T value) where T : IComparable<T>
    {
        // The last range starting at or before the value holds it: gaps are ranges of their own.
        var found = SortedStarts.LastAtOrBefore(starts, value);
        return found < 0 ? 0 : countries[found];
    }

    /// <summary>Collects ranges of one family, merging neighbours of one country and making gaps explicit.</summary>
    private sealed class RangeBuilder<T> where T : struct, IComparable<T>, IEqualityOperators<T, T, bool>, IIncrementOperators<T>, IMinMaxValue<T>
    {
        private readonly List<T> _starts = [];
        private readonly List<ushort> _countries = [];
        private T _next = T.MinValue;
        private bool _full;

        public void Add(T first, T last, ushort country)
        {
            if (_full || first.CompareTo(_next) < 0 || last.CompareTo(first) < 0)
            {
                throw new InvalidDataException("country networks out of order or overlapping");
            }

            if (first.CompareTo(_next) > 0)
            {
                Append(_next, 0);
            }

            Append(first, country);
            if (last == T.MaxValue)
            {
                _full = true;
            }
            else
            {
                _next = last;
                _next++;
            }
        }

        public (T[] Starts, ushort[] Countries) ToArrays()
        {
            if (!_full && _starts.Count > 0)
            {
                // What follows the last network is unknown, not the last network's country.
                Append(_next, 0);
            }

            return ([.. _starts], [.. _countries]);
        }

        private void Append(T start, ushort country)
        {
            if (_countries.Count > 0 && _countries[^1] == country)
            {
                return;
            }

            _starts.Add(start);
            _countries.Add(country);
        }
    }
}
