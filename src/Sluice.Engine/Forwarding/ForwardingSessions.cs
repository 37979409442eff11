namespace Sluice.Engine.Forwarding;

/// <summary>
/// The named forwarding sessions (sflow-rt-api.md §1.6). Changes replace the whole array, so the workers read the
/// current sessions with one volatile read and no lock.
/// </summary>
public sealed class ForwardingSessions
{
    private readonly ForwardingPolicy _policy;
    private readonly Lock _lock = new();
    private ForwardingSession[] _sessions = [];

    internal ForwardingSessions(ForwardingPolicy policy)
    {
        _policy = policy;
    }

    /// <summary>Every session, in name order.</summary>
    public IReadOnlyList<ForwardingSession> All
    {
        get
        {
            var all = Current.ToArray();
            Array.Sort(all, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return all;
        }
    }

    internal ForwardingSession[] Current => Volatile.Read(ref _sessions);

    public ForwardingSession? Get(string name)
    {
        foreach (var session in Current)
        {
            if (session.Name == name)
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>Creates or replaces session <paramref name="name"/> (its counters start again).</summary>
    /// <exception cref="FormatException">The address, port or an agent is not valid.</exception>
    /// <exception cref="ForwardingDeniedException">The address is outside the allow-list, or there are too many sessions.</exception>
    public ForwardingSession Set(string name, ForwardingSpec spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(spec);
        var agents = new Sflow.Xdr.SflowAddress[spec.Agents.Count];
        for (var i = 0; i < agents.Length; i++)
        {
            if (!System.Net.IPAddress.TryParse(spec.Agents[i]?.Trim(), out var agent))
            {
                throw new FormatException($"agent '{spec.Agents[i]}' is not an IP address");
            }

            agents[i] = Sflow.Xdr.SflowAddress.FromIPAddress(agent.IsIPv4MappedToIPv6 ? agent.MapToIPv4() : agent);
        }

        var channel = _policy.Open(spec.Address, spec.Port);
        var session = new ForwardingSession(name, spec, channel, agents);
        lock (_lock)
        {
            var others = Array.FindAll(_sessions, s => s.Name != name);
            if (others.Length >= _policy.Options.MaxSessions)
            {
                throw new ForwardingDeniedException($"at most {_policy.Options.MaxSessions} forwarding sessions (forwarding.maxsessions)");
            }

            Volatile.Write(ref _sessions, [.. others, session]);
        }

        return session;
    }

    public bool Remove(string name)
    {
        lock (_lock)
        {
            var others = Array.FindAll(_sessions, s => s.Name != name);
            if (others.Length == _sessions.Length)
            {
                return false;
            }

            Volatile.Write(ref _sessions, others);
            return true;
        }
    }
}
