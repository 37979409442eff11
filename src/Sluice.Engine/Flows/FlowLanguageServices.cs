using Sluice.Engine.Enrichment;

namespace Sluice.Engine.Flows;

/// <summary>The lookups key functions consult; a function whose service is absent yields a missing value.</summary>
public sealed record FlowLanguageServices
{
    public static FlowLanguageServices None { get; } = new();

    public IFlowGroups? Groups { get; init; }

    public IFlowMaps? Maps { get; init; }

    public IAddressEnrichment? Addresses { get; init; }

    public IOuiNames? Oui { get; init; }

    /// <summary>The installed topology, for <c>link:</c>; the engine sets its own.</summary>
    public Topology.ITopologyLinks? Links { get; init; }

    /// <summary>
    /// When set, names flow keys instead of the decoded-sample registry (<see cref="FlowKeys"/>): the filter over
    /// active flows resolves the definition's key expressions to the columns of a flow key. Null for an unknown name.
    /// </summary>
    internal Func<string, FlowKey?>? KeyResolver { get; init; }
}
