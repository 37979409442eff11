using Sluice.Engine.Metrics;
using Sluice.Engine.Topology;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Agents;

/// <summary>
/// The data sources an sFlow-RT <c>{agent}</c> argument names (sflow-rt-api.md §1.0): addresses, <c>ALL</c>, and the
/// topology tokens <c>TOPOLOGY</c> (every data source of the topology's agents), <c>EDGE</c> (their data sources that
/// are not link ends) and <c>CORE</c> (their interfaces that are). Evaluated against one topology snapshot, so one
/// query sees one topology.
/// </summary>
public sealed class AgentSelection
{
    private readonly DataSourceScope _everyAgent;
    private readonly Dictionary<SflowAddress, DataSourceScope> _agents;

    internal AgentSelection(IReadOnlyList<AgentState> agents, DataSourceScope everyAgent, Dictionary<SflowAddress, DataSourceScope> scopes, TopologySnapshot topology)
    {
        Agents = agents;
        _everyAgent = everyAgent;
        _agents = scopes;
        Topology = topology;
    }

    /// <summary>The selected agents the engine knows now.</summary>
    public IReadOnlyList<AgentState> Agents { get; }

    /// <summary>The topology the selection was made against.</summary>
    public TopologySnapshot Topology { get; }

    /// <summary>True when every data source of every agent is selected (<c>ALL</c>): nothing needs filtering.</summary>
    public bool IsAll => _everyAgent == DataSourceScope.All;

    /// <summary>The counter stores of the selected data sources.</summary>
    public IEnumerable<DataSourceMetrics> Metrics
    {
        get
        {
            foreach (var agent in Agents)
            {
                foreach (var source in agent.DataSources)
                {
                    if (source.Metrics is { } metrics && Includes(source))
                    {
                        yield return metrics;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Reads an <c>{agent}</c> argument: items joined with <c>;</c> (sFlow-RT's separator) or <c>,</c>, each an agent
    /// address or a token; an unknown name selects nothing. <c>EDGE</c> with no topology installed is every data source
    /// of every agent, since without links every port is at the edge.
    /// </summary>
    /// <param name="every">The engine's agents, enumerated only for <c>ALL</c> (and <c>EDGE</c> without a topology).</param>
    /// <param name="find">The engine's agent with an address, if it has one.</param>
    internal static AgentSelection Parse(string selector, TopologySnapshot topology, Func<IEnumerable<AgentState>> every, Func<SflowAddress, AgentState?> find)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var everyAgent = DataSourceScope.None;
        var scopes = new Dictionary<SflowAddress, DataSourceScope>();
        void AddTopology(DataSourceScope scope)
        {
            foreach (var agent in topology.Agents)
            {
                scopes[agent] = scopes.GetValueOrDefault(agent) | scope;
            }
        }

        foreach (var item in selector.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (item.ToUpperInvariant())
            {
                case "ALL":
                    everyAgent = DataSourceScope.All;
                    break;
                case "TOPOLOGY":
                    AddTopology(DataSourceScope.All);
                    break;
                case "EDGE" when !topology.IsInstalled:
                    everyAgent |= DataSourceScope.Edge;
                    break;
                case "EDGE":
                    AddTopology(DataSourceScope.Edge);
                    break;
                case "CORE":
                    AddTopology(DataSourceScope.Core);
                    break;
                default:
                    if (System.Net.IPAddress.TryParse(item, out var ip))
                    {
                        scopes[SflowAddress.FromIPAddress(ip)] = DataSourceScope.All;
                    }

                    break;
            }
        }

        var agents = new List<AgentState>();
        if (everyAgent != DataSourceScope.None)
        {
            agents.AddRange(every());
        }
        else
        {
            foreach (var address in scopes.Keys)
            {
                if (find(address) is { } agent)
                {
                    agents.Add(agent);
                }
            }
        }

        return new AgentSelection(agents, everyAgent, scopes, topology);
    }

    /// <summary>A selection of every data source of <paramref name="agents"/>, topology aside.</summary>
    public static AgentSelection Of(IEnumerable<AgentState> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var list = agents.ToList();
        var scopes = new Dictionary<SflowAddress, DataSourceScope>();
        foreach (var agent in list)
        {
            scopes[agent.Address] = DataSourceScope.All;
        }

        return new AgentSelection(list, DataSourceScope.None, scopes, TopologySnapshot.Empty);
    }

    /// <summary>True when some data source of <paramref name="agent"/> may be selected.</summary>
    public bool Includes(in SflowAddress agent) => (_everyAgent | _agents.GetValueOrDefault(agent)) != DataSourceScope.None;

    public bool Includes(DataSourceState source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Includes(source.Agent, source.SourceClass, source.SourceIndex);
    }

    /// <summary>True when data source <paramref name="sourceClass"/>.<paramref name="sourceIndex"/> of <paramref name="agent"/> is selected.</summary>
    public bool Includes(in SflowAddress agent, uint sourceClass, uint sourceIndex)
    {
        var scope = _everyAgent | _agents.GetValueOrDefault(agent);
        return scope switch
        {
            DataSourceScope.None => false,
            DataSourceScope.All => true,
            _ => (scope & (IsCore(Topology, agent, sourceClass, sourceIndex) ? DataSourceScope.Core : DataSourceScope.Edge)) != 0,
        };
    }

    /// <summary>True when the data source is an interface that ends a link of <paramref name="topology"/>.</summary>
    public static bool IsCore(TopologySnapshot topology, in SflowAddress agent, uint sourceClass, uint sourceIndex)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return sourceClass == 0 && topology.IsLinkEnd(agent, sourceIndex);
    }

    /// <summary>True when <paramref name="source"/> ends a link of the selection's topology (a core port).</summary>
    public bool IsCore(DataSourceState source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return IsCore(Topology, source.Agent, source.SourceClass, source.SourceIndex);
    }
}
