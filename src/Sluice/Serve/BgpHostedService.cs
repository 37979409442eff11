using Microsoft.Extensions.Hosting;
using Sluice.Engine.Bgp;

namespace Sluice.Serve;

/// <summary>
/// Runs the BGP speaker with the host: adds the configured neighbors, opens the listener (<c>bgp.start=yes</c>), and on
/// shutdown withdraws every rule and route from the routers before the process ends.
/// </summary>
internal sealed class BgpHostedService(BgpService bgp, BgpSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var neighbor in settings.Neighbors)
        {
            bgp.AddNeighbor(neighbor);
        }

        bgp.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => bgp.StopAsync();
}
