using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// The handlers (sflow-rt-api.md §6.2): <c>setIntervalHandler(fn, seconds)</c> (1 s when left out),
/// <c>setHttpHandler(fn)</c>, <c>setFlowHandler(fn, [names])</c> and <c>setEventHandler(fn, [thresholdIDs])</c>.
/// Every callback runs later on the script's own thread, never on the thread that produced the record.
/// </summary>
internal static class HandlerFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        api.Add("setIntervalHandler", a =>
            script.SetIntervalHandler(Args.Function(engine, a, 0, "setIntervalHandler"), Args.Number(a, 1, 1)));
        api.Add("setHttpHandler", a => script.SetHttpHandler(Args.Function(engine, a, 0, "setHttpHandler")));
        api.Add("setFlowHandler", a =>
        {
            var handler = Args.Function(engine, a, 0, "setFlowHandler");
            var source = NotSupported.Require(engine, script.Services.FlowRecords, "setFlowHandler");
            script.SetFlowHandler(source, handler, Args.List(a, 1, ','));
        });
        api.Add("setEventHandler", a =>
        {
            var handler = Args.Function(engine, a, 0, "setEventHandler");
            var source = NotSupported.Require(engine, script.Services.Thresholds, "setEventHandler");
            script.SetEventHandler(source, handler, Args.List(a, 1, ','));
        });
    }
}
