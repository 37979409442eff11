namespace Sluice.Engine.Flows;

/// <summary>
/// What one sample contributes to one value of a flow (sflow-rt-api.md §3.2): a number (bytes, frames, a key's
/// numeric value) or, for <c>count:</c>, the hash of the counted key's text. <c>default</c> means the sample lacks it.
/// </summary>
public readonly record struct FlowMeasure(bool Present, double Number, ulong Hash)
{
    /// <summary>A numeric contribution (before scaling by the sampling rate).</summary>
    public static FlowMeasure Of(double number) => new(true, number, 0);

    /// <summary>A distinct value for <c>count:</c>; its number is 1, so a count value totals samples.</summary>
    public static FlowMeasure Distinct(ulong hash) => new(true, 1, hash);
}
