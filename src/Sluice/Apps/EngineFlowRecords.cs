using Sluice.Engine;
using Sluice.Engine.Flows.Logging;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>
/// Scripts' <c>setFlowHandler</c> over the engine's flow log: each subscription has its own bounded queue in the log
/// (drop-oldest, so shard workers never wait), drained by a task that hands each record to the script.
/// </summary>
internal sealed class EngineFlowRecords : IFlowRecordSource
{
    private readonly SluiceEngine _engine;

    public EngineFlowRecords(SluiceEngine engine)
    {
        _engine = engine;
    }

    public IDisposable Subscribe(IReadOnlyCollection<string>? names, Action<ScriptFlowRecord> deliver)
    {
        var subscription = _engine.FlowLogging.Log.Subscribe(names);
        var stop = new CancellationTokenSource();
        var pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var record in subscription.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    deliver(ToScript(record));
                }
            }
            catch (OperationCanceledException)
            {
                // Unsubscribed.
            }
        });
        return new Pump(subscription, stop, pump);
    }

    private static ScriptFlowRecord ToScript(FlowRecord record) => new()
    {
        FlowId = record.FlowId,
        Name = record.Name,
        FlowKeys = record.FlowKeys,
        Value = record.Value,
        Values = record.Values,
        Start = record.Start,
        End = record.End,
        Agent = record.Agent,
        DataSource = record.DataSource,
    };

    private sealed class Pump(FlowLogSubscription subscription, CancellationTokenSource stop, Task task) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            subscription.Dispose();
            task.Wait(TimeSpan.FromSeconds(5));
            stop.Dispose();
        }
    }
}
