using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Packets;

/// <summary>6 bytes stored inline so that <see cref="PacketFields"/> holds no reference.</summary>
[InlineArray(6)]
internal struct Bytes6
{
    private byte _element0;
}
