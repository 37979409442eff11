using BenchmarkDotNet.Attributes;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;

namespace Sluice.Benchmarks;

/// <summary>
/// The decode hot path with no socket: datagram framing, then every sampled header decoded into
/// <see cref="PacketFields"/>, as the engine's workers do per datagram.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private readonly byte[] _switchFlows = BenchmarkDatagrams.SwitchFlows();
    private readonly byte[] _hostCounters = BenchmarkDatagrams.HostCounters();

    [Benchmark(Description = "switch datagram, 7 flow samples, headers decoded")]
    public long SwitchFlows()
    {
        var visitor = new HeaderDecodingVisitor();
        SflowDecoder.Decode(_switchFlows, ref visitor);
        return visitor.Checksum;
    }

    [Benchmark(Description = "host counters datagram")]
    public long HostCounters()
    {
        var visitor = new HeaderDecodingVisitor();
        SflowDecoder.Decode(_hostCounters, ref visitor);
        return visitor.Checksum;
    }

    private struct HeaderDecodingVisitor : ISflowVisitor
    {
        private PacketFields _fields;

        public long Checksum;

        public readonly void OnDatagram(in SflowDatagramHeader header)
        {
        }

        public readonly void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
        }

        public bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            if (sample.Kind == SampleKind.Flow && record.Tag == FlowRecordTags.SampledHeader
                && SampledHeader.TryRead(in record, out var header))
            {
                _fields.Reset();
                SampledHeaderDecoder.Decode(header.Protocol, header.Header, ref _fields);
                Checksum += _fields.Outer.SourcePort;
            }
            else if (record.Tag == FlowRecordTags.ExtendedSwitch && ExtendedSwitch.TryRead(in record, out var vlans))
            {
                Checksum += vlans.SourceVlan;
            }
            else
            {
                Checksum += record.Body.Length;
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
