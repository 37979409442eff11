using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Enrichment.Snmp;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment.Snmp;

/// <summary>The BER encoder/decoder and SNMPv2c messages: round trips of any value, known encodings, hostile input.</summary>
public sealed class BerCodecTests
{
    private static readonly Gen<uint> Arc = Gen.OneOf(Gen.Choose(0, 200).Select(i => (uint)i), Gen.Choose(int.MinValue, int.MaxValue).Select(i => unchecked((uint)i)));

    private static readonly Gen<SnmpOid> Oids =
        from first in Gen.Choose(0, 2)
        from second in first == 2 ? Arc : Gen.Choose(0, 39).Select(i => (uint)i)
        from rest in Gen.ListOf(Arc)
        select new SnmpOid([(uint)first, second, .. rest.Take(30)]);

    private static readonly Gen<long> Longs =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        from shift in Gen.Choose(0, 63)
        select (((long)high << 32) | (uint)low) >> shift;

    private static readonly Gen<SnmpValue> Values = Gen.OneOf(
        Longs.Select(SnmpValue.FromNumber),
        Gen.Elements(BerTag.Counter32, BerTag.Gauge32, BerTag.TimeTicks).SelectMany(tag => Longs.Select(v => SnmpValue.FromCounter(tag, (uint)v))),
        Longs.Select(v => SnmpValue.FromCounter(BerTag.Counter64, unchecked((ulong)v))),
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(b => new SnmpValue(BerTag.OctetString, Bytes: b)),
        Oids.Select(SnmpValue.ObjectIdentifier),
        Gen.Elements(SnmpValue.Null, new SnmpValue(BerTag.NoSuchObject), new SnmpValue(BerTag.NoSuchInstance), new SnmpValue(BerTag.EndOfMibView)));

    private static readonly Gen<SnmpMessage> Messages =
        from pdu in Gen.Elements(BerTag.GetRequest, BerTag.GetNextRequest, BerTag.Response)
        from id in Gen.Choose(int.MinValue, int.MaxValue)
        from status in Gen.Choose(0, 18)
        from index in Gen.Choose(0, 200)
        from community in Gen.Elements("public", "", "c0mmunity-with-a-long-name-" + new string('x', 200))
        from binds in Gen.ListOf(from oid in Oids from value in Values select new SnmpVarBind(oid, value))
        select new SnmpMessage(SnmpMessage.V2c, community, pdu, id, status, index, [.. binds.Take(40)]);

    [Fact]
    public void Decode_AnyEncodedMessage_ReadsBackTheSameMessage() =>
        Prop.ForAll(Messages.ToArbitrary(), message => SnmpMessage.Decode(message.Encode()).Equals(message)).QuickCheckThrowOnFailure();

    [Fact]
    public void Decode_AnyEncodedOid_ReadsBackTheSameArcs() =>
        Prop.ForAll(Oids.ToArbitrary(), oid => SnmpOid.Decode(oid.Encode()).Equals(oid) && SnmpOid.Parse(oid.ToString()).Equals(oid)).QuickCheckThrowOnFailure();

    [Fact]
    public void Decode_RandomBytes_OnlyEverThrowsFormatException() =>
        Prop.ForAll(
                Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(),
                bytes => DecodesOrRejects(bytes))
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Decode_ValidMessageWithOneByteChanged_OnlyEverThrowsFormatException() =>
        Prop.ForAll(
                Messages.ToArbitrary(),
                Gen.Choose(0, int.MaxValue).ToArbitrary(),
                Gen.Choose(0, 255).ToArbitrary(),
                (message, at, octet) =>
                {
                    var bytes = message.Encode();
                    bytes[at % bytes.Length] = (byte)octet;
                    return DecodesOrRejects(bytes);
                })
            .QuickCheckThrowOnFailure();

    [Fact]
    public void Encode_GetSysName_MatchesTheKnownWireBytes()
    {
        var message = new SnmpMessage(SnmpMessage.V2c, "public", BerTag.GetRequest, 1, 0, 0, [new SnmpVarBind(SnmpOid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null)]);

        // As net-snmp's snmpget -v2c -c public sends it (request id 1).
        Assert.Equal(
            Convert.FromHexString("302602010104067075626C6963A01902010102010002010030" + "0E300C06082B060102010105000500"),
            message.Encode());
    }

    [Theory]
    [InlineData(0L, "020100")]
    [InlineData(127L, "02017F")]
    [InlineData(128L, "02020080")]
    [InlineData(-1L, "0201FF")]
    [InlineData(-129L, "0202FF7F")]
    [InlineData(long.MinValue, "02088000000000000000")]
    public void WriteInteger_Value_UsesTheShortestTwosComplement(long value, string hex)
    {
        var writer = new BerWriter();
        writer.WriteInteger(value);

        Assert.Equal(Convert.FromHexString(hex), writer.ToArray());
    }

    [Fact]
    public void WriteUnsigned_TopBitSet_PadsWithAZeroByte()
    {
        var writer = new BerWriter();
        writer.WriteUnsigned(BerTag.Counter32, uint.MaxValue);

        Assert.Equal(Convert.FromHexString("410500FFFFFFFF"), writer.ToArray());
    }

    [Fact]
    public void Decode_LengthPastTheData_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => SnmpMessage.Decode(Convert.FromHexString("3084FFFFFFFF020101")));

    private static bool DecodesOrRejects(byte[] bytes)
    {
        try
        {
            SnmpMessage.Decode(bytes);
            return true;
        }
        catch (FormatException)
        {
            return true;
        }
    }
}
