namespace Sluice.Engine.Flows;

/// <summary>
/// One instant as a flow table's columns see it: <see cref="Growth"/> is exp((now − landmark)/t), the forward-decay
/// weight of an event now (divide a stored sum by it to decay the sum to now), and <see cref="Window"/> is the index
/// of the tumbling window of length t that holds now.
/// </summary>
internal readonly record struct FlowClock(double Growth, long Window);
