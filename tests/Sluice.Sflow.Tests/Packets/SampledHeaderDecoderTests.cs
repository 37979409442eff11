using Sluice.Sflow.Packets;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Packets;

public sealed class SampledHeaderDecoderTests
{
    [Theory]
    [InlineData(2u)]
    [InlineData(15u)]
    [InlineData(99u)]
    public void Decode_UnsupportedProtocol_False(uint headerProtocol)
    {
        var fields = default(PacketFields);

        Assert.False(SampledHeaderDecoder.Decode(headerProtocol, TunnelDecoderTests.VxlanPacket(), ref fields));
        Assert.Equal(headerProtocol, fields.HeaderProtocol);
        Assert.Equal(0, fields.StackDepth);
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(11u)]
    [InlineData(12u)]
    public void Decode_Empty_False(uint headerProtocol)
    {
        var fields = default(PacketFields);

        Assert.False(SampledHeaderDecoder.Decode(headerProtocol, [], ref fields));
    }

    [Fact]
    public void Decode_VxlanTruncatedAtEveryLength_NeverThrowsAndStaysConsistent()
    {
        var full = TunnelDecoderTests.VxlanPacket();
        var complete = Decoded.From(full);
        var completeStack = complete.ToStackString();
        Assert.False(complete.Outer.Has(PacketLayers.Truncated) || complete.Inner.Has(PacketLayers.Truncated));

        for (var length = 0; length <= full.Length; length++)
        {
            var fields = default(PacketFields);
            var decoded = SampledHeaderDecoder.Decode(1, full.AsSpan(0, length), ref fields);

            Assert.Equal(length >= 14, decoded);
            var stack = fields.ToStackString();
            Assert.StartsWith(stack, completeStack, StringComparison.Ordinal);
            if (length < full.Length)
            {
                Assert.True(fields.Outer.Has(PacketLayers.Truncated) || fields.Inner.Has(PacketLayers.Truncated), $"length {length}");
            }
            else
            {
                Assert.Equal(completeStack, stack);
            }

            AssertSane(fields.Outer);
            AssertSane(fields.Inner);
            if (fields.Inner.Has(PacketLayers.Tcp))
            {
                Assert.Equal(22, fields.Inner.DestinationPort);
            }

            if (fields.Outer.Has(PacketLayers.IPv4))
            {
                Assert.Equal(complete.Outer.DestinationAddress.ToArray(), fields.Outer.DestinationAddress.ToArray());
            }
        }
    }

    [Fact]
    public void Decode_RandomAndMutatedBytes_NeverThrows()
    {
        var random = new Random(6343);
        byte[][] seeds =
        [
            TunnelDecoderTests.VxlanPacket(),
            new PacketBuilder().Ethernet(0x8847).U32(0x00001140).IPv4("10.0.0.1", "10.0.0.2", 47).U16(0x3000).U16(0x6558).U32(1).U32(2)
                .Ethernet(0x86DD).IPv6("::1", "::2", 0).U8(44).U8(0).Zeros(6).U8(17).U8(0).U16(1).U32(1).Udp(53, 53)
                .DnsQuestion(1, false, "a.example", 1).Build(),
            new PacketBuilder().Ethernet(0x0800).IPv4("10.0.0.1", "10.0.0.2", 1).U8(3).U8(3).U32(0).U16(0)
                .IPv4("10.0.0.2", "10.0.0.9", 6).Tcp(1, 2, 2).Build(),
        ];
        var fields = default(PacketFields);
        for (var i = 0; i < 20_000; i++)
        {
            var seed = seeds[i % seeds.Length];
            var bytes = (byte[])seed.Clone();
            if (i % 4 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            var protocol = (i % 7) switch { 0 => 11u, 1 => 12u, _ => 1u };
            _ = SampledHeaderDecoder.Decode(protocol, bytes.AsSpan(0, random.Next(bytes.Length + 1)), ref fields);
            AssertSane(fields.Outer);
            AssertSane(fields.Inner);
            Assert.True(fields.DnsQueryNameLength <= 255);
            Assert.True(fields.StackDepth <= PacketFields.MaxStackDepth);
        }
    }

    [Fact]
    public void Decode_128ByteTcpHeader_AllocatesNothing()
    {
        var builder = new PacketBuilder().Ethernet(0x0800).IPv4("10.77.0.2", "10.77.0.1", 6).Tcp(5201, 35118, 0x10);
        builder.Zeros(128 - builder.Length);
        var header = builder.Build();
        Assert.Equal(128, header.Length);
        var fields = default(PacketFields);
        Span<char> stack = stackalloc char[64];
        for (var i = 0; i < 100; i++)
        {
            SampledHeaderDecoder.Decode(1, header, ref fields);
            fields.FormatStack(stack);
        }

        var ports = 0;
        var stackText = new char[64];
        SteadyState.AssertAllocatesNothing(10_000, _ =>
        {
            SampledHeaderDecoder.Decode(1, header, ref fields);
            ports += fields.Outer.DestinationPort;
            fields.FormatStack(stackText);
        });

        Assert.Equal(35118 * 3 * 10_000, ports);
    }

    private static void AssertSane(in PacketLayer layer)
    {
        Assert.True(layer.SourceMac.Length is 0 or 6);
        Assert.True(layer.DestinationMac.Length is 0 or 6);
        Assert.True(layer.SourceAddress.Length is 0 or 4 or 16);
        Assert.Equal(layer.SourceAddress.Length, layer.DestinationAddress.Length);
        Assert.True(layer.IpVersion is 0 or 4 or 6);
        Assert.True(layer.IcmpInnerSource.Length is 0 or 4 or 16);
        Assert.True(layer.MplsLabels.Length <= PacketLayer.MaxMplsLabels);
        Assert.True(layer.Vlan <= 0xFFF && layer.InnerVlan <= 0xFFF);
        Assert.True(layer.FlowLabel <= 0xFFFFF);
        Assert.True(layer.TcpFlags <= 0x1FF);
    }
}
