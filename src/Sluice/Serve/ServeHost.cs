using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.Api;
using Sluice.Apps;
using Sluice.Engine;
using Sluice.Persistence;
using Sluice.Prometheus;
using Sluice.Security;
using Sluice.Web;

namespace Sluice.Serve;

/// <summary>Builds the <c>sluice serve</c> web application: configuration, the engine, the REST and Prometheus endpoints.</summary>
internal static partial class ServeHost
{
    /// <summary>
    /// Configuration, lowest to highest precedence: appsettings.json beside the executable, environment variables
    /// prefixed <c>SLUICE_</c> (<c>SLUICE_http__port=8008</c>), then sFlow-RT properties (<c>-Dhttp.port=8008</c>).
    /// </summary>
    /// <summary>
    /// What the flow language looks things up in: country and ASN databases (<c>geo.country</c>, <c>geo.asn</c>, else
    /// the npm data files, see data/README.md), MAC vendors (<c>oui.names</c>, else Debian's ieee-data), and groups
    /// and maps (empty until set). Missing data only turns that lookup off, with a warning.
    /// </summary>
    private static Engine.Flows.FlowLanguageServices FlowServices(ServeSettings settings, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Enrichment");
        void Warn(string message) => LogEnrichment(logger, message);
        var paths = Engine.Enrichment.EnrichmentFiles.Locate(settings.GeoCountry, settings.GeoAsn, settings.OuiNames);
        return new Engine.Flows.FlowLanguageServices
        {
            Groups = services.GetRequiredService<Engine.Flows.FlowGroups>(),
            Maps = services.GetRequiredService<Engine.Flows.FlowMaps>(),
            Addresses = Engine.Enrichment.AddressEnrichment.Load(paths, Warn),
            Oui = Engine.Enrichment.OuiTable.Load(paths.OuiRegistry, Warn),
        };
    }

    /// <param name="configureServices">Extra registrations (tests bind in-test services here).</param>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> properties, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables("SLUICE_");
        builder.Configuration.AddInMemoryCollection(properties);
        var settings = ServeSettings.From(builder.Configuration);
        var bgpSettings = BgpSettings.From(builder.Configuration);
        builder.AddSluiceSecurity(); // before the endpoints below: HTTPS is an endpoint default

        var http = new HttpStatistics();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen) =>
                listen.Use(next => async connection =>
                {
                    http.ConnectionOpened();
                    var transport = connection.Transport;
                    var counted = new StreamDuplexPipe(new CountingDuplexStream(transport.Input.AsStream(leaveOpen: true), transport.Output.AsStream(leaveOpen: true), http));
                    connection.Transport = counted;
                    try
                    {
                        await next(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        await counted.Input.CompleteAsync().ConfigureAwait(false);
                        await counted.Output.CompleteAsync().ConfigureAwait(false);
                        connection.Transport = transport;
                        http.ConnectionClosed();
                    }
                });

            if (string.IsNullOrEmpty(settings.HttpHostname))
            {
                kestrel.ListenAnyIP(settings.HttpPort, Configure);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(settings.HttpHostname), settings.HttpPort, Configure);
            }
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        if (!Configuration.SflowRtProperties.IsYes(builder.Configuration["http:log"]))
        {
            // sFlow-RT logs requests only with http.log=yes.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(http);
        builder.Services.AddSingleton(services =>
        {
            var ingestLogger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Ingest");
            var options = settings.Engine with { WorkerErrorReporter = error => LogWorkerError(ingestLogger, error) };
            return new SluiceEngine(options, FlowServices(settings, services));
        });
        builder.Services.AddSingleton<FlowExport>();
        builder.Services.AddSingleton<GroupDefinitions>();
        builder.Services.AddSingleton<Engine.Flows.FlowGroups>();
        builder.Services.AddSingleton<Engine.Flows.FlowMaps>();
        builder.AddDefinitionStore(); // before the engine and the apps start: REST definitions are restored first
        builder.Services.AddHostedService<EngineService>();
        builder.AddApps([.. properties.Keys]);
        builder.AddWebUi();
        configureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton(bgpSettings);
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Bgp");
            return new Engine.Bgp.BgpService(bgpSettings.Service, message => LogBgp(logger, message));
        });
        builder.Services.AddSingleton(services => new Engine.Bgp.Traffic.BgpTrafficSources(
            services.GetRequiredService<SluiceEngine>(), services.GetRequiredService<Engine.Bgp.BgpService>()));
        builder.Services.AddHostedService<BgpHostedService>();
        var ddos = DdosSettings.Enabled(builder.Configuration);
        if (ddos)
        {
            var ddosOptions = DdosSettings.From(builder.Configuration);
            builder.Services.AddSingleton(services =>
            {
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Ddos");
                return new Engine.Ddos.DdosProtect(
                    services.GetRequiredService<SluiceEngine>(),
                    services.GetRequiredService<Engine.Bgp.BgpService>(),
                    services.GetRequiredService<Engine.Flows.FlowGroups>(),
                    ddosOptions,
                    message => LogBgp(logger, message));
            });
            builder.Services.AddHostedService<DdosHostedService>();
        }

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            http.Request();
            if (settings.HttpReadonly && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                // http.readonly=yes: nothing may be changed over REST.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response();
                return;
            }

            await next(context).ConfigureAwait(false);
            http.Response();
        });
        app.UseSluiceSecurity();
        app.MapAnalyzerEndpoints();
        app.MapMetricEndpoints();
        app.MapGroupEndpoints();
        app.MapFlowEndpoints();
        app.MapFlowLogEndpoints();
        app.MapThresholdEndpoints();
        app.MapForwardingEndpoints();
        app.MapTopologyEndpoints();
        app.MapPrometheusEndpoints();
        app.MapAppEndpoints();
        app.MapBgpEndpoints();
        app.MapDataSourceEndpoints();
        app.MapWebUi(WebUiSettings.From(builder.Configuration));
        if (ddos)
        {
            app.MapDdosEndpoints(settings.PrometheusPrefix);
        }
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogEnrichment(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogBgp(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "A datagram could not be processed and was skipped (sFlowProcessingErrors counts them; this is reported at most once a minute per worker)")]
    private static partial void LogWorkerError(ILogger logger, Exception error);
}
