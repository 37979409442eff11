using System.Buffers.Binary;
using Sluice.Engine.Generator;
using Xunit;

namespace Sluice.Engine.Tests.Generator;

public sealed class PacketTemplatesTests
{
    [Theory]
    [InlineData("syn-flood:10.0.0.1")]
    [InlineData("dns-amplification:2001:db8::1")]
    public void Headers_FullyCapturedUdpAndTcp_CarryValidChecksums(string attack)
    {
        var templates = new PacketTemplates(new FleetOptions { Attack = AttackTraffic.Parse(attack) });
        var checkedTcp = 0;
        var checkedUdp = 0;

        for (var t = 0; t < templates.Count; t++)
        {
            var frame = templates.Headers[t];
            if (templates.FrameLengths[t] - 4 > frame.Length)
            {
                continue; // truncated: no reader can verify the sum
            }

            var ipv6 = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) == 0x86DD;
            var protocol = ipv6 ? frame[14 + 6] : frame[14 + 9];
            if (protocol is not (6 or 17))
            {
                continue;
            }

            var offset = 14 + (ipv6 ? 40 : 20);
            var length = ipv6 ? BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 4)) : BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(14 + 2)) - 20;
            var addresses = ipv6 ? frame.AsSpan(22, 32) : frame.AsSpan(26, 8);

            Assert.Equal(0xFFFF, OnesComplementSum(addresses, protocol, frame.AsSpan(offset, length)));
            _ = protocol == 6 ? checkedTcp++ : checkedUdp++;
        }

        Assert.True(checkedUdp > 0, "no complete UDP packet");
        Assert.True(checkedTcp > 0 || attack.StartsWith("dns", StringComparison.Ordinal), "no complete TCP packet");
    }

    // RFC 1071: the sum over pseudo-header and segment, checksum included, is all ones when the checksum is right.
    private static int OnesComplementSum(ReadOnlySpan<byte> addresses, byte protocol, ReadOnlySpan<byte> segment)
    {
        long sum = protocol + segment.Length;
        for (var i = 0; i < addresses.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(addresses[i..]);
        }

        for (var i = 0; i < segment.Length; i += 2)
        {
            sum += i + 1 < segment.Length ? BinaryPrimitives.ReadUInt16BigEndian(segment[i..]) : segment[i] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (int)sum;
    }
}
