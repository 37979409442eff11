namespace Sluice.Engine.Flows;

/// <summary>How the flow table aggregates a value over samples.</summary>
public enum FlowValueKind
{
    /// <summary>Sum of value × sampling rate (bytes, frames, requests, numeric keys).</summary>
    Sum,

    /// <summary><c>count:key</c>: distinct values of the key; <see cref="FlowValue.Key"/> gives the text to count.</summary>
    Count,

    /// <summary><c>avg:key</c>.</summary>
    Average,

    /// <summary><c>min:key</c>.</summary>
    Minimum,

    /// <summary><c>max:key</c>.</summary>
    Maximum,
}
