using Microsoft.Extensions.DependencyInjection;
using Sluice.Scripting.Hosting;

namespace Sluice.Tests.Apps;

internal static class AppHostAccess
{
    /// <summary>The app host of a running <c>sluice serve</c>.</summary>
    public static AppHost GetAppHost(this IServiceProvider services) => services.GetRequiredService<AppHost>();
}
