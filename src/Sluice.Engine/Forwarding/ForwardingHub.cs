using System.Net;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// The engine's forwarding: sessions and tenants under one policy and one pair of sockets, shared by the workers.
/// </summary>
internal sealed class ForwardingHub : IDisposable
{
    public ForwardingHub(ForwardingOptions options, int workers, Func<IPEndPoint?> localEndPoint, Func<SflowAddress, string, uint?> portByName)
    {
        Options = options;
        Sender = new DatagramSender();
        var policy = new ForwardingPolicy(options, Sender, workers, localEndPoint);
        Sessions = new ForwardingSessions(policy);
        Tenants = new Tenants(policy, portByName);
    }

    public ForwardingOptions Options { get; }

    public DatagramSender Sender { get; }

    public ForwardingSessions Sessions { get; }

    public Tenants Tenants { get; }

    /// <summary>A hub with no way to learn port names or the engine's own port, for tests of one shard.</summary>
    public static ForwardingHub Standalone(ForwardingOptions options, int workers = 1) =>
        new(options, workers, () => null, (_, _) => null);

    public void Dispose() => Sender.Dispose();
}
