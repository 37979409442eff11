using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sluice.Configuration;
using Sluice.Engine.Persistence;

namespace Sluice.Persistence;

/// <summary>
/// Adds the store of REST definitions to <c>sluice serve</c>. Sluice's own properties: <c>store.definitions</c>
/// (<c>yes</c>, the default, or <c>no</c>) and the existing <c>store.dir</c> (default <c>store</c> under the working
/// directory, as sFlow-RT's <c>store/</c>): the files go in its <c>definitions</c> folder, apart from the apps'
/// <c>storeSet</c> files, which are named after the apps.
/// </summary>
internal static partial class DefinitionStoreRegistration
{
    /// <summary>The folder of <c>store.dir</c> that holds the definition files.</summary>
    public const string Folder = "definitions";

    /// <summary>Call before the app runtime is added: hosted services start in order, and apps must find the REST definitions in place.</summary>
    public static WebApplicationBuilder AddDefinitionStore(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var enabled = builder.Configuration["store:definitions"] is not { } value || SflowRtProperties.IsYes(value);
        var directory = Path.Combine(Path.GetFullPath(builder.Configuration["store:dir"] ?? "store"), Folder);
        builder.Services.AddSingleton(services =>
        {
            if (!enabled)
            {
                return DefinitionStore.Off;
            }

            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Sluice.Persistence");
            return new DefinitionStore(directory, message => LogStore(logger, message));
        });
        builder.Services.AddHostedService<DefinitionRestoreService>();
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogStore(ILogger logger, string message);
}
