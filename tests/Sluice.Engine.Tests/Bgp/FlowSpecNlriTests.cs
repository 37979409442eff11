using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Bgp.FlowSpec;
using Sluice.Engine.Bgp.Wire;
using Xunit;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>The FlowSpec NLRI codec (RFC 8955 §4, RFC 8956 §3): round trips for every component, known encodings, bad input.</summary>
public sealed class FlowSpecNlriTests
{
    public static TheoryData<FlowSpecComponentType, bool> ComponentsOfBothFamilies()
    {
        var data = new TheoryData<FlowSpecComponentType, bool>();
        foreach (var type in FlowSpecGenerators.Types)
        {
            if (type != FlowSpecComponentType.FlowLabel)
            {
                data.Add(type, false);
            }

            data.Add(type, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ComponentsOfBothFamilies))]
    public void EncodeThenDecode_EveryComponentAnyOperatorAndSize_GivesBackTheSameComponent(FlowSpecComponentType type, bool ipv6)
    {
        Prop.ForAll(
                FlowSpecGenerators.Component(type, ipv6, text: false).ToArbitrary(),
                component =>
                {
                    var nlri = new FlowSpecNlri(ipv6, [component]);
                    var decoded = FlowSpecNlri.Decode(nlri.Encoded, ipv6);
                    return decoded.Equals(nlri) && Assert.Single(decoded.Components).Equals(component);
                })
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [MemberData(nameof(ComponentsOfBothFamilies))]
    public void FormatThenParse_EveryComponentInTextForm_GivesBackTheSameRule(FlowSpecComponentType type, bool ipv6)
    {
        Prop.ForAll(
                FlowSpecGenerators.Component(type, ipv6, text: true).ToArbitrary(),
                component =>
                {
                    var nlri = new FlowSpecNlri(ipv6, [component]);
                    var match = FlowSpecMatch.Format(nlri).ToDictionary(p => p.Key, p => p.Value);
                    return FlowSpecMatch.Parse(match).Equals(nlri);
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ReadAll_ManyRulesOfEveryFamily_GivesBackEachRuleInOrder()
    {
        foreach (var ipv6 in new[] { false, true })
        {
            Prop.ForAll(
                    Gen.ListOf(FlowSpecGenerators.Nlri(ipv6, text: false), 3).ToArbitrary(),
                    rules =>
                    {
                        var writer = new BgpMessageWriter();
                        foreach (var rule in rules)
                        {
                            rule.WriteTo(writer);
                        }

                        return FlowSpecNlri.ReadAll(writer.Written, ipv6).SequenceEqual(rules);
                    })
                .QuickCheckThrowOnFailure();
        }
    }

    [Fact]
    public void Decode_AnyBytes_ThrowsOnlyFormatException()
    {
        Prop.ForAll(
                Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(),
                Gen.Elements(true, false).ToArbitrary(),
                (bytes, ipv6) =>
                {
                    try
                    {
                        FlowSpecNlri.ReadAll(bytes, ipv6);
                    }
                    catch (FormatException)
                    {
                    }
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encoded_SeedRule_IsTheOctetsGobgpSends()
    {
        // destination 10.0.0.1/32, protocol ==17, source-port ==53 (peers.md §2.4): type, length, prefix; op 0x81 = end, ==.
        var nlri = FlowSpecMatch.Parse(new Dictionary<string, string>
        {
            ["destination"] = "10.0.0.1/32",
            ["protocol"] = "=17",
            ["source-port"] = "=53",
        });

        Assert.Equal(Convert.FromHexString("01200A000001038111068135"), nlri.Encoded.ToArray());
    }

    [Fact]
    public void Decode_Rfc8956Example_ReadsPrefixOffsetsAndProtocol()
    {
        // RFC 8956 §3.8: destination 2001:db8::/32, source ::1234:5678:9a00:0/104 at offset 64, upper-layer protocol ==6.
        var value = Convert.FromHexString("01200020010db8026840123456789a038106");

        var nlri = FlowSpecNlri.Decode(value, ipv6: true);

        Assert.Equal("2001:db8::/32", nlri.Components[0].Prefix!.ToString());
        Assert.Equal("::1234:5678:9a00:0/104/64", nlri.Components[1].Prefix!.ToString());
        Assert.Equal("=6", FlowSpecText.Format(nlri.Components[2]));
        Assert.Equal(value, nlri.Encoded.ToArray());
    }

    [Fact]
    public void Decode_Rfc8956OffsetNotOnAnOctet_PadsThePattern()
    {
        // RFC 8956 §3.8 second example: source ::1234:5678:9a00:0/104 at offset 65, 39 bits of pattern and 1 of padding.
        var value = Convert.FromHexString("01200020010db802684124 68acf134".Replace(" ", string.Empty, StringComparison.Ordinal));

        var nlri = FlowSpecNlri.Decode(value, ipv6: true);

        Assert.Equal("::1234:5678:9a00:0/104/65", nlri.Components[1].Prefix!.ToString());
        Assert.Equal(value, nlri.Encoded.ToArray());
    }

    [Theory]
    [InlineData("", "a rule needs at least one component")]
    [InlineData("0D810A", "flow label in an IPv4 rule")]
    [InlineData("0E8101", "unknown type 14")]
    [InlineData("038106018120", "components out of order")]
    [InlineData("0106", "prefix cut off")]
    [InlineData("012100000000", "IPv4 prefix longer than 32")]
    [InlineData("0301", "no end-of-list bit")]
    [InlineData("039106", "value cut off")]
    [InlineData("038906", "reserved operator bit")]
    [InlineData("0984", "bitmask operator with the lt bit")]
    public void Decode_MalformedIPv4_ThrowsFormatException(string hex, string why)
    {
        var error = Assert.Throws<FormatException>(() => FlowSpecNlri.Decode(Convert.FromHexString(hex), ipv6: false));
        Assert.False(string.IsNullOrEmpty(error.Message), why);
    }

    [Fact]
    public void Decode_IPv6OffsetBeyondLength_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => FlowSpecNlri.Decode(Convert.FromHexString("01102000"), ipv6: true));
    }

    [Fact]
    public void WriteTo_LongRule_UsesTheTwoOctetLength()
    {
        var terms = Enumerable.Range(0, 100).Select(i => FlowSpecTerm.Create(FlowSpecTerm.Equal, (ulong)(1000 + i), and: false)).ToList();
        var nlri = new FlowSpecNlri(false, [FlowSpecComponent.ForTerms(FlowSpecComponentType.Port, terms)]);
        var writer = new BgpMessageWriter();

        nlri.WriteTo(writer);

        Assert.Equal(0xF0 | (nlri.Encoded.Length >> 8), writer.Written[0]);
        Assert.Equal(nlri.Encoded.Length & 0xFF, writer.Written[1]);
        Assert.Equal(nlri, Assert.Single(FlowSpecNlri.ReadAll(writer.Written, false)));
    }
}
