using Sluice.Scripting.Services;

namespace Sluice.Scripting.Tests.Support;

/// <summary>An in-test flow log: <see cref="Publish"/> hands a record to every subscriber whose names match, as the engine's would.</summary>
internal sealed class TestFlowRecords : IFlowRecordSource
{
    private readonly Subscribers<ScriptFlowRecord> _subscribers = new();

    public int Count => _subscribers.Count;

    public IDisposable Subscribe(IReadOnlyCollection<string>? names, Action<ScriptFlowRecord> deliver) => _subscribers.Add(names, deliver);

    public void Publish(ScriptFlowRecord record) => _subscribers.Publish(record.Name, record);
}
