using System.Text;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Generator;

/// <summary>
/// One simulated agent: a switch with many ports, or a Host sFlow agent with one NIC, host counters and containers.
/// Its state is the sequence numbers, sample pools and two clocks (next flow datagram, next counter poll); counters
/// are computed from the time since boot, so they are consistent with the flow traffic whatever the pace.
/// </summary>
internal sealed class FleetAgent
{
    private const int DatagramHeaderBytes = 28; // sFlow v5 header with an IPv4 agent address
    private const int FlowSampleFixedBytes = 100; // expanded flow sample + header record framing + extended switch

    private readonly PacketTemplates _templates;
    private readonly int _maxDatagram;
    private readonly SflowAddress _address;
    private readonly long _bootOffsetMs;
    private FastRandom _random;

    // Ports (interfaces that sample packets and report 0:1/0:2/0:1005 counters).
    private readonly uint[] _ifIndex;
    private readonly ulong[] _speed;
    private readonly uint[] _samplingRate;
    private readonly double[] _inBytesPerSecond;
    private readonly double[] _outBytesPerSecond;
    private readonly uint[] _flowSequence;
    private readonly uint[] _samplePool;
    private readonly byte[][] _portName;
    private readonly double[] _portCumulative;
    private readonly double _microsecondsPerSample;
    private double _nextFlowUs;
    private int _pendingTemplate = -1;

    // Counter polling: each source in turn, evenly spread over the interval.
    private readonly PollSource[] _pollKind;
    private readonly int[] _pollIndex;
    private readonly uint[] _counterSequence;
    private readonly int[] _counterBytes;
    private readonly double _pollStepUs;
    private int _nextPoll;
    private double _nextPollUs;

    // Host sFlow identity.
    private readonly byte[] _hostName = [];
    private readonly byte[] _uuid = new byte[16];
    private readonly byte[][] _containerNames = [];
    private readonly byte[][] _containerUuids = [];

    private uint _datagramSequence;

    public FleetAgent(FleetOptions options, PacketTemplates templates, bool host, int index, SflowAddress address)
    {
        _templates = templates;
        _maxDatagram = options.MaxDatagramSize;
        _address = address;
        IsHost = host;
        _random = new FastRandom(options.Seed * 7919 + (ulong)index + (host ? 1_000_003UL : 0));

        // Up between 1 hour and 40 days: uptimes differ, and some agents wrap their 32-bit packet counters soon.
        _bootOffsetMs = 3_600_000L + (long)(_random.NextDouble() * 40 * 86_400_000L);

        var ports = host ? 1 : options.Interfaces;
        var uplinks = host ? 0 : Math.Min(4, ports / 12);
        _ifIndex = new uint[ports];
        _speed = new ulong[ports];
        _samplingRate = new uint[ports];
        _inBytesPerSecond = new double[ports];
        _outBytesPerSecond = new double[ports];
        _flowSequence = new uint[ports];
        _samplePool = new uint[ports];
        _portName = new byte[ports][];
        _portCumulative = new double[ports];
        var samplesPerSecond = 0.0;
        for (var p = 0; p < ports; p++)
        {
            var uplink = p >= ports - uplinks;
            _ifIndex[p] = host ? 2u : (uint)(p + 1);
            _speed[p] = uplink ? 100_000_000_000UL : 10_000_000_000UL;

            // Vendors scale the sampling rate with the speed, so a 100G uplink is sampled 1 in 10 x N.
            _samplingRate[p] = (uint)Math.Max(1L, options.SamplingRate * (long)(_speed[p] / 10_000_000_000UL));
            var utilisation = host
                ? options.Utilisation * 0.3
                : _random.NextDouble() < 0.1 ? 0.001 : options.Utilisation * (0.2 + (1.6 * _random.NextDouble()));
            utilisation = Math.Min(utilisation, 0.95);
            _inBytesPerSecond[p] = _speed[p] / 8.0 * utilisation * (0.6 + (0.8 * _random.NextDouble()));
            _outBytesPerSecond[p] = _speed[p] / 8.0 * utilisation * (0.6 + (0.8 * _random.NextDouble()));
            _portName[p] = Encoding.ASCII.GetBytes(host ? "eth0" : $"eth{_ifIndex[p]}");
            samplesPerSecond += _inBytesPerSecond[p] / templates.MeanFrameBytes / _samplingRate[p];
            _portCumulative[p] = samplesPerSecond;
        }

        for (var p = 0; p < ports; p++)
        {
            _portCumulative[p] /= samplesPerSecond;
        }

        _portCumulative[^1] = 1.0;
        SamplesPerSecond = samplesPerSecond;
        var inBytesPerSecond = 0.0;
        foreach (var bytes in _inBytesPerSecond)
        {
            inBytesPerSecond += bytes;
        }

        FramesPerSecond = inBytesPerSecond / templates.MeanFrameBytes;
        _microsecondsPerSample = 1_000_000.0 / samplesPerSecond;

        // The first flow datagram is due once about a datagram's worth of samples has accumulated.
        _nextFlowUs = _random.NextDouble() * 6 * _microsecondsPerSample;

        var containers = host ? options.ContainersPerHost : 0;
        var sources = ports + (host ? 1 + containers : 0);
        _pollKind = new PollSource[sources];
        _pollIndex = new int[sources];
        _counterSequence = new uint[sources];
        for (var p = 0; p < ports; p++)
        {
            _pollKind[p] = PollSource.Interface;
            _pollIndex[p] = p;
        }

        if (host)
        {
            _hostName = Encoding.ASCII.GetBytes($"server-{index + 1:D3}");
            FillUuid(_uuid);
            _pollKind[ports] = PollSource.Host;
            _containerNames = new byte[containers][];
            _containerUuids = new byte[containers][];
            for (var c = 0; c < containers; c++)
            {
                _pollKind[ports + 1 + c] = PollSource.Container;
                _pollIndex[ports + 1 + c] = c;
                _containerNames[c] = Encoding.ASCII.GetBytes($"{ContainerRoles[c % ContainerRoles.Length]}-{index + 1}-{c + 1}");
                _containerUuids[c] = new byte[16];
                FillUuid(_containerUuids[c]);
            }
        }

        _pollStepUs = options.PollingIntervalSeconds * 1_000_000.0 / sources;
        _nextPollUs = _random.NextDouble() * _pollStepUs;
        PollsPerSecond = sources / (double)options.PollingIntervalSeconds;

        // Counter samples have fixed layouts: measure each once so packing never has to undo a sample.
        _counterBytes = new int[sources];
        var scratch = new byte[65_536];
        for (var s = 0; s < sources; s++)
        {
            var measure = new SflowDatagramWriter(scratch);
            measure.WriteHeader(_address, 0, 0, 0);
            var before = measure.Length;
            WriteCounterSample(ref measure, s, 0);
            _counterBytes[s] = measure.Length - before;
            _counterSequence[s] = 0;
        }
    }

    private static readonly string[] ContainerRoles = ["web", "api", "db", "cache", "queue"];

    public bool IsHost { get; }

    public SflowAddress Address => _address;

    public double SamplesPerSecond { get; }

    public double PollsPerSecond { get; }

    /// <summary>Frames per second the agent's samples stand for (each sample is worth its port's sampling rate).</summary>
    public double FramesPerSecond { get; }

    public int PortCount => _ifIndex.Length;

    /// <summary>When this agent next has something to send, in microseconds of fleet time.</summary>
    public long NextDueUs => (long)Math.Ceiling(Math.Min(_nextFlowUs, _nextPollUs)); // rounded up, so it is due then

    /// <summary>Builds the datagram due at <paramref name="nowUs"/>: counter samples due by then, then flow samples.</summary>
    public int Build(Span<byte> buffer, long nowUs)
    {
        var writer = new SflowDatagramWriter(buffer);
        var uptimeMs = _bootOffsetMs + (nowUs / 1000);
        writer.WriteHeader(_address, 0, ++_datagramSequence, unchecked((uint)uptimeMs));

        while (_nextPollUs <= nowUs && writer.Length + CounterSampleBytes(_nextPoll) <= _maxDatagram)
        {
            WriteCounterSample(ref writer, _nextPoll, uptimeMs);
            _nextPoll = _nextPoll + 1 == _pollKind.Length ? 0 : _nextPoll + 1;
            _nextPollUs += _pollStepUs;
        }

        if (_nextFlowUs <= nowUs)
        {
            var written = 0;
            while (true)
            {
                var template = _pendingTemplate >= 0 ? _pendingTemplate : _templates.Pick(_random.NextDouble());
                if (writer.Length + FlowSampleFixedBytes + SflowReader.Padded(_templates.Headers[template].Length) > _maxDatagram)
                {
                    _pendingTemplate = template;
                    break;
                }

                _pendingTemplate = -1;
                WriteFlowSample(ref writer, template);
                written++;
            }

            _nextFlowUs += written * _microsecondsPerSample;
        }

        return writer.Finish().Length;
    }

    /// <summary>The size of the largest datagram this agent can build; every flow sample fits an empty datagram.</summary>
    public static int MinimumDatagramSize => DatagramHeaderBytes + FlowSampleFixedBytes + PacketTemplates.HeaderBytes;

    private void WriteFlowSample(ref SflowDatagramWriter writer, int template)
    {
        var port = PickPort(_random.NextDouble());
        var ports = _ifIndex.Length;
        var output = ports == 1 ? 0 : (port + 1 + (template % (ports - 1))) % ports;
        var rate = _samplingRate[port];

        // The pool counts every packet the port saw: on average one sampling interval per sample.
        _samplePool[port] = unchecked(_samplePool[port] + (rate / 2) + (uint)_random.Next((int)Math.Min(rate, int.MaxValue) + 1));
        var sample = new SflowSample
        {
            SequenceNumber = ++_flowSequence[port],
            SourceIdClass = 0,
            SourceIdIndex = _ifIndex[port],
            SamplingRate = rate,
            SamplePool = _samplePool[port],
            Drops = 0,
            InputFormat = 0,
            Input = _ifIndex[port],
            OutputFormat = 0,
            Output = _ifIndex[output],
        };
        writer.BeginFlowSample(sample);

        // sFlow v5, sampled_header: protocol 1 (Ethernet), frame length incl. FCS, 4 bytes stripped (the FCS).
        var header = _templates.Headers[template];
        writer.BeginRecord(FlowRecordTags.SampledHeader);
        ref var body = ref writer.Body;
        body.WriteUInt32(1);
        body.WriteUInt32((uint)_templates.FrameLengths[template]);
        body.WriteUInt32(4);
        body.WriteOpaque(header);
        writer.EndRecord();

        // sFlow v5, extended_switch: same VLAN in and out, priority 0.
        writer.BeginRecord(FlowRecordTags.ExtendedSwitch);
        var vlan = _templates.Vlans[template];
        body.WriteUInt32(vlan);
        body.WriteUInt32(0);
        body.WriteUInt32(vlan);
        body.WriteUInt32(0);
        writer.EndRecord();
        writer.EndSample();
    }

    private int PickPort(double u) => WeightedPick.Index(_portCumulative, u);

    private int CounterSampleBytes(int source) => _counterBytes[source];

    private void WriteCounterSample(ref SflowDatagramWriter writer, int source, long uptimeMs)
    {
        var index = _pollIndex[source];
        var kind = _pollKind[source];
        var sample = new SflowSample
        {
            SequenceNumber = ++_counterSequence[source],
            SourceIdClass = kind switch { PollSource.Interface => 0u, PollSource.Host => 2u, _ => 3u },
            SourceIdIndex = kind switch { PollSource.Interface => _ifIndex[index], PollSource.Host => 1u, _ => (uint)(index + 1) },
        };
        writer.BeginCountersSample(sample);
        var seconds = uptimeMs / 1000.0;
        switch (kind)
        {
            case PollSource.Interface:
                CounterRecords.WriteInterface(ref writer, _ifIndex[index], _speed[index], _inBytesPerSecond[index],
                    _outBytesPerSecond[index], _templates.MeanFrameBytes, seconds, _portName[index]);
                break;
            case PollSource.Host:
                CounterRecords.WriteHost(ref writer, _hostName, _uuid, seconds, _inBytesPerSecond[0],
                    _outBytesPerSecond[0], _templates.MeanFrameBytes);
                break;
            default:
                CounterRecords.WriteContainer(ref writer, _containerNames[index], _containerUuids[index], index, seconds,
                    _inBytesPerSecond[0], _outBytesPerSecond[0], _templates.MeanFrameBytes);
                break;
        }

        writer.EndSample();
    }

    private void FillUuid(Span<byte> uuid)
    {
        for (var i = 0; i < uuid.Length; i++)
        {
            uuid[i] = (byte)_random.Next(256);
        }

        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x40); // RFC 9562 version 4
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
    }
}
