using System.Buffers.Binary;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Packets;
using Sluice.Sflow.Records;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Generator;

/// <summary>What the tests learn from decoding generated datagrams: every sample, record and sampled packet.</summary>
internal sealed class FleetCapture
{
    public List<string> Errors { get; } = [];

    public List<(SflowDatagramHeader Header, int Length)> Datagrams { get; } = [];

    public List<CapturedSample> Samples { get; } = [];

    public void Add(ReadOnlySpan<byte> datagram)
    {
        var visitor = new Visitor(this);
        var result = SflowDecoder.Decode(datagram, ref visitor);
        if (!result.IsSuccess)
        {
            Errors.Add(result.Error.ToString());
        }

        Datagrams.Add((visitor.Header, datagram.Length));
    }

    internal sealed class CapturedSample
    {
        public required SflowAddress Agent { get; init; }

        public required SflowSample Sample { get; init; }

        public required uint Uptime { get; init; }

        public List<uint> RecordTags { get; } = [];

        public ulong InOctets { get; set; }

        public uint InUcastPackets { get; set; }

        public ulong Speed { get; set; }

        public int FrameLength { get; set; }

        public byte Protocol { get; set; }

        public ushort SourcePort { get; set; }

        public ushort DestinationPort { get; set; }

        public byte IpVersion { get; set; }

        public ushort TcpFlags { get; set; }

        public string? DnsName { get; set; }

        public string? Destination { get; set; }
    }

    private struct Visitor(FleetCapture capture) : ISflowVisitor
    {
        private CapturedSample? _current;

        public SflowDatagramHeader Header { get; private set; }

        public void OnDatagram(in SflowDatagramHeader header) => Header = header;

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
            _current = new CapturedSample { Agent = Header.Agent, Sample = sample, Uptime = Header.Uptime };
            capture.Samples.Add(_current);
        }

        public readonly bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            var current = _current!;
            current.RecordTags.Add(record.Tag.Value);
            var layout = RecordLayouts.Find(sample.Kind, record.Tag, record.Version);
            if (layout is null)
            {
                capture.Errors.Add($"no layout for {sample.Kind} record {record.Tag}");
                return true;
            }

            var walk = RecordWalker.Validate(layout, record.Body, record.Version);
            if (!walk.IsSuccess)
            {
                capture.Errors.Add($"{record.Tag}: {walk.Error} at {walk.Consumed}");
            }

            var body = record.Body;
            if (sample.Kind == SampleKind.Counters && record.Tag == CounterRecordTags.Generic)
            {
                current.Speed = BinaryPrimitives.ReadUInt64BigEndian(body[8..]);
                current.InOctets = BinaryPrimitives.ReadUInt64BigEndian(body[24..]);
                current.InUcastPackets = BinaryPrimitives.ReadUInt32BigEndian(body[32..]);
            }
            else if (sample.Kind == SampleKind.Flow && record.Tag == FlowRecordTags.SampledHeader)
            {
                var protocol = BinaryPrimitives.ReadUInt32BigEndian(body);
                current.FrameLength = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
                var fields = default(PacketFields);
                if (!SampledHeaderDecoder.Decode(protocol, body.Slice(16, length), ref fields))
                {
                    capture.Errors.Add("sampled header did not decode");
                }

                var outer = fields.Outer;
                current.IpVersion = outer.IpVersion;
                current.Protocol = outer.Protocol;
                current.SourcePort = outer.SourcePort;
                current.DestinationPort = outer.DestinationPort;
                current.TcpFlags = outer.TcpFlags;
                current.Destination = outer.IpVersion == 0 ? null : new System.Net.IPAddress(outer.DestinationAddress).ToString();
                if (fields.HasDns)
                {
                    current.DnsName = System.Text.Encoding.ASCII.GetString(fields.DnsQueryName);
                }
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
