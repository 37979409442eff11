namespace Sluice.Engine.Agents;

/// <summary>Which data sources of an agent a selection takes, by their place in the topology.</summary>
[Flags]
public enum DataSourceScope
{
    None = 0,

    /// <summary>Data sources that are not ends of topology links: edge ports, and every non-interface data source.</summary>
    Edge = 1,

    /// <summary>Interfaces that end a topology link: inter-switch (core) ports.</summary>
    Core = 2,

    All = Edge | Core,
}
