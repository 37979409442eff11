using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// A tenant's filters parsed once into what the worker tests per sample: a set of agent ports, named ports waiting
/// for their ifIndex, prefixes and MACs (as 48-bit integers). Immutable.
/// </summary>
internal sealed class TenantFilter
{
    private readonly HashSet<AgentPort> _ports;
    private readonly AddressBlock[] _cidrs;
    private readonly HashSet<ulong> _macs;

    private TenantFilter(HashSet<AgentPort> ports, TenantPortName[] names, AddressBlock[] cidrs, HashSet<ulong> macs)
    {
        _ports = ports;
        Names = names;
        _cidrs = cidrs;
        _macs = macs;
    }

    /// <summary>The <c>ifname</c> entries, resolved to ifIndexes by each worker as the agents' counters name their ports.</summary>
    public TenantPortName[] Names { get; }

    /// <summary>True when some filter looks at ports (only then can counter samples match).</summary>
    public bool MatchesPorts => _ports.Count > 0 || Names.Length > 0;

    /// <summary>True when some filter looks inside the sampled packet.</summary>
    public bool MatchesPackets => _cidrs.Length > 0 || _macs.Count > 0;

    /// <exception cref="FormatException">An entry does not parse; the message names it.</exception>
    public static TenantFilter Parse(TenantFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var ports = new HashSet<AgentPort>();
        foreach (var entry in filters.IfIndex ?? [])
        {
            var (agent, port) = SplitAgent(entry, "ifindex");
            if (!uint.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var ifIndex))
            {
                throw new FormatException($"ifindex '{entry}': '{port}' is not an ifIndex");
            }

            ports.Add(new AgentPort(agent, ifIndex));
        }

        var names = new List<TenantPortName>();
        foreach (var entry in filters.IfName ?? [])
        {
            var (agent, name) = SplitAgent(entry, "ifname");
            names.Add(new TenantPortName(agent, name, Encoding.UTF8.GetBytes(name)));
        }

        var cidrs = new List<AddressBlock>();
        foreach (var entry in filters.Cidr ?? [])
        {
            cidrs.Add(AddressBlock.TryParse(entry, out var block) ? block : throw new FormatException($"cidr '{entry}' is not an IP address or prefix"));
        }

        var macs = new HashSet<ulong>();
        foreach (var entry in filters.Mac ?? [])
        {
            macs.Add(ParseMac(entry));
        }

        return new TenantFilter(ports, [.. names], [.. cidrs], macs);
    }

    public bool HasPort(in AgentPort port) => _ports.Contains(port);

    /// <summary>True when the sampled packet (either layer, source or destination) matches a prefix or a MAC.</summary>
    public bool MatchesPacket(in PacketFields fields) =>
        MatchesLayer(fields.Outer) || (fields.HasInner && MatchesLayer(fields.Inner));

    /// <summary>True when either address (4 or 16 bytes) lies in one of the prefixes.</summary>
    public bool MatchesAddresses(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        foreach (var block in _cidrs)
        {
            if (block.Contains(source) || block.Contains(destination))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when either MAC (6 bytes) is one of the tenant's.</summary>
    public bool MatchesMacs(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination) =>
        _macs.Count > 0 && ((source.Length == 6 && _macs.Contains(Mac(source))) || (destination.Length == 6 && _macs.Contains(Mac(destination))));

    private bool MatchesLayer(in PacketLayer layer) =>
        MatchesMacs(layer.SourceMac, layer.DestinationMac)
        || (layer.IpVersion != 0 && MatchesAddresses(layer.SourceAddress, layer.DestinationAddress));

    private static ulong Mac(ReadOnlySpan<byte> mac) =>
        ((ulong)BinaryPrimitives.ReadUInt16BigEndian(mac) << 32) | BinaryPrimitives.ReadUInt32BigEndian(mac[2..]);

    /// <summary><c>agent_rest</c>: the agent is everything before the first underscore (addresses have none).</summary>
    private static (SflowAddress Agent, string Remainder) SplitAgent(string? entry, string kind)
    {
        var underscore = entry?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (entry is null || underscore <= 0 || underscore == entry.Length - 1)
        {
            throw new FormatException($"{kind} '{entry}' is not agent_{(kind == "ifindex" ? "ifIndex" : "ifName")}");
        }

        if (!IPAddress.TryParse(entry.AsSpan(0, underscore), out var agent))
        {
            throw new FormatException($"{kind} '{entry}': '{entry[..underscore]}' is not an agent address");
        }

        return (SflowAddress.FromIPAddress(agent.IsIPv4MappedToIPv6 ? agent.MapToIPv4() : agent), entry[(underscore + 1)..]);
    }

    /// <summary>sFlow-RT writes 12 hex digits (<c>D8D385B2DD2B</c>); colons or dashes between octets are accepted too.</summary>
    private static ulong ParseMac(string? entry)
    {
        var digits = (entry ?? string.Empty).Replace(":", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 12 || !ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mac))
        {
            throw new FormatException($"mac '{entry}' is not 12 hex digits");
        }

        return mac;
    }
}
