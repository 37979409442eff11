using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Pcap;

namespace Sluice.Sflowtool;

/// <summary>
/// sflowtool's <c>-t</c> (flow samples) and <c>-T</c> (discard samples): one pcap record per sample holding the
/// sampled header, <c>caplen</c> = header bytes (cut at the L4 payload with <c>-x</c>), <c>len</c> = the sampled
/// packet size, stamped with the pcap record time or the receive time. Each record is flushed so that
/// <c>| tcpdump -r -</c> shows packets as they arrive.
/// </summary>
internal sealed class SflowtoolPcapOutput : SflowtoolSampleOutput
{
    private readonly PcapWriter _writer;
    private readonly SampleKind _kind;
    private readonly bool _redact;

    public SflowtoolPcapOutput(PcapWriter writer, bool discards, bool redact, SflowtoolSampleStates states, SflowtoolVlanFilter? filter, TextWriter errors)
        : base(states, filter, errors)
    {
        _writer = writer;
        _kind = discards ? SampleKind.Discard : SampleKind.Flow;
        _redact = redact;
    }

    /// <summary>The record time in nanoseconds since the epoch, set before each datagram is formatted.</summary>
    public long TimestampNs { get; set; }

    protected override void OnSample(SflowtoolSampleState state)
    {
        if (state.Kind != _kind)
        {
            return;
        }

        var bytes = state.Header;
        if (_redact && state.OffsetToPayload > 0 && state.OffsetToPayload < bytes.Length)
        {
            bytes = bytes[..state.OffsetToPayload];
        }

        var length = (int)Math.Min(state.SampledPacketSize, int.MaxValue);
        _writer.WriteRecord(TimestampNs, bytes, length);
    }
}
