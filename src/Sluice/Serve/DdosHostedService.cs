using Microsoft.Extensions.Hosting;
using Sluice.Api;
using Sluice.Engine.Ddos;

namespace Sluice.Serve;

/// <summary>Starts the built-in DDoS protection after the engine and the BGP speaker, and stops it first.</summary>
internal sealed class DdosHostedService(DdosProtect ddos, GroupDefinitions stored) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ddos.Start();

        // The group set shows in /group/json like one a script set.
        stored.Groups[DdosProtect.GroupSetName] = ddos.Options.Groups.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ddos.Dispose();
        return Task.CompletedTask;
    }
}
