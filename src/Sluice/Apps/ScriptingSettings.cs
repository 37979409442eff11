using System.Globalization;
using Microsoft.Extensions.Configuration;
using Sluice.Configuration;
using Sluice.Scripting.Hosting;

namespace Sluice.Apps;

/// <summary>
/// The app runtime's properties (sflow-rt-api.md §7): sFlow-RT's <c>script.file</c>, and Sluice's own <c>app.dir</c>
/// (default <c>app</c>), <c>store.dir</c> (default <c>store</c>), and per-callback limits <c>script.limit.statements</c>,
/// <c>script.limit.seconds</c>, <c>script.limit.megabytes</c>, <c>script.limit.depth</c>.
/// </summary>
internal static class ScriptingSettings
{
    public static ScriptingOptions From(IConfiguration configuration)
    {
        var defaults = new ScriptingOptions();
        var limits = defaults.Limits;
        return defaults with
        {
            AppDirectory = configuration["app:dir"] ?? defaults.AppDirectory,
            StoreDirectory = configuration["store:dir"] ?? defaults.StoreDirectory,
            ScriptFile = configuration["script:file"],
            Limits = limits with
            {
                MaxStatements = long.TryParse(configuration["script:limit:statements"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var statements) ? statements : limits.MaxStatements,
                MaxTime = double.TryParse(configuration["script:limit:seconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : limits.MaxTime,
                MaxMemoryBytes = long.TryParse(configuration["script:limit:megabytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var megabytes) ? megabytes * 1024 * 1024 : limits.MaxMemoryBytes,
                MaxCallDepth = SflowRtProperties.ToInt(configuration["script:limit:depth"], limits.MaxCallDepth),
            },
        };
    }
}
