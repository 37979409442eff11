using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Packets;

/// <summary>The top MPLS label stack entries, inline.</summary>
[InlineArray(PacketLayer.MaxMplsLabels)]
internal struct MplsLabelBuffer
{
    private uint _element0;
}
