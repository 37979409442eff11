namespace Sluice.Scripting.Services;

/// <summary><c>flowKeys()</c> and <c>flowValue()</c> (the <c>/flowkeys/json</c> and <c>/flowvalue</c> queries). Bound by the server.</summary>
public interface IFlowValueService
{
    /// <summary>Every flow key name seen, with ms since it was last seen.</summary>
    IReadOnlyDictionary<string, long> FlowKeys();

    /// <summary>The current rate of one flow at <paramref name="agent"/>'s <c>&lt;ds&gt;.&lt;flow&gt;</c>, or null when absent.</summary>
    double? FlowValue(string agent, string dataSourceAndFlow, string key);
}
