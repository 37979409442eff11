using Microsoft.Extensions.Hosting;
using Sluice.Scripting.Hosting;

namespace Sluice.Apps;

/// <summary>Starts the apps and <c>script.file</c> once the engine runs, and stops them (a graceful exit) with the host.</summary>
internal sealed class AppHostService : IHostedService
{
    private readonly AppHost _apps;

    public AppHostService(AppHost apps)
    {
        _apps = apps;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _apps.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _apps.Dispose();
        return Task.CompletedTask;
    }
}
