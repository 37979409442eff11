using Sluice.Engine.Agents;

namespace Sluice.Engine.Flows.Logging;

/// <summary>A tracked flow's identity: the data source it is sampled at and its key string.</summary>
internal readonly record struct FlowLogKey(DataSourceState Source, string Key);
