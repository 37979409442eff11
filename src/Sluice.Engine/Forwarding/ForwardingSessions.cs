namespace Sluice.Engine.Forwarding;

/// <summary>
/// The named forwarding sessions (sflow-rt-api.md §1.6), read by the workers without a lock.
/// </summary>
public sealed class ForwardingSessions
{
    private readonly ForwardingPolicy _policy;
    private readonly NamedSet<ForwardingSession> _sessions = new(s => s.Name);

    internal ForwardingSessions(ForwardingPolicy policy)
    {
        _policy = policy;
    }

    /// <summary>Every session, in name order.</summary>
    public IReadOnlyList<ForwardingSession> All => _sessions.Sorted;

    internal ForwardingSession[] Current => _sessions.Current;

    public ForwardingSession? Get(string name) => _sessions.Get(name);

    /// <summary>Creates or replaces session <paramref name="name"/> (its counters start again).</summary>
    /// <exception cref="FormatException">The address, port or an agent is not valid.</exception>
    /// <exception cref="ForwardingDeniedException">The address is outside the allow-list, or there are too many sessions.</exception>
    public ForwardingSession Set(string name, ForwardingSpec spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        var listed = spec.Agents ?? [];
        var agents = new Sflow.Xdr.SflowAddress[listed.Count];
        for (var i = 0; i < agents.Length; i++)
        {
            if (!System.Net.IPAddress.TryParse(listed[i]?.Trim(), out var agent))
            {
                throw new FormatException($"agent '{listed[i]}' is not an IP address");
            }

            agents[i] = Sflow.Xdr.SflowAddress.FromIPAddress(agent.IsIPv4MappedToIPv6 ? agent.MapToIPv4() : agent);
        }

        var channel = _policy.Open(spec.Address, spec.Port);
        var session = new ForwardingSession(name, spec, channel, agents);
        _sessions.Set(session, _policy.Options.MaxSessions, $"at most {_policy.Options.MaxSessions} forwarding sessions (forwarding.maxsessions)");
        return session;
    }

    public bool Remove(string name) => _sessions.Remove(name);
}
