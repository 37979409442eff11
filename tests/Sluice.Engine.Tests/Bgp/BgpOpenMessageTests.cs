using Sluice.Engine.Bgp.Wire;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>OPEN (RFC 4271 §4.2) with capabilities (RFC 5492, 4760, 6793, 2918, 8654) and its checks (§6.2).</summary>
public sealed class BgpOpenMessageTests
{
    private static readonly BgpOpenMessage Sample = new()
    {
        As = 65000,
        HoldTimeSeconds = 90,
        Identifier = 0xC0000201,
        Capabilities = new BgpCapabilities
        {
            Families = [BgpFamily.IPv4Unicast, BgpFamily.IPv4FlowSpec, BgpFamily.IPv6FlowSpec],
            RouteRefresh = true,
            ExtendedMessage = true,
            FourOctetAs = 65000,
        },
    };

    [Fact]
    public void EncodeThenDecode_Capabilities_GivesBackTheSameOpen()
    {
        var bytes = Sample.Encode();

        var (type, length) = BgpMessageHeader.Read(bytes, 4096);
        var decoded = BgpOpenMessage.Decode(bytes.AsSpan(19));

        Assert.Equal(BgpMessageType.Open, type);
        Assert.Equal(bytes.Length, length);
        Assert.Equal(65000u, decoded.As);
        Assert.Equal(90, decoded.HoldTimeSeconds);
        Assert.Equal(0xC0000201u, decoded.Identifier);
        Assert.Equal(Sample.Capabilities.Families, decoded.Capabilities.Families);
        Assert.True(decoded.Capabilities.RouteRefresh);
        Assert.True(decoded.Capabilities.ExtendedMessage);
        Assert.Equal(65000u, decoded.Capabilities.FourOctetAs);
    }

    [Fact]
    public void Encode_FourOctetAs_SendsAsTransInMyAs()
    {
        var bytes = (Sample with { As = 4_200_000_000, Capabilities = Sample.Capabilities with { FourOctetAs = 4_200_000_000 } }).Encode();

        Assert.Equal(23456, (bytes[20] << 8) | bytes[21]);
        Assert.Equal(4_200_000_000u, BgpOpenMessage.Decode(bytes.AsSpan(19)).As);
    }

    [Fact]
    public void Decode_NoMultiprotocolCapability_SpeaksIPv4UnicastOnly()
    {
        var open = BgpOpenMessage.Decode(Convert.FromHexString("04FDE9005AC000020200"));

        Assert.Equal([BgpFamily.IPv4Unicast], open.Capabilities.EffectiveFamilies);
        Assert.Null(open.Capabilities.FourOctetAs);
    }

    [Fact]
    public void Decode_ExtendedOptionalParameters_ReadsTheCapabilities()
    {
        // RFC 9072: non-extended length 255, type 255, then a 2-octet length; each parameter has a 2-octet length.
        var open = BgpOpenMessage.Decode(Convert.FromHexString("04FDE9005AC0000202FFFF0009020006" + "0104000100 85".Replace(" ", string.Empty, StringComparison.Ordinal)));

        Assert.Equal([BgpFamily.IPv4FlowSpec], open.Capabilities.Families);
    }

    [Fact]
    public void Decode_UnknownCapabilities_AreKeptAndIgnored()
    {
        // Graceful restart (64) and FQDN (73), as FRR and gobgpd send them.
        var open = BgpOpenMessage.Decode(Convert.FromHexString("04FDE9005AC00002020A0208400200784902 0000".Replace(" ", string.Empty, StringComparison.Ordinal)));

        Assert.Equal([64, 73], open.Capabilities.Other);
    }

    [Theory]
    [InlineData("03FDE9005AC000020200", 2, 1, "0004")]
    [InlineData("04FDE90002C000020200", 2, 6, "")]
    [InlineData("04FDE9005A0000000000", 2, 3, "")]
    [InlineData("04FDE9005AC000020203010100", 2, 4, "")]
    [InlineData("04FDE9005AC00002020402020103", 2, 0, "")]
    [InlineData("04FDE9005AC000020205", 2, 0, "")]
    public void Decode_BadOpen_ThrowsTheNotificationOfRfc4271(string hex, byte code, byte subcode, string data)
    {
        var error = Assert.Throws<BgpProtocolException>(() => BgpOpenMessage.Decode(Convert.FromHexString(hex)));

        Assert.Equal(code, error.Notification.Code);
        Assert.Equal(subcode, error.Notification.Subcode);
        Assert.Equal(data, Convert.ToHexString(error.Notification.Data.Span));
    }

    [Theory]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE001304", 1, 1)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001206", 1, 3)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001404", 1, 2)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001201", 1, 2)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF100102", 1, 2)]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001805", 1, 2)]
    public void HeaderRead_BadHeader_ThrowsMessageHeaderError(string hex, byte code, byte subcode)
    {
        var error = Assert.Throws<BgpProtocolException>(() => BgpMessageHeader.Read(Convert.FromHexString(hex), 4096));

        Assert.Equal((code, subcode), (error.Notification.Code, error.Notification.Subcode));
    }
}
