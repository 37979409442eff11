using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>The sFlow datagram header (sFlow v5 "sample_datagram_v5"; v2/v4 lack the sub-agent id).</summary>
public readonly record struct SflowDatagramHeader(
    uint Version,
    SflowAddress Agent,
    uint SubAgentId,
    uint SequenceNumber,
    uint Uptime,
    uint SampleCount);
