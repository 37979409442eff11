using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Tests.Support;

/// <summary>A datagram's header and each sample's bytes (tag, length and body) as they lie in the datagram.</summary>
internal static class RawSamples
{
    public static (SflowDatagramHeader Header, List<byte[]> Samples, SflowDecodeResult Result) Of(byte[] datagram)
    {
        var visitor = new Collector(datagram);
        var result = SflowDecoder.Decode(datagram, ref visitor);
        return (visitor.Header, visitor.Samples, result);
    }

    private struct Collector(byte[] datagram) : ISflowVisitor
    {
        private int _length;

        public SflowDatagramHeader Header { get; private set; }

        public List<byte[]> Samples { get; } = [];

        public void OnDatagram(in SflowDatagramHeader header) => Header = header;

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body) => _length = 8 + body.Length;

        public readonly bool OnRecord(in SflowSample sample, in SflowRecord record) => true;

        public readonly void OnSampleEnd(in SflowSample sample) => Samples.Add(datagram.AsSpan(sample.Offset, _length).ToArray());
    }
}
