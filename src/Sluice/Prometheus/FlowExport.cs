using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sluice.Engine;
using Sluice.Engine.Flows;

namespace Sluice.Prometheus;

/// <summary>
/// The Prometheus app's flow export, served natively at its URL
/// <c>/app/prometheus/scripts/export.js/flows/{agent}/txt</c> (sflow-rt-api.md §2.1): each distinct
/// keys/value/filter/n/t/dropped gets a flow definition <c>prometheus_N</c> made on first request (so the first
/// scrape is empty, as with sFlow-RT) and removed after 300 s without a request.
/// </summary>
internal sealed class FlowExport : IDisposable
{
    private const string Separator = "_SEP_";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(300);

    private readonly SluiceEngine _engine;
    private readonly ConcurrentDictionary<string, Entry> _definitions = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;
    private int _next;

    public FlowExport(SluiceEngine engine)
    {
        _engine = engine;
        _sweeper = new Timer(_ => Sweep(DateTime.UtcNow), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>Answers one scrape: 200 with exposition text, 400 for missing parameters or a bad definition.</summary>
    public IResult Render(string agent, IQueryCollection query, bool types)
    {
        var metric = query["metric"].FirstOrDefault();
        var keys = query["key"].Where(k => !string.IsNullOrEmpty(k)).SelectMany(k => SplitKeys(k!)).ToArray();
        var value = query["value"].FirstOrDefault();
        if (string.IsNullOrEmpty(metric) || keys.Length == 0 || string.IsNullOrEmpty(value))
        {
            return TypedResults.BadRequest("bad_request: metric, key and value are required");
        }

        var filter = query["filter"].FirstOrDefault();
        var dropped = string.Equals(query["dropped"].FirstOrDefault(), "true", StringComparison.Ordinal);
        var n = Int(query, "n", 10);
        var t = Number(query, "t", 15);
        var aggMode = query["aggMode"].FirstOrDefault() ?? (dropped ? "sum" : "max");
        var maxFlows = Int(query, "maxFlows", 20);
        var minValue = Number(query, "minValue", 0.1);
        var scale = Number(query, "scale", 1);
        var labels = Labels(keys, query["label"].Select(l => l ?? string.Empty).ToArray());

        var signature = string.Join('#', string.Join(',', keys), value, filter, n.ToString(CultureInfo.InvariantCulture), t.ToString(CultureInfo.InvariantCulture), dropped ? "true" : "false");
        Entry entry;
        try
        {
            entry = _definitions.GetOrAdd(signature, _ => Define(keys, value, filter, n, t, dropped));
        }
        catch (FlowSyntaxException e)
        {
            return TypedResults.BadRequest(e.Message);
        }

        entry.LastQueried = DateTime.UtcNow;
        var flows = _engine.ActiveFlows(agent, entry.Name, maxFlows, minValue, aggMode);
        var name = PrometheusText.MetricName(string.Empty, metric);
        var text = new PrometheusText(types && flows.Count > 0);
        foreach (var flow in flows)
        {
            var parts = flow.Key.Split(Separator);
            if (parts.Length != labels.Length)
            {
                return TypedResults.InternalServerError("internal_server_error: a flow's key fields do not match the keys");
            }

            text.Sample(name);
            for (var i = 0; i < parts.Length; i++)
            {
                text.Label(labels[i], parts[i]);
            }

            text.Value(flow.Value * scale);
        }

        return TypedResults.Text(text.ToString(), PrometheusText.ContentType, Encoding.UTF8);
    }

    private Entry Define(string[] keys, string value, string? filter, int n, double t, bool dropped)
    {
        var name = "prometheus_" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _engine.Flows.Set(name, new FlowDefinition
        {
            Keys = string.Join(',', keys),
            Value = value,
            Filter = string.IsNullOrEmpty(filter) ? null : filter,
            N = n,
            T = t,
            Fs = Separator,
            Dropped = dropped,
        });
        return new Entry(name) { LastQueried = DateTime.UtcNow };
    }

    /// <summary>Removes definitions no scrape has asked for in 300 s.</summary>
    internal void Sweep(DateTime now)
    {
        foreach (var (signature, entry) in _definitions)
        {
            if (now - entry.LastQueried > Idle && _definitions.TryRemove(signature, out _))
            {
                _engine.Flows.Remove(entry.Name);
            }
        }
    }

    /// <summary>
    /// A key parameter may itself list several keys (<c>key=ipsource,ipdestination</c>): split at commas outside
    /// <c>[...]</c> and not escaped.
    /// </summary>
    private static List<string> SplitKeys(string keys)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            switch (keys[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    result.Add(keys[start..i]);
                    start = i + 1;
                    break;
            }
        }

        result.Add(keys[start..]);
        return result;
    }

    /// <summary>Label names by position; an empty or missing slot keeps the sanitized key name.</summary>
    private static string[] Labels(string[] keys, string[] labels)
    {
        var result = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            result[i] = i < labels.Length && labels[i].Length > 0 ? labels[i] : PrometheusText.MetricName(string.Empty, keys[i]);
        }

        return result;
    }

    private static int Int(IQueryCollection query, string name, int fallback) =>
        int.TryParse(query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    private static double Number(IQueryCollection query, string name, double fallback) =>
        double.TryParse(query[name].FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    private sealed class Entry(string name)
    {
        public string Name { get; } = name;

        public DateTime LastQueried { get; set; }
    }
}
