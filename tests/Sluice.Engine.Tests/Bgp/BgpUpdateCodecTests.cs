using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Bgp;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Wire;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>UPDATEs: what the encoder writes reads back the same, and every malformed UPDATE gets its RFC 4271 §6.3 error.</summary>
public sealed class BgpUpdateCodecTests
{
    private static readonly BgpUpdateContext External = new(65000, Internal: false, FourOctetAs: true);

    private static readonly FlowSpecRule Seed = FlowSpecRule.Parse(
        new Dictionary<string, string> { ["destination"] = "10.0.0.1/32", ["protocol"] = "=17", ["source-port"] = "=53" },
        new Dictionary<string, string> { ["traffic-rate"] = "0" });

    [Fact]
    public void AnnounceFlowSpec_External_ReadsBackTheRuleActionsAndPath()
    {
        var update = Decode(BgpMessageEncoder.Announce(Seed, External), External);

        Assert.Equal(Seed.Nlri, Assert.Single(update.FlowSpecAnnounced));
        Assert.Equal([0x8006_0000_0000_0000UL], update.Communities.Extended);
        Assert.Equal([65000u], update.AsPath);
        Assert.Equal(BgpRoute.OriginIgp, update.Origin);
        Assert.Null(update.LocalPref);
        Assert.Null(update.NextHop);
    }

    [Fact]
    public void AnnounceFlowSpec_Internal_SendsLocalPrefAndAnEmptyPath()
    {
        var context = External with { Internal = true };

        var update = Decode(BgpMessageEncoder.Announce(Seed, context), context);

        Assert.Empty(update.AsPath);
        Assert.Equal(100u, update.LocalPref);
    }

    [Fact]
    public void AnnounceFlowSpec_RedirectToNextHop_CarriesTheNextHopInMpReach()
    {
        var rule = FlowSpecRule.Parse(
            new Dictionary<string, string> { ["destination"] = "2001:db8::1" },
            new Dictionary<string, string> { ["redirect-nexthop"] = "2001:db8::fe" });

        var update = Decode(BgpMessageEncoder.Announce(rule, External), External);

        Assert.Equal(IPAddress.Parse("2001:db8::fe"), update.NextHop);
        Assert.Equal(rule.Nlri, Assert.Single(update.FlowSpecAnnounced));
    }

    [Fact]
    public void AnnounceRoute_TwoOctetPeerAndFourOctetAs_SendsAsTransAndAs4Path()
    {
        var context = new BgpUpdateContext(4_200_000_000, Internal: false, FourOctetAs: false);
        var route = BgpRoute.Parse("10.0.0.1", new Dictionary<string, string> { ["nexthop"] = "192.0.2.1", ["aspath"] = "64512-64513" });

        var bytes = BgpMessageEncoder.Announce(route, context);
        var update = Decode(bytes, context);

        Assert.Equal([23456u, 64512, 64513], update.AsPath);
        Assert.Contains("C011", Convert.ToHexString(bytes), StringComparison.Ordinal); // AS4_PATH, optional transitive
    }

    [Fact]
    public void AnnounceRoute_IPv4Blackhole_HasNextHopCommunitiesAndNlri()
    {
        var route = BgpRoute.Parse("10.0.0.1", new Dictionary<string, string>
        {
            ["nexthop"] = "192.0.2.1",
            ["communities"] = "65535:666",
            ["localpref"] = "200",
            ["med"] = "5",
            ["origin"] = "INCOMPLETE",
        });

        var update = Decode(BgpMessageEncoder.Announce(route, External), External);

        Assert.Equal(IPNetwork.Parse("10.0.0.1/32"), Assert.Single(update.Announced));
        Assert.Equal(IPAddress.Parse("192.0.2.1"), update.NextHop);
        Assert.Equal([0xFFFF029Au], update.Communities.Standard);
        Assert.Equal(5u, update.Med);
        Assert.Equal(BgpRoute.OriginIncomplete, update.Origin);
        Assert.Null(update.LocalPref);
    }

    [Fact]
    public void AnnounceRoute_IPv6WithLinkLocal_UsesMpReachWithBothNextHops()
    {
        var route = BgpRoute.Parse("2001:db8::/48", new Dictionary<string, string> { ["nexthop"] = "100::1", ["nexthoplinklocal"] = "fe80::1" });

        var bytes = BgpMessageEncoder.Announce(route, External);
        var update = Decode(bytes, External);

        Assert.Equal(IPNetwork.Parse("2001:db8::/48"), Assert.Single(update.Announced));
        Assert.Equal(IPAddress.Parse("100::1"), update.NextHop);
        Assert.Contains("00020120" + "01000000000000000000000000000001FE800000000000000000000000000001", Convert.ToHexString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Withdraw_FlowSpecAndRoutes_ReadBackAsWithdrawn()
    {
        Assert.Equal(Seed.Nlri, Assert.Single(Decode(BgpMessageEncoder.Withdraw(Seed.Nlri, External), External).FlowSpecWithdrawn));
        Assert.Equal(IPNetwork.Parse("10.0.0.0/24"), Assert.Single(Decode(BgpMessageEncoder.Withdraw(IPNetwork.Parse("10.0.0.0/24"), External), External).Withdrawn));
        Assert.Equal(IPNetwork.Parse("2001:db8::/32"), Assert.Single(Decode(BgpMessageEncoder.Withdraw(IPNetwork.Parse("2001:db8::/32"), External), External).Withdrawn));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 133)]
    [InlineData(2, 133)]
    public void EndOfRib_EachFamily_ReadsAsTheMarkerOfThatFamily(ushort afi, byte safi)
    {
        var family = new BgpFamily(afi, safi);

        Assert.Equal(family, Decode(BgpMessageEncoder.EndOfRib(family), External).EndOfRib);
    }

    public static TheoryData<string, string, byte, byte> MalformedUpdates() => new()
    {
        { "withdrawn length past the end", "0010" + "0000", 3, 1 },
        { "attributes length past the end", "0000" + "0020" + "40010100", 3, 1 },
        { "attribute past the end", "0000" + "0004" + "400105", 3, 1 },
        { "attribute header cut off", "0000" + "0001" + "40", 3, 1 },
        { "ORIGIN twice", "0000" + "0008" + "40010100" + "40010100", 3, 1 },
        { "ORIGIN marked optional", "0000" + "0004" + "C0010100", 3, 4 },
        { "well-known ORIGIN marked partial", "0000" + "0004" + "60010100", 3, 4 },
        { "MED marked well-known", "0000" + "0007" + "40040400000000", 3, 4 },
        { "ORIGIN of two octets", "0000" + "0005" + "4001020000", 3, 5 },
        { "NEXT_HOP of five octets", "0000" + "0008" + "4003050A00000001", 3, 5 },
        { "COMMUNITIES of three octets", "0000" + "0006" + "C00803000000", 3, 5 },
        { "EXTENDED_COMMUNITIES of seven octets", "0000" + "000A" + "C0100700000000000000", 3, 5 },
        { "ORIGIN 3", "0000" + "0004" + "40010103", 3, 6 },
        { "unknown well-known attribute", "0000" + "0004" + "40630100", 3, 2 },
        { "NLRI without NEXT_HOP", "0000" + "000D" + "40010100" + "40020602010000FDE8" + "200A000001", 3, 3 },
        { "MP_REACH without AS_PATH", "0000" + "000C" + "40010100" + "800E050001850000", 3, 3 },
        { "multicast NEXT_HOP", "0000" + "000E" + "40010100" + "400200" + "400304E0000001" + "200A000001", 3, 8 },
        { "AS_PATH count past the end", "0000" + "000D" + "40010100" + "40020602050000FDE8", 3, 11 },
        { "AS_PATH segment type 5", "0000" + "000D" + "40010100" + "40020605010000FDE8", 3, 11 },
        { "NLRI /33", "0000" + "0000" + "210A00000100", 3, 10 },
        { "withdrawn /40", "0006" + "280A00000001" + "0000", 3, 10 },
        { "FlowSpec NLRI cut off", "0000" + "0019" + "40010100" + "40020602010000FDE8" + "800E090001850000" + "0501200A", 3, 9 },
        { "MP_REACH shorter than its fixed part", "0000" + "0013" + "40010100" + "40020602010000FDE8" + "800E03000185", 3, 9 },
        { "MP_UNREACH shorter than its fixed part", "0000" + "0005" + "800F020001", 3, 9 },
    };

    [Theory]
    [MemberData(nameof(MalformedUpdates))]
    public void Decode_MalformedUpdate_ThrowsTheRightNotification(string what, string hex, byte code, byte subcode)
    {
        var error = Assert.Throws<BgpProtocolException>(() => BgpUpdateDecoder.Decode(Convert.FromHexString(hex), External));

        Assert.True((code, subcode) == (error.Notification.Code, error.Notification.Subcode), $"{what}: {error.Message}");
    }

    [Fact]
    public void Decode_UnknownOptionalAttribute_IsIgnored()
    {
        var update = BgpUpdateDecoder.Decode(Convert.FromHexString("0000" + "0005" + "C0630201FF"), External);

        Assert.Empty(update.Announced);
    }

    [Fact]
    public void Decode_AnyBytes_ThrowsOnlyProtocolErrors()
    {
        Prop.ForAll(
                Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(),
                bytes => NeverThrowsOtherThanProtocolErrors(bytes))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_ValidUpdateWithOneOctetChanged_ThrowsOnlyProtocolErrors()
    {
        var valid = new[]
        {
            BgpMessageEncoder.Announce(Seed, External),
            BgpMessageEncoder.Announce(BgpRoute.Parse("10.0.0.0/24", new Dictionary<string, string> { ["nexthop"] = "192.0.2.1", ["communities"] = "65535:666" }), External),
            BgpMessageEncoder.Withdraw(Seed.Nlri, External),
        };
        Prop.ForAll(
                Gen.Elements(valid).ToArbitrary(),
                Gen.Choose(0, int.MaxValue).ToArbitrary(),
                Gen.Choose(0, 255).ToArbitrary(),
                (message, at, octet) =>
                {
                    var body = message.AsSpan(19).ToArray();
                    body[at % body.Length] = (byte)octet;
                    return NeverThrowsOtherThanProtocolErrors(body) && NeverThrowsOtherThanProtocolErrors(body[..(at % body.Length)]);
                })
            .QuickCheckThrowOnFailure();
    }

    private static bool NeverThrowsOtherThanProtocolErrors(byte[] body)
    {
        try
        {
            BgpUpdateDecoder.Decode(body, External);
        }
        catch (BgpProtocolException)
        {
        }

        return true;
    }

    private static BgpUpdate Decode(byte[] message, BgpUpdateContext context)
    {
        var (type, length) = BgpMessageHeader.Read(message, context.MaxMessageLength);
        Assert.Equal(BgpMessageType.Update, type);
        Assert.Equal(message.Length, length);
        return BgpUpdateDecoder.Decode(message.AsSpan(19), context);
    }
}
