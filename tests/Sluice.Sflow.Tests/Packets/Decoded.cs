using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

/// <summary>Decodes a test header and asserts that something was decoded.</summary>
internal static class Decoded
{
    public static PacketFields From(byte[] header, uint headerProtocol = SampledHeaderDecoder.HeaderProtocolEthernet)
    {
        var fields = default(PacketFields);
        Assert.True(SampledHeaderDecoder.Decode(headerProtocol, header, ref fields));
        return fields;
    }

    public static byte[] Mac(string mac) => PacketBuilder.ParseMac(mac);

    public static byte[] Ip(string address) => PacketBuilder.Ip(address);
}
