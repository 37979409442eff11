using Sluice.Sflow.Datagrams;

namespace Sluice.Sflow.Tests.Support;

/// <summary>Keeps everything the decoder reports, as plain data, so tests can assert on it.</summary>
internal sealed class RecordingVisitor : ISflowVisitor
{
    public SflowDatagramHeader? Header { get; private set; }

    public List<SflowSample> Samples { get; } = [];

    public List<SflowSample> EndedSamples { get; } = [];

    public List<(int Sample, SflowTag Tag, byte[] Body, int Offset, uint Version)> Records { get; } = [];

    public Func<SflowTag, bool> Accept { get; init; } = _ => true;

    public void OnDatagram(in SflowDatagramHeader header) => Header = header;

    public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body) => Samples.Add(sample);

    public bool OnRecord(in SflowSample sample, in SflowRecord record)
    {
        Records.Add((sample.Index, record.Tag, record.Body.ToArray(), record.Offset, record.Version));
        return Accept(record.Tag);
    }

    public void OnSampleEnd(in SflowSample sample) => EndedSamples.Add(sample);
}
