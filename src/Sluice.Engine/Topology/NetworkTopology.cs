using System.Net;
using Sluice.Engine.Agents;
using Sluice.Engine.Enrichment;
using Sluice.Engine.Flows;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>
/// The engine's network topology (sflow-rt-api.md §1.7, §6.3): the installed nodes, ports and links mapped to agents
/// and ifIndexes, the edge and core ports they imply, and where host MACs attach. <c>PUT /topology/json</c> and the
/// scripts' <c>setTopology</c> go through <see cref="Set(string)"/>; the other topology functions read
/// <see cref="Current"/>, an immutable snapshot swapped atomically, so the decode workers never wait for an update.
/// </summary>
public sealed class NetworkTopology : ITopologyLinks, IDisposable
{
    private readonly Lock _lock = new();
    private readonly string? _file;
    private readonly Func<IEnumerable<AgentState>> _agents;
    private readonly IOuiNames? _oui;
    private readonly HostLocationTable[] _hosts;
    private readonly long _hostExpiryMs;
    private TopologySnapshot _current = TopologySnapshot.Empty;
    private ITimer? _resolveTimer;

    /// <param name="options">Where the topology is kept and how many host locations are learned.</param>
    /// <param name="shards">Decode workers: each learns host locations into its own table.</param>
    /// <param name="agents">The engine's agents, whose reported names resolve what the topology leaves out.</param>
    /// <param name="oui">MAC vendor names for located hosts; null leaves them out.</param>
    internal NetworkTopology(EngineOptions options, int shards, Func<IEnumerable<AgentState>> agents, IOuiNames? oui)
    {
        _file = options.TopologyFile;
        _agents = agents;
        _oui = oui;
        _hostExpiryMs = (long)options.HostLocationExpiry.TotalMilliseconds;
        var perShard = Math.Max(64, options.MaxHostLocations / Math.Max(1, shards));
        _hosts = new HostLocationTable[Math.Max(1, shards)];
        for (var i = 0; i < _hosts.Length; i++)
        {
            _hosts[i] = new HostLocationTable(perShard);
        }
    }

    /// <summary>The installed topology as resolved now; read once per query so the query sees one state.</summary>
    public TopologySnapshot Current => Volatile.Read(ref _current);

    /// <summary>sFlow-RT's <c>topologyVersion</c>: changes on every update; 0 when none was ever installed.</summary>
    public long Version => Current.Version;

    /// <summary>Why the stored topology could not be loaded at start; null when it loaded or there was none.</summary>
    public string? LoadError { get; private set; }

    /// <summary>Why the latest update could not be stored (it is installed all the same); null when it was.</summary>
    public string? PersistError { get; private set; }

    /// <summary>
    /// Installs a topology given as JSON (<c>PUT /topology/json</c>, <c>setTopology</c>): validates it, maps it onto the
    /// agents seen so far, swaps it in with a new version, and stores it. <c>{}</c> removes the topology.
    /// </summary>
    /// <exception cref="TopologyFormatException">Not JSON or not of the topology's shape; nothing changes.</exception>
    public TopologySnapshot Set(string json) => Set(TopologyDefinition.Parse(json));

    /// <inheritdoc cref="Set(string)"/>
    public TopologySnapshot Set(TopologyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        TopologySnapshot next;
        lock (_lock)
        {
            var version = Math.Max(Current.Version + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            next = TopologySnapshot.Build(definition, version, TopologyNames.From(_agents()));
            Volatile.Write(ref _current, next);
            Store(definition.Json);
        }

        return next;
    }

    /// <summary>Installs the stored topology, if there is one (the engine's start).</summary>
    internal void Load()
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            if (TopologyFile.Read(_file) is { } json)
            {
                var definition = TopologyDefinition.Parse(json);
                lock (_lock)
                {
                    Volatile.Write(ref _current, TopologySnapshot.Build(definition, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), TopologyNames.From(_agents())));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TopologyFormatException)
        {
            LoadError = $"{_file}: {e.Message}";
        }
    }

    /// <summary>
    /// Maps what the topology leaves out (agents by host name, ports by interface name) again with what the agents have
    /// reported since; swaps in a new snapshot, keeping the version, when more resolves. True when something did.
    /// </summary>
    public bool Resolve()
    {
        lock (_lock)
        {
            var current = Current;
            if (!current.IsInstalled || current.Unresolved == 0)
            {
                return false;
            }

            var next = TopologySnapshot.Build(current.Definition, current.Version, TopologyNames.From(_agents()));
            if (next.Resolved <= current.Resolved)
            {
                return false;
            }

            Volatile.Write(ref _current, next);
            return true;
        }
    }

    /// <summary>Resolves names every <paramref name="interval"/> while some remain unresolved (the engine's start).</summary>
    internal void StartResolving(TimeProvider time, TimeSpan interval)
    {
        if (interval > TimeSpan.Zero)
        {
            _resolveTimer = time.CreateTimer(_ => Resolve(), null, interval, interval);
        }
    }

    /// <summary>The host-location table shard <paramref name="shard"/>'s worker learns into.</summary>
    internal HostLocationTable HostTable(int shard) => _hosts[shard % _hosts.Length];

    /// <inheritdoc/>
    public bool TryGetLinkName(in SflowAddress agent, uint ifIndex, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? link) =>
        Current.TryGetLinkName(agent, ifIndex, out link);

    /// <summary>sFlow-RT's <c>topologyInterfaceToPort</c>: the node port that is the interface; null when the topology has none.</summary>
    public TopologyInterface? InterfaceToPort(string agent, uint ifIndex) =>
        ParseAgent(agent) is { } address && Current.TryGetInterface(address, ifIndex, out var port) ? port : null;

    /// <summary>sFlow-RT's <c>topologyInterfaceToLink</c>: the link the interface ends, seen from it; null on an edge port.</summary>
    public TopologyLinkView? InterfaceToLink(string agent, uint ifIndex) =>
        ParseAgent(agent) is { } address ? Current.InterfaceToLink(address, ifIndex) : null;

    /// <summary>sFlow-RT's <c>topologyAgentForNode</c>: the node's agent address; null when unknown.</summary>
    public string? AgentForNode(string node) => Current.AgentForNode(node)?.ToString();

    /// <summary>
    /// sFlow-RT's <c>topologyNodesForAgent</c>: the nodes of <paramref name="agent"/>; with <paramref name="ifIndex"/>, the
    /// node that has that interface (several nodes share an agent in Mininet).
    /// </summary>
    public IReadOnlyList<string> NodesForAgent(string agent, uint? ifIndex = null)
    {
        if (ParseAgent(agent) is not { } address)
        {
            return [];
        }

        var current = Current;
        if (ifIndex is { } index && current.TryGetInterface(address, index, out var port))
        {
            return [port.Node];
        }

        return current.NodesForAgent(address);
    }

    /// <summary>
    /// sFlow-RT's <c>topologyLocateHostMac</c>: the edge ports where frames from <paramref name="mac"/> (12 hex digits, with
    /// or without <c>:</c>/<c>-</c> separators) entered the network within the host expiry time, most recent first.
    /// </summary>
    public IReadOnlyList<HostLocation> LocateHostMac(string mac, long? nowUnixMs = null)
    {
        if (!TryParseMac(mac, out var value))
        {
            return [];
        }

        var sightings = new List<HostSighting>();
        var since = (nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - _hostExpiryMs;
        foreach (var table in _hosts)
        {
            table.Locate(value, since, sightings);
        }

        sightings.Sort((a, b) => b.LastSeenUnixMs.CompareTo(a.LastSeenUnixMs));
        var current = Current;
        return sightings.ConvertAll(s => Describe(s, current));
    }

    /// <summary>
    /// sFlow-RT's <c>topologyLocateHostIP</c> and <c>topologyLocateHostIP6</c>: the locations of the MACs whose latest
    /// sampled frames carried <paramref name="address"/> (IPv4 or IPv6) as their source, most recent first.
    /// </summary>
    public IReadOnlyList<HostLocation> LocateHostIp(string address, long? nowUnixMs = null)
    {
        if (ParseAgent(address) is not { } wanted)
        {
            return [];
        }

        var sightings = new List<HostSighting>();
        var since = (nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - _hostExpiryMs;
        foreach (var table in _hosts)
        {
            table.All(since, sightings);
        }

        sightings.RemoveAll(s => !s.IPv4.Equals(wanted) && !s.IPv6.Equals(wanted));
        sightings.Sort((a, b) => b.LastSeenUnixMs.CompareTo(a.LastSeenUnixMs));
        var current = Current;
        return sightings.ConvertAll(s => Describe(s, current));
    }

    /// <summary>
    /// sFlow-RT's <c>topologyLocatedHostMacs</c>: every located MAC, or those located at <paramref name="agent"/> (and
    /// interface <paramref name="ifIndex"/>), most recently seen first.
    /// </summary>
    public IReadOnlyList<string> LocatedHostMacs(string? agent = null, uint? ifIndex = null, long? nowUnixMs = null)
    {
        SflowAddress? address = null;
        if (agent is not null && (address = ParseAgent(agent)) is null)
        {
            return [];
        }

        var sightings = new List<HostSighting>();
        var since = (nowUnixMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - _hostExpiryMs;
        foreach (var table in _hosts)
        {
            table.All(since, sightings);
        }

        sightings.Sort((a, b) => b.LastSeenUnixMs.CompareTo(a.LastSeenUnixMs));
        var macs = new List<string>();
        var seen = new HashSet<ulong>();
        foreach (var sighting in sightings)
        {
            if ((address is null || sighting.Agent.Equals(address.Value)) && (ifIndex is null || sighting.IfIndex == ifIndex) && seen.Add(sighting.Mac))
            {
                macs.Add(FormatMac(sighting.Mac));
            }
        }

        return macs;
    }

    public void Dispose() => _resolveTimer?.Dispose();

    /// <summary>A MAC as 12 hex digits; <c>:</c>, <c>-</c> and <c>.</c> separators are ignored, case too.</summary>
    internal static bool TryParseMac(string text, out ulong mac)
    {
        mac = 0;
        var digits = 0;
        foreach (var c in text ?? string.Empty)
        {
            if (c is ':' or '-' or '.')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || ++digits > 12)
            {
                return false;
            }

            mac = (mac << 4) | (uint)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        }

        return digits == 12;
    }

    private static string FormatMac(ulong mac)
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, mac);
        Span<char> text = stackalloc char[12];
        FlowFormat.Mac(bytes[2..], text);
        return new string(text);
    }

    private static SflowAddress? ParseAgent(string agent) =>
        IPAddress.TryParse(agent, out var ip) ? SflowAddress.FromIPAddress(ip) : null;

    private HostLocation Describe(in HostSighting sighting, TopologySnapshot topology)
    {
        Span<byte> mac = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(mac, sighting.Mac);
        string? vendor = null;
        if (_oui is not null && _oui.TryGetName(mac[2..], out var name))
        {
            vendor = name;
        }

        topology.TryGetInterface(sighting.Agent, sighting.IfIndex, out var port);
        return new HostLocation(
            FormatMac(sighting.Mac),
            sighting.Agent.ToString(),
            sighting.IfIndex,
            port?.Node,
            port?.Port,
            vendor,
            sighting.IPv4.Type == SflowAddressType.Unknown ? null : sighting.IPv4.ToString(),
            sighting.IPv6.Type == SflowAddressType.Unknown ? null : sighting.IPv6.ToString(),
            sighting.Vlan >= 0 ? sighting.Vlan : null,
            sighting.LastSeenUnixMs);
    }

    private void Store(string json)
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            TopologyFile.Write(_file, json);
            PersistError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PersistError = $"{_file}: {e.Message}";
        }
    }
}
