using Sluice.Engine.Agents;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Topology;

/// <summary>
/// What the agents say their names are, for a topology that leaves out an <c>agent</c> or an <c>ifindex</c>
/// (sflow-rt-api.md §1.7): the host name of the agent's <c>host_descr</c> record (data source 2.1) names a node, and
/// the <c>port_name</c> record of an interface (its <c>ifname</c> metric) names a port of that agent.
/// </summary>
internal sealed class TopologyNames
{
    private readonly Dictionary<string, SflowAddress> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(SflowAddress Agent, string Port), uint> _ports = [];

    public static TopologyNames Empty { get; } = new();

    /// <summary>Reads the names the agents reported last; the first agent reporting a host name keeps it.</summary>
    public static TopologyNames From(IEnumerable<AgentState> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var names = new TopologyNames();
        foreach (var agent in agents)
        {
            foreach (var source in agent.DataSources)
            {
                if (source.Metrics is not { } metrics)
                {
                    continue;
                }

                if (source.SourceClass == 0 && metrics.TryGetValue("ifname", out var port) && port.Text is { Length: > 0 } portName)
                {
                    names._ports.TryAdd((agent.Address, portName), source.SourceIndex);
                }
                else if (source.SourceClass == 2 && metrics.TryGetValue("host_name", out var host) && host.Text is { Length: > 0 } hostName)
                {
                    names._hosts.TryAdd(hostName, agent.Address);
                }
            }
        }

        return names;
    }

    /// <summary>The agent whose host name is <paramref name="node"/> (case-insensitive, as DNS names are).</summary>
    public bool TryGetAgent(string node, out SflowAddress agent) => _hosts.TryGetValue(node, out agent);

    /// <summary>The ifIndex whose interface <paramref name="agent"/> calls <paramref name="port"/>.</summary>
    public bool TryGetIfIndex(in SflowAddress agent, string port, out uint ifIndex) => _ports.TryGetValue((agent, port), out ifIndex);
}
