using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;

namespace Sluice.Engine.Flows;

/// <summary>
/// In-memory <see cref="IFlowGroups"/> with longest-prefix match: per group set and address family, one hash table
/// per prefix length, probed from the longest length down (at most 33 or 129 probes, usually a handful).
/// A group set is replaced whole, so lookups need no lock.
/// </summary>
public sealed class FlowGroups : IFlowGroups
{
    private readonly ConcurrentDictionary<string, GroupSet> _sets = new(StringComparer.Ordinal);

    /// <summary>Sets a group set: label → CIDRs (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, or a bare address).</summary>
    /// <exception cref="FormatException">A CIDR does not parse.</exception>
    public void SetGroups(string name, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        var set = new GroupSet();
        foreach (var (label, cidrs) in groups)
        {
            foreach (var cidr in cidrs)
            {
                var network = IPNetwork.Parse(cidr);
                var bytes = network.BaseAddress.GetAddressBytes();
                set.Add(bytes, network.PrefixLength, label);
            }
        }

        set.Seal();
        _sets[name] = set;
    }

    public bool RemoveGroups(string name) => _sets.TryRemove(name, out _);

    public bool TryGetGroup(string groupSet, ReadOnlySpan<byte> address, out string label)
    {
        if (_sets.TryGetValue(groupSet, out var set))
        {
            return set.TryFind(address, out label);
        }

        label = string.Empty;
        return false;
    }

    private sealed class GroupSet
    {
        private readonly Dictionary<int, Dictionary<UInt128, string>> _v4 = [];
        private readonly Dictionary<int, Dictionary<UInt128, string>> _v6 = [];
        private (int Length, Dictionary<UInt128, string> Table)[] _v4Lengths = [];
        private (int Length, Dictionary<UInt128, string> Table)[] _v6Lengths = [];

        public void Add(byte[] address, int prefixLength, string label)
        {
            var tables = address.Length == 4 ? _v4 : _v6;
            if (!tables.TryGetValue(prefixLength, out var table))
            {
                tables[prefixLength] = table = [];
            }

            // The first label given for a prefix wins, as with an ordered group list.
            table.TryAdd(Masked(address, prefixLength), label);
        }

        public void Seal()
        {
            _v4Lengths = [.. _v4.OrderByDescending(p => p.Key).Select(p => (p.Key, p.Value))];
            _v6Lengths = [.. _v6.OrderByDescending(p => p.Key).Select(p => (p.Key, p.Value))];
        }

        public bool TryFind(ReadOnlySpan<byte> address, out string label)
        {
            var lengths = address.Length == 4 ? _v4Lengths : address.Length == 16 ? _v6Lengths : [];
            foreach (var (length, table) in lengths)
            {
                if (table.TryGetValue(Masked(address, length), out var found))
                {
                    label = found;
                    return true;
                }
            }

            label = string.Empty;
            return false;
        }

        private static UInt128 Masked(ReadOnlySpan<byte> address, int prefixLength)
        {
            var bits = address.Length * 8;
            UInt128 value = address.Length == 4
                ? BinaryPrimitives.ReadUInt32BigEndian(address)
                : BinaryPrimitives.ReadUInt128BigEndian(address);
            if (prefixLength <= 0)
            {
                return 0;
            }

            var hostBits = bits - prefixLength;
            return hostBits <= 0 ? value : (value >> hostBits) << hostBits;
        }
    }
}
