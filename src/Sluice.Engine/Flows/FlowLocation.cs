using System.Text.Json.Serialization;

namespace Sluice.Engine.Flows;

/// <summary>One row of <c>/flowlocations</c>: an agent and data source whose table holds the flow key, with its values there.</summary>
public sealed record FlowLocation(
    string Agent,
    string DataSource,
    double Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? Values = null);
