using System.Collections.Frozen;
using Sluice.Api;
using Sluice.Engine.Flows;
using Sluice.Scripting.Hosting;

namespace Sluice.Web;

/// <summary>
/// The REST API as the explorer shows it: one <see cref="ApiOperation"/> per <c>METHOD /path</c>. Kept in one table,
/// beside the document it feeds, so every endpoint group reads the same way (sflow-rt-api.md §1 is the source of
/// the summaries); an endpoint missing here still appears in the document, only without the extras.
/// </summary>
internal static class ApiCatalog
{
    private const string Server = "Server";
    private const string Metrics = "Metrics";
    private const string Flows = "Flows";
    private const string Thresholds = "Thresholds and events";
    private const string Groups = "Groups and maps";
    private const string Forwarding = "Forwarding";
    private const string Topology = "Topology";
    private const string Bgp = "BGP and FlowSpec";
    private const string Prometheus = "Prometheus";
    private const string Apps = "Applications and scripts";
    private const string Ddos = "DDoS protection";

    private static readonly KeyValuePair<string, string>[] MetricFilter =
    [
        new("filter", "any other query parameter filters by metric value, e.g. os_name=linux (repeatable, wildcards allowed)"),
    ];

    private static readonly KeyValuePair<string, string>[] ActiveFlowQuery =
    [
        new("maxFlows", "largest number of flows returned (default 100)"),
        new("minValue", "smallest value returned (default 0)"),
        new("aggMode", "how the same key seen on several data sources is combined: max (default), sum, edge or core"),
        new("filter", "a filter over the flow's own keys, e.g. ipsource=10.0.0.1"),
    ];

    private static readonly KeyValuePair<string, string>[] KeyQuery = [new("key", "the flow key, fields joined by the flow's separator")];

    private const string FlowExample = """{"keys":"ipsource,ipdestination","value":"bytes","filter":"ipprotocol=6","n":20,"t":2}""";

    private static readonly FrozenDictionary<string, ApiOperation> Operations = new Dictionary<string, ApiOperation>(StringComparer.Ordinal)
    {
        ["GET /version"] = new(Server, "Engine version, as plain text"),
        ["GET /analyzer/json"] = new(Server, "Analyzer statistics: datagrams, bytes, errors, drops, CPU, memory, GC", typeof(AnalyzerStatistics)),
        ["GET /license/json"] = new(Server, "License object (Sluice is open source: always the open license)", typeof(LicenseInfo)),
        ["GET /status"] = new(Server, "OK while every app script runs or exited cleanly, UNAVAILABLE (503) otherwise"),
        ["GET /agents/json"] = new(Server, "Per-agent session statistics: datagrams, loss, samples, data sources", typeof(IDictionary<string, AgentStatistics>),
            Query: [new("agent", "only these agents (repeatable)")]),
        ["GET /agents/{agent}/datasources/json"] = new(Server, "The data sources of an agent: sampling rate, polling interval, samples and loss (a Sluice addition)",
            typeof(IReadOnlyList<DataSourceStatistics>)),

        ["GET /metrics/json"] = new(Metrics, "Every metric name seen, with the ms since it was last seen", typeof(IDictionary<string, long>)),
        ["GET /metric/{agent}/json"] = new(Metrics, "Every metric of the selected agents, keyed <data source>.<metric>",
            ResponseExample: """{"2.ifinoctets":12500.0,"2.ifspeed":10000000000,"2.ifoperstatus":"up"}"""),
        ["GET /metric/{agent}/{metric}/json"] = new(Metrics, "Metric values across agents; prefix a metric with max:, min:, sum: or avg: to aggregate",
            ResponseExample: """[{"agent":"10.0.0.1","dataSource":"2","metricName":"ifinutilization","metricValue":12.5,"lastUpdate":512}]""",
            Query: MetricFilter),
        ["GET /table/{agent}/{metric}/json"] = new(Metrics, "Metrics as a table, one row per data source", Query: MetricFilter),
        ["GET /dump/{agent}/{metric}/json"] = new(Metrics, "Every matching metric value of every data source", Query: MetricFilter),

        ["GET /flow/json"] = new(Flows, "Every flow definition",
            ResponseExample: """{"pairs":""" + FlowExample + "}"),
        ["GET /flow/{name}/json"] = new(Flows, "One flow definition", ResponseExample: FlowExample),
        ["PUT /flow/{name}/json"] = new(Flows, "Define a flow: keys, value, filter, n, t (204; 400 names the bad token)", RequestExample: FlowExample),
        ["DELETE /flow/{name}/json"] = new(Flows, "Remove a flow definition"),
        ["GET /activeflows/{agent}/{name}/json"] = new(Flows, "The largest flows of a definition right now, as rates per second",
            typeof(IReadOnlyList<ActiveFlow>), Query: ActiveFlowQuery),
        ["GET /flowkeys/json"] = new(Flows, "Every flow key seen in sampled packets, with the ms since it was last seen", typeof(IDictionary<string, long>)),
        ["GET /flowvalue/{agent}/{name}/json"] = new(Flows, "The value of one key; name is <data source>.<flow>", Query: KeyQuery),
        ["GET /flowlocations/{agent}/{name}/json"] = new(Flows, "Where a key is seen: agent and data source", Query: KeyQuery),
        ["GET /flows/json"] = new(Flows, "Logged flows (definitions with log:true)",
            Query: [new("name", "only records of this flow"), new("maxFlows", "largest number of records"), new("flowID", "only records after this id"), new("timeout", "seconds to wait for new records")]),

        ["GET /threshold/json"] = new(Thresholds, "Every threshold"),
        ["GET /threshold/{name}/json"] = new(Thresholds, "One threshold"),
        ["PUT /threshold/{name}/json"] = new(Thresholds, "Define a threshold on a metric",
            RequestExample: """{"metric":"pairs","value":1000000,"byFlow":true,"timeout":10}"""),
        ["DELETE /threshold/{name}/json"] = new(Thresholds, "Remove a threshold"),
        ["GET /events/json"] = new(Thresholds, "Threshold events, oldest first",
            Query: [new("maxEvents", "largest number of events"), new("eventID", "only events after this id"), new("timeout", "seconds to wait for new events"), new("thresholdID", "only events of this threshold")]),

        ["GET /group/json"] = new(Groups, "Every address group"),
        ["GET /group/{name}/json"] = new(Groups, "One address group: name to list of CIDR prefixes"),
        ["PUT /group/{name}/json"] = new(Groups, "Define address groups for group: keys",
            RequestExample: """{"inside":["10.0.0.0/8"],"outside":["0.0.0.0/0"]}"""),
        ["DELETE /group/{name}/json"] = new(Groups, "Remove address groups"),
        ["GET /map/json"] = new(Groups, "Every map"),
        ["GET /map/{name}/json"] = new(Groups, "One map: name to list of CIDR prefixes"),
        ["PUT /map/{name}/json"] = new(Groups, "Define a map for map: keys", RequestExample: """{"web":["10.1.0.0/16"]}"""),
        ["DELETE /map/{name}/json"] = new(Groups, "Remove a map"),

        ["GET /forwarding/json"] = new(Forwarding, "Every forwarding session"),
        ["GET /forwarding/{name}/json"] = new(Forwarding, "One forwarding session"),
        ["PUT /forwarding/{name}/json"] = new(Forwarding, "Re-send received sFlow to collectors",
            RequestExample: """{"address":"127.0.0.1","port":7343}"""),
        ["DELETE /forwarding/{name}/json"] = new(Forwarding, "Stop a forwarding session"),
        ["GET /tenant/json"] = new(Forwarding, "Every tenant"),
        ["GET /tenant/{name}/json"] = new(Forwarding, "One tenant"),
        ["PUT /tenant/{name}/json"] = new(Forwarding, "Send a tenant its own filtered sFlow",
            RequestExample: """{"collectorAddress":"127.0.0.1","collectorPort":8343,"filters":{"cidr":["10.1.0.0/16"]}}"""),
        ["DELETE /tenant/{name}/json"] = new(Forwarding, "Remove a tenant"),

        ["GET /topology/json"] = new(Topology, "The installed topology"),
        ["PUT /topology/json"] = new(Topology, "Install a topology: nodes and links",
            RequestExample: """{"links":{"L1":{"node1":"leaf1","port1":"swp1","node2":"spine1","port2":"swp1"}}}"""),

        ["GET /bgp/neighbors/json"] = new(Bgp, "BGP sessions and their state"),
        ["GET /bgp/flowspec/{router}/json"] = new(Bgp, "FlowSpec rules announced to a router"),
        ["PUT /bgp/flowspec/{router}/json"] = new(Bgp, "Announce a FlowSpec rule",
            RequestExample: """{"match":{"destination":"10.0.0.1/32","protocol":"=17"},"then":{"traffic-rate":0}}"""),
        ["DELETE /bgp/flowspec/{router}/json"] = new(Bgp, "Withdraw FlowSpec rules"),
        ["GET /bgp/routepusher/{router}/json"] = new(Bgp, "Routes pushed to a router"),
        ["GET /bgp/routepusher/{router}/{address}/{bits}/json"] = new(Bgp, "One pushed route"),
        ["PUT /bgp/routepusher/{router}/{address}/{bits}/json"] = new(Bgp, "Push a route (e.g. remotely triggered black hole)",
            RequestExample: """{"communities":["65535:666"]}"""),
        ["DELETE /bgp/routepusher/{router}/{address}/{bits}/json"] = new(Bgp, "Withdraw a pushed route"),
        ["GET /bgp/topprefixes/{router}/json"] = new(Bgp, "IPv4 prefixes with the most traffic"),
        ["GET /bgp/topprefixes6/{router}/json"] = new(Bgp, "IPv6 prefixes with the most traffic"),

        ["GET /prometheus/analyzer/txt"] = new(Prometheus, "Analyzer statistics in Prometheus text format"),
        ["GET /prometheus/metrics/{agent}/{metric}/txt"] = new(Prometheus, "Metrics in Prometheus text format (metric ALL for every metric)"),
        ["GET /app/prometheus/scripts/export.js/flows/{agent}/txt"] = new(Prometheus, "Flows as Prometheus metrics, defined by the query (the prometheus app's API)",
            Query: [new("metric", "Prometheus metric name"), new("key", "flow keys"), new("label", "label names"), new("value", "flow value"),
                new("filter", "flow filter"), new("n", "flows kept per data source (default 10)"), new("t", "smoothing time constant in seconds (default 15)"),
                new("dropped", "true: dropped packets instead of sampled ones"), new("scale", "value multiplier"), new("aggMode", "max or sum"), new("maxFlows", "largest number of flows"), new("minValue", "smallest value")]),
        ["GET /app/prometheus/scripts/export.js/statistics/{group}/{agent}/{metric}/txt"] = new(Prometheus, "Statistics of a metric in Prometheus text format"),

        ["GET /apps/json"] = new(Apps, "Installed apps, with their html entry and scripts"),
        ["GET /scripts/json"] = new(Apps, "Each script's counters, liveness and last error", typeof(IDictionary<string, ScriptStatus>)),
        ["GET /app/{name}/status"] = new(Apps, "OK when every script of the app is healthy, UNAVAILABLE (503) otherwise"),
        ["GET /app/{name}/html/{path}"] = new(Apps, "The app's static pages"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The entry for <paramref name="method"/> and the route <paramref name="path"/> (<c>/flow/{name}/json</c>).</summary>
    public static ApiOperation? Find(string method, string path) =>
        Operations.GetValueOrDefault(method + " " + path) ?? (path.StartsWith("/app/ddos-protect/", StringComparison.Ordinal) ? new ApiOperation(Ddos, "DDoS protection app") : null);

    /// <summary>Every catalogued <c>METHOD /path</c> (the tests check each is still a route).</summary>
    public static IEnumerable<string> Keys => Operations.Keys;
}
