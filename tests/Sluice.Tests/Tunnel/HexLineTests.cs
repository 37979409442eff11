using Sluice.Tunnel;
using Xunit;

namespace Sluice.Tests.Tunnel;

public sealed class HexLineTests
{
    [Fact]
    public void EncodeThenDecode_AnyDatagram_GivesTheSameBytes()
    {
        var random = new Random(7);
        var line = new byte[(65535 * 2) + 1];
        var back = new byte[65535];
        foreach (var size in new[] { 0, 1, 2, 3, 100, 1400, 65535 })
        {
            var datagram = new byte[size];
            random.NextBytes(datagram);

            var length = HexLine.Encode(datagram, line);
            var text = System.Text.Encoding.ASCII.GetString(line, 0, length);

            Assert.Equal((size * 2) + 1, length);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.Equal(Convert.ToHexStringLower(datagram), text.TrimEnd('\n'));
            if (size > 0)
            {
                Assert.Equal(size, HexLine.Decode(text.TrimEnd('\n'), back, out var error));
                Assert.Null(error);
                Assert.Equal(datagram, back[..size]);
            }
        }
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("abc", "odd number of hex digits (3)")]
    [InlineData("zz", "contains a character that is not a hex digit")]
    [InlineData("00 111", "contains a character that is not a hex digit")]
    public void Decode_BadLine_ReturnsMinusOneWithReason(string line, string reason)
    {
        Assert.Equal(-1, HexLine.Decode(line, new byte[100], out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Decode_UpperCaseAndCarriageReturn_AreAccepted()
    {
        var buffer = new byte[4];

        Assert.Equal(2, HexLine.Decode("0AfF\r", buffer, out _));
        Assert.Equal(new byte[] { 0x0a, 0xff }, buffer[..2]);
    }

    [Fact]
    public void Decode_LongerThanADatagram_IsRefused()
    {
        Assert.Equal(-1, HexLine.Decode(new string('a', 2 * 70000), new byte[65535], out var error));
        Assert.Contains("longer than a UDP datagram", error, StringComparison.Ordinal);
    }
}
