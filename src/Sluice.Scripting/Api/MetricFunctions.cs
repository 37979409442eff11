using Jint;
using Jint.Native;
using Jint.Native.Object;
using Sluice.Engine;
using Sluice.Engine.Metrics;
using Sluice.Scripting.Runtime;

namespace Sluice.Scripting.Api;

/// <summary>
/// Metrics and agents (sflow-rt-api.md §6.3): <c>agents</c>, <c>metric</c>, <c>table</c>, <c>dump</c>,
/// <c>datasourceInfo</c>, <c>ifName</c>, answered by the same queries as <c>/agents</c>, <c>/metric</c>,
/// <c>/table</c> and <c>/dump</c>. Agents are a string (<c>ALL</c>, <c>a;b</c>) or an array; metrics a comma
/// (or, for dump, semicolon) string or an array; the filter an object of name → value or [values].
/// </summary>
internal static class MetricFunctions
{
    public static void Register(ApiTarget api, ScriptRuntime script)
    {
        var engine = script.Engine;
        var sluice = script.Services.Engine;
        api.Add("agents", a => JsonBridge.ToJs(engine, script.Services.Host.Agents(Args.List(a, 0, ';', ','))));
        api.Add("metric", a => JsonBridge.ToJs(engine, MetricQuery.Statistics(Sources(sluice, a), Metrics(a, ','), Filter(a), Now())));
        api.Add("table", a =>
        {
            try
            {
                return JsonBridge.ToJs(engine, MetricQuery.Table(Sources(sluice, a), Metrics(a, ','), Filter(a), Now()));
            }
            catch (FormatException e)
            {
                throw Args.Fail(engine, "table: " + e.Message);
            }
        });
        api.Add("dump", a => JsonBridge.ToJs(engine, MetricQuery.Dump(Sources(sluice, a), Metrics(a, ',', ';'), Filter(a), Now())));
        api.Add("datasourceInfo", a => DataSourceInfo(engine, sluice, Args.Text(engine, a, 0, "datasourceInfo"), Args.Text(engine, a, 1, "datasourceInfo")));
        api.Add("ifName", a =>
        {
            var agent = Args.Text(engine, a, 0, "ifName");
            var ifIndex = Args.Text(engine, a, 1, "ifName");
            var values = MetricQuery.Dump(SluiceEngine.MetricsOf(sluice.SelectAgents(agent)), [ifIndex + ".ifname"], null, Now());
            return values.Count > 0 && values[0].Value is string name ? name : JsValue.Null;
        });
    }

    private static IEnumerable<DataSourceMetrics> Sources(SluiceEngine engine, JsValue[] a) =>
        SluiceEngine.MetricsOf(engine.SelectAgents(string.Join(';', Args.List(a, 0, ';', ',') ?? ["ALL"])));

    private static List<string> Metrics(JsValue[] a, params char[] separators) => Args.List(a, 1, separators) ?? [];

    /// <summary>The filter object as <see cref="MetricFilter"/> terms: <c>{ifspeed:[1e9]}</c> or <c>{os_name:'linux'}</c>.</summary>
    private static MetricFilter? Filter(JsValue[] a)
    {
        if (Args.At(a, 2) is not ObjectInstance filter)
        {
            return null;
        }

        var terms = new List<KeyValuePair<string, IEnumerable<string>>>();
        foreach (var key in filter.GetOwnPropertyKeys())
        {
            var value = filter.Get(key);
            var patterns = value.IsArray() ? Args.List([value], 0) ?? [] : [Args.ToText(value)];
            terms.Add(new(key.ToString(), patterns));
        }

        return new MetricFilter(terms);
    }

    /// <summary>
    /// <c>datasourceInfo(agent, ds)</c>: the sampling and polling a data source reports. <c>effectiveSamplingRate</c>
    /// is the sampling rate of its latest flow sample; <c>effectivePollingInterval</c> the seconds between its last two
    /// counter samples. Null for an unknown data source.
    /// </summary>
    private static JsValue DataSourceInfo(JsEngine engine, SluiceEngine sluice, string agent, string dataSource)
    {
        foreach (var state in sluice.SelectAgents(agent))
        {
            foreach (var source in state.DataSources)
            {
                if (source.Name != dataSource)
                {
                    continue;
                }

                return JsonBridge.ToJs(engine, new Dictionary<string, object>
                {
                    ["agent"] = state.Name,
                    ["dataSource"] = source.Name,
                    ["samplingRate"] = source.SamplingRate,
                    ["effectiveSamplingRate"] = source.SamplingRate,
                    ["samplePool"] = source.SamplePool,
                    ["drops"] = source.Drops,
                    ["flowSamples"] = source.FlowSamples,
                    ["counterSamples"] = source.CounterSamples,
                    ["pollingInterval"] = source.PollingIntervalMs / 1000.0,
                    ["effectivePollingInterval"] = source.PollingIntervalMs / 1000.0,
                    ["lastUpdate"] = Math.Max(0, Now() - source.LastUpdateUnixMs),
                });
            }
        }

        return JsValue.Null;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
