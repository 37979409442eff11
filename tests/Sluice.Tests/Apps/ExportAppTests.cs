using System.Globalization;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>
/// An app written in the style of the Prometheus exporter app (sflow-rt-api.md §2.1): flows defined on demand per query,
/// read with activeFlows, answered as Prometheus text by its HTTP handler, and compared with the native export.
/// </summary>
public sealed class ExportAppTests
{
    private const string ExportJs = """
        // description: flow export in the style of sflow-rt/prometheus
        var definitions = {}, counter = 0;

        setIntervalHandler(function(now) {
          for (var signature in definitions) {
            if (now - definitions[signature].used > 300000) {
              clearFlow(definitions[signature].name);
              delete definitions[signature];
            }
          }
        }, 10);

        function first(query, name, fallback) { return query[name] ? query[name][0] : fallback; }
        function clean(text) { return text.replace(/[^a-zA-Z0-9_]/g, '_'); }

        setHttpHandler(function(req) {
          if (req.path.length !== 2 || req.path[0] !== 'flows' || req.format !== 'txt') throw 'not_found';
          var q = req.query;
          if (!q.metric || !q.key || !q.value) throw 'bad_request';
          var keys = q.key.join(','), value = q.value[0], filter = first(q, 'filter', '');
          var n = +first(q, 'n', 10), t = +first(q, 't', 15);
          var signature = [keys, value, filter, n, t].join('#');
          var entry = definitions[signature];
          if (!entry) {
            entry = definitions[signature] = { name: 'export_' + (++counter) };
            var spec = { keys: keys, value: value, n: n, t: t, fs: '_SEP_' };
            if (filter) spec.filter = filter;
            setFlow(entry.name, spec);
          }
          entry.used = Date.now();
          var labels = q.label || [];
          var names = q.key.map(function(k, i) { return labels[i] ? labels[i] : clean(k); });
          var scale = +first(q, 'scale', 1);
          var flows = activeFlows(req.path[1], entry.name, +first(q, 'maxFlows', 20), +first(q, 'minValue', 0.1), first(q, 'aggMode', 'max'));
          var lines = flows.map(function(flow) {
            var parts = flow.key.split('_SEP_');
            if (parts.length !== names.length) throw 'internal_server_error';
            return clean(q.metric[0]) + '{' + parts.map(function(part, i) { return names[i] + '="' + part + '"'; }).join(',') + '} ' + (flow.value * scale);
          });
          return lines.length ? lines.join('\n') + '\n' : '';
        });
        """;

    private const string Query = "?metric=flow_src_dst_bps&key=ipsource&key=ipdestination&label=src&label=dst&value=bytes&scale=8&maxFlows=10&minValue=1";

    [Fact]
    public async Task ExportApp_FlowsAllTxt_PrometheusTextMatchingNativeExport()
    {
        using var folder = new AppFolder(new Dictionary<string, string> { ["app/flowexport/scripts/export.js"] = ExportJs });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        var ct = TestContext.Current.CancellationToken;
        const string app = "/app/flowexport/scripts/export.js/flows/ALL/txt" + Query;
        const string native = "/app/prometheus/scripts/export.js/flows/ALL/txt" + Query;

        var firstApp = await host.Http.GetStringAsync(app, ct);
        var firstNative = await host.Http.GetStringAsync(native, ct);
        await host.SendAsync(Enumerable.Range(1, 20).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3,
            ("10.0.0.1", "10.0.0.2", 1500), ("10.0.0.1", "10.0.0.2", 1500), ("10.0.0.3", "10.0.0.4", 500))));
        // Rates decay between requests, so the native export is read between two reads of the app's: its values
        // must lie between theirs, however slowly a loaded machine answers.
        var appLines = Lines(await host.Http.GetStringAsync(app, ct));
        var nativeLines = Lines(await host.Http.GetStringAsync(native, ct));
        var laterAppLines = Lines(await host.Http.GetStringAsync(app, ct));

        Assert.Equal((string.Empty, string.Empty), (firstApp, firstNative));
        Assert.Equal(2, appLines.Length);
        Assert.Matches("""^flow_src_dst_bps\{src="10\.0\.0\.1",dst="10\.0\.0\.2"\} [0-9.e+]+$""", appLines[0]);
        Assert.Matches("""^flow_src_dst_bps\{src="10\.0\.0\.3",dst="10\.0\.0\.4"\} [0-9.e+]+$""", appLines[1]);
        Assert.Equal(nativeLines.Select(Series), appLines.Select(Series));
        Assert.Equal(appLines.Select(Series), laterAppLines.Select(Series));
        for (var i = 0; i < appLines.Length; i++)
        {
            var (before, fromNative, after) = (Value(appLines[i]), Value(nativeLines[i]), Value(laterAppLines[i]));
            Assert.True(after * 0.999 <= fromNative && fromNative <= before * 1.001, $"native {fromNative} not between app {before} and later app {after}");
        }

        // Six 1500-byte samples per 500-byte one at the same sampling rate.
        Assert.InRange(Value(appLines[0]) / Value(appLines[1]), 5.9, 6.1);
        Assert.NotNull(host.Engine.Flows.TryGet("export_1"));
    }

    [Fact]
    public async Task ExportApp_MissingParameters_400AndUnknownPath_404()
    {
        using var folder = new AppFolder(new Dictionary<string, string> { ["app/flowexport/scripts/export.js"] = ExportJs });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        var ct = TestContext.Current.CancellationToken;

        using var missing = await host.Http.GetAsync("/app/flowexport/scripts/export.js/flows/ALL/txt?key=ipsource&value=bytes", ct);
        using var unknown = await host.Http.GetAsync("/app/flowexport/scripts/export.js/other/txt", ct);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Series(string line) => line[..line.LastIndexOf(' ')];

    private static double Value(string line) => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
}
