using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// The context columns sflowtool's <c>-g</c> mode puts in front of every line. They are filled in as the
/// decode progresses, so the first lines of a datagram still show <c>-</c> and zeros.
/// </summary>
public sealed class SflowtoolGrepContext
{
    /// <summary>The pcap time if any, else the receive time, already formatted.</summary>
    public string Time { get; internal set; } = string.Empty;

    public SflowAddress Agent { get; internal set; }

    public uint SubAgentId { get; internal set; }

    public uint SequenceNumber { get; internal set; }

    public uint SourceIdClass { get; internal set; }

    public uint SourceIdIndex { get; internal set; }

    public SflowTag SampleTag { get; internal set; }

    public SflowTag ElementTag { get; internal set; }

    internal void ResetDatagram(string time)
    {
        Time = time;
        Agent = default;
        SubAgentId = 0;
        SequenceNumber = 0;
        ResetSample(default);
    }

    internal void ResetSample(SflowTag sampleTag)
    {
        SourceIdClass = 0;
        SourceIdIndex = 0;
        SampleTag = sampleTag;
        ElementTag = default;
    }
}
