using System.Runtime.CompilerServices;

namespace Sluice.Sflow.Packets;

/// <summary>Room for the longest dotted DNS name: RFC 1035 §2.3.4 limits a name to 255 octets on the wire.</summary>
[InlineArray(DnsQuestionDecoder.MaxNameLength)]
internal struct DnsNameBuffer
{
    private byte _element0;
}
