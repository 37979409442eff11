using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.Api;
using Sluice.Engine;
using Sluice.Scripting.Hosting;
using Sluice.Scripting.Services;

namespace Sluice.Apps;

/// <summary>Adds the app runtime to <c>sluice serve</c>: the <see cref="AppHost"/> over the engine, started after it.</summary>
internal static class AppRegistration
{
    /// <param name="propertyKeys">The configuration keys given as <c>-D</c> properties, for <c>getSystemPropertyNames()</c>.</param>
    public static WebApplicationBuilder AddApps(this WebApplicationBuilder builder, IReadOnlyCollection<string> propertyKeys)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = ScriptingSettings.From(builder.Configuration);

        // The engine's thresholds, flow log, flow values and forwarding; a later registration (a test's) takes their place.
        builder.Services.AddSingleton<IThresholdService, EngineThresholds>();
        builder.Services.AddSingleton<IForwardingService, EngineForwarding>();
        builder.Services.AddSingleton<IFlowRecordSource, EngineFlowRecords>();
        builder.Services.AddSingleton<IFlowValueService, EngineFlowValues>();
        builder.Services.AddSingleton(services => new AppHost(options, new ScriptServices
        {
            Engine = services.GetRequiredService<SluiceEngine>(),
            Host = new ServeScriptHost(
                builder.Configuration, propertyKeys, services.GetRequiredService<SluiceEngine>(), services.GetRequiredService<HttpStatistics>(), services.GetRequiredService<GroupDefinitions>()),
            Logging = services.GetRequiredService<ILoggerFactory>(),

            Thresholds = services.GetService<IThresholdService>(),
            FlowRecords = services.GetService<IFlowRecordSource>(),
            FlowValues = services.GetService<IFlowValueService>(),
            Forwarding = services.GetService<IForwardingService>(),
            Bgp = services.GetService<Engine.Bgp.BgpService>(),
            BgpTraffic = services.GetService<Engine.Bgp.Traffic.BgpTrafficSources>(),
        }));
        builder.Services.AddHostedService<AppHostService>();
        return builder;
    }
}
