using System.Buffers.Binary;
using System.Numerics;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// The tenants' pass over one v5 datagram: decides for each sample which tenants it belongs to (a bit per tenant),
/// looking at ports first and at the sampled packet only when a tenant still needs it, then hands the sample's bytes,
/// verbatim, to each matching tenant's batch. Learns ifName → ifIndex from port_name counter records on the way.
/// </summary>
internal ref struct TenantVisitor : ISflowVisitor
{
    private readonly ReadOnlySpan<byte> _datagram;
    private readonly ShardForwarder _forwarder;
    private readonly Tenant[] _tenants;
    private readonly int _worker;
    private AgentStream _stream;
    private uint _uptime;
    private bool _v5;
    private int _sampleLength;
    private ulong _matched;
    private ulong _undecided;

    public TenantVisitor(ReadOnlySpan<byte> datagram, ShardForwarder forwarder, Tenant[] tenants, int worker)
    {
        _datagram = datagram;
        _forwarder = forwarder;
        _tenants = tenants;
        _worker = worker;
    }

    public void OnDatagram(in SflowDatagramHeader header)
    {
        // Only v5 samples can be copied into a v5 datagram unchanged; legacy v2/v4 agents are left out.
        _v5 = header.Version == 5;
        _stream = new AgentStream(header.Agent, header.SubAgentId);
        _uptime = header.Uptime;
    }

    public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
    {
        _matched = 0;
        _undecided = 0;
        _sampleLength = 8 + body.Length;
        if (!_v5)
        {
            return;
        }

        var agent = _stream.Agent;
        switch (sample.Kind)
        {
            case SampleKind.Flow or SampleKind.Discard:
                for (var i = 0; i < _tenants.Length; i++)
                {
                    var tenant = _tenants[i];
                    var worker = tenant.Workers[_worker];
                    if ((sample.InputFormat == 0 && worker.HasPort(new AgentPort(agent, sample.Input)))
                        || (sample.OutputFormat == 0 && worker.HasPort(new AgentPort(agent, sample.Output))))
                    {
                        _matched |= 1UL << i;
                    }
                    else if (tenant.Filter.MatchesPackets)
                    {
                        _undecided |= 1UL << i;
                    }
                }

                break;
            case SampleKind.Counters when sample.SourceIdClass == 0:
                // Decided at the end of the sample: its port_name record may resolve an ifName first.
                for (var i = 0; i < _tenants.Length; i++)
                {
                    if (_tenants[i].Filter.MatchesPorts)
                    {
                        _undecided |= 1UL << i;
                    }
                }

                break;
        }
    }

    public bool OnRecord(in SflowSample sample, in SflowRecord record)
    {
        if (_undecided == 0)
        {
            return true;
        }

        if (sample.Kind == SampleKind.Counters)
        {
            if (record.Tag == CounterRecordTags.PortName)
            {
                ObservePortName(sample.SourceIdIndex, record.Body);
            }

            return true;
        }

        var body = record.Body;
        if (record.Tag == FlowRecordTags.SampledHeader)
        {
            if (SampledHeader.TryRead(record, out var header)
                && SampledHeaderDecoder.Decode(header.Protocol, header.Header, ref _forwarder.Packet))
            {
                for (var i = 0; i < _tenants.Length; i++)
                {
                    if ((_undecided & (1UL << i)) != 0 && _tenants[i].Filter.MatchesPacket(_forwarder.Packet))
                    {
                        Match(i);
                    }
                }
            }
        }
        else if (record.Tag == FlowRecordTags.SampledEthernet && body.Length >= 20)
        {
            // sampled_ethernet: length, src_mac and dst_mac (6 bytes each, XDR-padded to 8), type.
            for (var i = 0; i < _tenants.Length; i++)
            {
                if ((_undecided & (1UL << i)) != 0 && _tenants[i].Filter.MatchesMacs(body.Slice(4, 6), body.Slice(12, 6)))
                {
                    Match(i);
                }
            }
        }
        else if (record.Tag == FlowRecordTags.SampledIPv4 && body.Length >= 16)
        {
            // sampled_ipv4: length, protocol, src_ip, dst_ip, ...
            MatchAddresses(body.Slice(8, 4), body.Slice(12, 4));
        }
        else if (record.Tag == FlowRecordTags.SampledIPv6 && body.Length >= 40)
        {
            // sampled_ipv6: length, protocol, src_ip (16), dst_ip (16), ...
            MatchAddresses(body.Slice(8, 16), body.Slice(24, 16));
        }

        return true;
    }

    public void OnSampleEnd(in SflowSample sample)
    {
        if (sample.Kind == SampleKind.Counters && _undecided != 0)
        {
            var port = new AgentPort(_stream.Agent, sample.SourceIdIndex);
            for (var i = 0; i < _tenants.Length; i++)
            {
                if ((_undecided & (1UL << i)) != 0 && _tenants[i].Workers[_worker].HasPort(port))
                {
                    _matched |= 1UL << i;
                }
            }
        }

        if (_matched == 0)
        {
            return;
        }

        var bytes = _datagram.Slice(sample.Offset, _sampleLength);
        var matched = _matched;
        while (matched != 0)
        {
            var i = BitOperations.TrailingZeroCount(matched);
            matched &= matched - 1;
            _tenants[i].Workers[_worker].Add(_stream, bytes, _uptime, _forwarder.TickMs, _forwarder.Sender, _forwarder.Scratch);
        }
    }

    private void MatchAddresses(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        for (var i = 0; i < _tenants.Length; i++)
        {
            if ((_undecided & (1UL << i)) != 0 && _tenants[i].Filter.MatchesAddresses(source, destination))
            {
                Match(i);
            }
        }
    }

    private void Match(int tenant)
    {
        _matched |= 1UL << tenant;
        _undecided &= ~(1UL << tenant);
    }

    private readonly void ObservePortName(uint ifIndex, ReadOnlySpan<byte> body)
    {
        // port_name: string<255> ifName.
        var reader = new SflowReader(body);
        if (!reader.TryReadOpaque(out var name))
        {
            return;
        }

        for (var i = 0; i < _tenants.Length; i++)
        {
            if (_tenants[i].Filter.Names.Length > 0)
            {
                _tenants[i].Workers[_worker].ObservePortName(_stream.Agent, ifIndex, name);
            }
        }
    }
}
