using System.Text.Json.Serialization;

namespace Sluice.Engine.Flows;

/// <summary>
/// One row of <c>/activeflows</c>: the flow key, its <c>value</c> (a rate per second for sums), the agent and data
/// source it was taken from, and the definition's <c>values</c> in definition order when it has any.
/// </summary>
public sealed record ActiveFlow(
    string Key,
    double Value,
    string Agent,
    string DataSource,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? Values = null);
