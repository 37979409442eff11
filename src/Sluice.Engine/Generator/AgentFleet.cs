using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Generator;

/// <summary>
/// A deterministic synthetic sFlow v5 agent fleet: switches and Host sFlow agents, each with its own datagram
/// sequence, per-data-source sample sequences and pools, uptime, interface and host counters, and flow samples of a
/// believable traffic mix. The fleet has its own clock (milliseconds since it started); <see cref="Fill"/> writes the
/// earliest datagram due, so the same seed and options always give the same datagrams in the same order.
/// </summary>
/// <remarks>
/// Building a datagram allocates nothing: the sampled packets are encoded once at construction and copied in.
/// Not thread-safe: one fleet per sending thread (split a big fleet into several with different seeds).
/// </remarks>
public sealed class AgentFleet
{
    private readonly FleetAgent[] _agents;
    private readonly PriorityQueue<int, long> _due;
    private readonly PacketTemplates _templates;
    private long _lastDueUs;

    public AgentFleet(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _templates = new PacketTemplates(options);
        _agents = new FleetAgent[options.Agents + options.Hosts];
        _due = new PriorityQueue<int, long>(_agents.Length);
        var samples = 0.0;
        var polls = 0.0;
        for (var i = 0; i < _agents.Length; i++)
        {
            var host = i >= options.Agents;
            var number = host ? i - options.Agents : i;

            // Agent addresses are management addresses: switches in 10.250/16 and servers in 10.251/16 (data only).
            var id = number + 1;
            Span<byte> address = [10, (byte)(host ? 251 : 250), (byte)(id >> 8), (byte)id];
            _agents[i] = new FleetAgent(options, _templates, host, number, SflowAddress.FromIPv4(address));
            _due.Enqueue(i, _agents[i].NextDueUs);
            samples += _agents[i].SamplesPerSecond;
            polls += _agents[i].PollsPerSecond;
        }

        FlowSamplesPerSecond = samples;
        CounterSamplesPerSecond = polls;

        // Mean flow sample size gives samples per datagram; counters mostly ride along in flow datagrams.
        var meanSample = 0.0;
        var previous = 0.0;
        for (var t = 0; t < _templates.Count; t++)
        {
            meanSample += (_templates.Cumulative[t] - previous) * (100 + SflowReader.Padded(_templates.Headers[t].Length));
            previous = _templates.Cumulative[t];
        }

        var perDatagram = Math.Max(1.0, Math.Floor((options.MaxDatagramSize - 28) / meanSample));
        NaturalDatagramsPerSecond = samples / perDatagram;
    }

    public FleetOptions Options { get; }

    public int AgentCount => _agents.Length;

    /// <summary>Flow samples per second of fleet time, from the port speeds, utilisations and sampling rates.</summary>
    public double FlowSamplesPerSecond { get; }

    /// <summary>Counter samples per second of fleet time (every data source once per polling interval).</summary>
    public double CounterSamplesPerSecond { get; }

    /// <summary>About how many datagrams a second of fleet time holds: the rate at which real agents would send.</summary>
    public double NaturalDatagramsPerSecond { get; }

    /// <summary>Mean sampled frame size in bytes (without FCS): what interface counters grow by per packet.</summary>
    public double MeanFrameBytes => _templates.MeanFrameBytes;

    /// <summary>Fleet time of the last datagram written, in milliseconds since the fleet started.</summary>
    public double LastDatagramMs => _lastDueUs / 1000.0;

    /// <summary>Fleet time at which the next datagram is due, in milliseconds.</summary>
    public double NextDueMs => _due.TryPeek(out _, out var dueUs) ? dueUs / 1000.0 : double.MaxValue;

    /// <summary>The largest datagram <see cref="Fill"/> can write; buffers must be at least this long.</summary>
    public int MaxDatagramSize => Math.Max(Options.MaxDatagramSize, FleetAgent.MinimumDatagramSize);

    /// <summary>
    /// Writes the earliest datagram due at or before <paramref name="nowMs"/> (fleet time) into
    /// <paramref name="buffer"/>; returns its length, or 0 when nothing is due yet. Pass <see cref="long.MaxValue"/>
    /// to take datagrams as fast as wanted, in fleet-time order.
    /// </summary>
    public int Fill(Span<byte> buffer, long nowMs, out SflowAddress agent)
    {
        if (buffer.Length < MaxDatagramSize)
        {
            throw new ArgumentException($"the buffer must hold {MaxDatagramSize} bytes", nameof(buffer));
        }

        _due.TryPeek(out var index, out var dueUs);
        if (nowMs < long.MaxValue / 1000 && dueUs > nowMs * 1000)
        {
            agent = default;
            return 0;
        }

        var fleetAgent = _agents[index];
        var length = fleetAgent.Build(buffer, dueUs);
        _due.DequeueEnqueue(index, fleetAgent.NextDueUs);
        _lastDueUs = dueUs;
        agent = fleetAgent.Address;
        return length;
    }

    /// <summary>
    /// Every packet template at every agent with the frame rate its samples stand for. A sample picks its port in
    /// proportion to the port's samples and its template by weight, and stands for the port's sampling rate in frames,
    /// so a template's true rate at an agent is its weight × the agent's frames per second.
    /// </summary>
    public IEnumerable<GeneratedFlow> ExpectedTraffic()
    {
        var previous = 0.0;
        var shares = new double[_templates.Count];
        for (var t = 0; t < shares.Length; t++)
        {
            shares[t] = _templates.Cumulative[t] - previous;
            previous = _templates.Cumulative[t];
        }

        foreach (var agent in _agents)
        {
            for (var t = 0; t < shares.Length; t++)
            {
                yield return new GeneratedFlow(agent.Address, _templates.Headers[t], _templates.FrameLengths[t], shares[t] * agent.FramesPerSecond);
            }
        }
    }

    /// <summary>The application of a sampled packet template, for tests that check the mix.</summary>
    internal TrafficClass ClassOf(int template) => _templates.Classes[template];
}
