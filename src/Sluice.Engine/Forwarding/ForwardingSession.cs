using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>One named forwarding session: its settings as given, what it has sent, and its compiled agent filter.</summary>
public sealed class ForwardingSession
{
    private readonly SflowAddress[] _agents;

    internal ForwardingSession(string name, ForwardingSpec spec, ForwardingChannel channel, SflowAddress[] agents)
    {
        Name = name;
        Spec = spec;
        Channel = channel;
        _agents = agents;
    }

    public string Name { get; }

    public ForwardingSpec Spec { get; }

    public ForwardingStatistics Statistics => Channel.Statistics;

    internal ForwardingChannel Channel { get; }

    /// <summary>True when the session forwards only some agents (the worker then reads each datagram's header).</summary>
    internal bool FiltersAgents => _agents.Length > 0;

    internal bool Accepts(in SflowAddress agent)
    {
        foreach (var wanted in _agents)
        {
            if (wanted == agent)
            {
                return true;
            }
        }

        return false;
    }
}
