using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Packets;

/// <summary>The tokens of the <c>stack</c> key, inline.</summary>
[InlineArray(PacketFields.MaxStackDepth)]
internal struct StackBuffer
{
    private PacketProtocol _element0;
}
