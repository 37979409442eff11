using Sluice.Api;
using Sluice.Engine;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>Scripts' <c>flowKeys()</c> and <c>flowValue()</c>: the queries of <c>/flowkeys/json</c> and <c>/flowvalue</c>.</summary>
internal sealed class EngineFlowValues : IFlowValueService
{
    private readonly SluiceEngine _engine;

    public EngineFlowValues(SluiceEngine engine)
    {
        _engine = engine;
    }

    public IReadOnlyDictionary<string, long> FlowKeys() => _engine.FlowKeysSeen();

    public double? FlowValue(string agent, string dataSourceAndFlow, string key) => FlowEndpoints.FlowValue(_engine, agent, dataSourceAndFlow, key);
}
