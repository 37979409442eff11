using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sluice.Api;
using Sluice.Apps;
using Sluice.Engine;
using Sluice.Scripting.Hosting;
using Sluice.Serve;

namespace Sluice.Prometheus;

/// <summary>sFlow-RT's native Prometheus endpoints (sflow-rt-api.md §1.9).</summary>
internal static class PrometheusEndpoints
{
    public static IEndpointRouteBuilder MapPrometheusEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/prometheus/analyzer/txt", (SluiceEngine engine, HttpStatistics http, ServeSettings settings) =>
        {
            var stats = AnalyzerStatistics.Collect(engine, http);
            var text = new PrometheusText(settings.PrometheusTypes);
            void Write(string name, double value) => text.Sample(PrometheusText.MetricName(settings.PrometheusPrefix, "analyzer_" + name)).Value(value);
            Write("agents", stats.Agents);
            Write("uptime_ms", stats.Uptime);
            Write("datagrams_received", stats.DatagramsReceived);
            Write("bytes_received", stats.BytesReceived);
            Write("parse_errors", stats.ParseErrors);
            Write("processing_errors", stats.ProcessingErrors);
            Write("unsupported_version", stats.UnsupportedVersion);
            Write("datagrams_discarded", stats.DatagramsDiscarded);
            Write("queue_drops", stats.QueueDrops);
            Write("kernel_drops", stats.KernelDrops);
            Write("flow_samples", stats.FlowSamples);
            Write("counter_samples", stats.CounterSamples);
            Write("discard_samples", stats.DiscardSamples);
            Write("http_connections_current", stats.HttpConnectionsCurrent);
            Write("http_messages_received", stats.HttpMessagesReceived);
            Write("heap_used_bytes", stats.HeapUsed);
            Write("threads", stats.ThreadCount);
            Write("gc_time_ms", stats.GcTime);
            Write("gc_count", stats.GcCount);
            Write("cpu_time_ms", stats.CpuTime);
            Write("memory_used_bytes", stats.MemUsed);
            return TypedResults.Text(text.ToString(), PrometheusText.ContentType);
        });

        routes.MapGet("/prometheus/metrics/{agent}/{metric}/txt", async (HttpContext context, SluiceEngine engine, ServeSettings settings, string agent, string metric) =>
        {
            context.Response.ContentType = PrometheusText.ContentType;
            var output = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024);
            await using (output.ConfigureAwait(false))
            {
                await PrometheusMetrics.RenderAsync(
                    engine, agent, metric, MetricEndpoints.Filter(context.Request), settings.PrometheusPrefix, settings.PrometheusTypes, output, context.RequestAborted).ConfigureAwait(false);
                await output.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        });

        // The Prometheus app's flow export, at the app's own URL so existing scrape jobs work unchanged. An installed
        // app named prometheus with its own export.js takes precedence: the URL is then that script's.
        routes.MapGet("/app/prometheus/scripts/export.js/flows/{agent}/txt", (HttpContext context, FlowExport export, AppHost apps, ServeSettings settings, string agent) =>
            apps.FindScript("prometheus", "export.js") is null
                ? Task.FromResult(export.Render(agent, context.Request.Query, settings.PrometheusTypes))
                : AppEndpoints.DispatchAsync(context, apps, "prometheus", "export.js", $"flows/{agent}/txt"));

        // The app's summary statistics export; the query string is the data-source filter.
        routes.MapGet("/app/prometheus/scripts/export.js/statistics/{group}/{agent}/{metric}/txt", (SluiceEngine engine, ServeSettings settings, string group, string agent, string metric, HttpRequest request) =>
            TypedResults.Text(
                StatisticsExport.Render(engine, group, agent, metric, MetricEndpoints.Filter(request), settings.PrometheusPrefix, settings.PrometheusTypes),
                PrometheusText.ContentType));

        return routes;
    }
}
