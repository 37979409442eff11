using Jint.Native;
using Jint;
using Sluice.Engine.Thresholds;
using Sluice.Scripting.Services;

namespace Sluice.Scripting.Runtime;

/// <summary>
/// Flow records and events as script objects, built field by field: these arrive at the rate of the traffic, so they
/// skip the JSON round trip other results take. Field names are sFlow-RT's (§6.2, §5).
/// </summary>
internal static class RecordObjects
{
    public static JsValue Flow(JsEngine engine, ScriptFlowRecord record)
    {
        var o = new JsObject(engine);
        o.FastSetDataProperty("flowID", record.FlowId);
        o.FastSetDataProperty("name", record.Name);
        o.FastSetDataProperty("flowKeys", record.FlowKeys);
        o.FastSetDataProperty("value", record.Value);
        if (record.Values is { } values)
        {
            o.FastSetDataProperty("values", Numbers(engine, values));
        }

        o.FastSetDataProperty("start", record.Start);
        o.FastSetDataProperty("end", record.End);
        o.FastSetDataProperty("agent", record.Agent);
        o.FastSetDataProperty("dataSource", record.DataSource);
        return o;
    }

    public static JsValue Event(JsEngine engine, ThresholdEvent evt)
    {
        var o = new JsObject(engine);
        o.FastSetDataProperty("eventID", evt.EventId);
        o.FastSetDataProperty("thresholdID", evt.ThresholdId);
        o.FastSetDataProperty("metric", evt.Metric);
        o.FastSetDataProperty("value", evt.Value);
        o.FastSetDataProperty("threshold", evt.Threshold);
        o.FastSetDataProperty("agent", evt.Agent);
        o.FastSetDataProperty("dataSource", evt.DataSource);
        if (evt.FlowKey is { } flowKey)
        {
            o.FastSetDataProperty("flowKey", flowKey);
        }

        if (evt.Values is { } values)
        {
            o.FastSetDataProperty("values", Numbers(engine, values));
        }

        o.FastSetDataProperty("timestamp", evt.Timestamp);
        return o;
    }

    private static JsArray Numbers(JsEngine engine, IReadOnlyList<double> values)
    {
        var items = new JsValue[values.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = values[i];
        }

        return new JsArray(engine, items);
    }
}
