using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Packets;

/// <summary>16 bytes stored inline so that <see cref="PacketFields"/> holds no reference.</summary>
[InlineArray(16)]
internal struct Bytes16
{
    private byte _element0;
}
