using Sluice.Engine;
using Sluice.Scripting.Services;

namespace Sluice.Tests.Apps;

/// <summary>
/// A stand-in for the engine's flow log in tests, until it is bound: each subscriber gets a record (as with
/// <c>flowStart:true</c>) the first time a key shows up in <c>activeFlows</c> of one of its definitions, checked every 100 ms.
/// </summary>
internal sealed class ActiveFlowRecords : IFlowRecordSource
{
    private readonly SluiceEngine _engine;
    private long _lastId;

    public ActiveFlowRecords(SluiceEngine engine)
    {
        _engine = engine;
    }

    public IDisposable Subscribe(IReadOnlyCollection<string>? names, Action<ScriptFlowRecord> deliver)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var gate = new Lock();
        return new Timer(
            _ =>
            {
                lock (gate)
                {
                    foreach (var name in names ?? [.. _engine.Flows.Names])
                    {
                        foreach (var flow in _engine.ActiveFlows("ALL", name, 1000))
                        {
                            if (seen.Add(name + "\n" + flow.Key))
                            {
                                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                                deliver(new ScriptFlowRecord
                                {
                                    FlowId = Interlocked.Increment(ref _lastId),
                                    Name = name,
                                    FlowKeys = flow.Key,
                                    Value = flow.Value,
                                    Start = now,
                                    End = now,
                                    Agent = flow.Agent,
                                    DataSource = flow.DataSource,
                                });
                            }
                        }
                    }
                }
            },
            null,
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(100));
    }
}
