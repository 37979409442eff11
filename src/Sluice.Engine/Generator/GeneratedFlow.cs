using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Generator;

/// <summary>
/// The truth behind a fleet's samples: one packet template as one agent carries it, at the frame rate the samples
/// stand for. Accuracy tests compare what the engine estimates from 1-in-N samples with these rates.
/// </summary>
/// <param name="Agent">The agent whose ports carry the packet.</param>
/// <param name="Header">The packet's first bytes, as sampled (Ethernet onwards).</param>
/// <param name="FrameLength">frame_length as the samples report it (with FCS): what the <c>bytes</c> value adds per frame.</param>
/// <param name="FramesPerSecond">Frames per second of this packet at this agent, summed over its ports.</param>
public sealed record GeneratedFlow(SflowAddress Agent, ReadOnlyMemory<byte> Header, int FrameLength, double FramesPerSecond)
{
    /// <summary>Bytes per second, counted as the <c>bytes</c> flow value counts them.</summary>
    public double BytesPerSecond => FrameLength * FramesPerSecond;
}
