using Sluice.Engine.Enrichment.Snmp;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment.Snmp;

/// <summary>USM keys against RFC 3414's published vectors, privacy round trips, and message encoding.</summary>
public sealed class UsmTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("000000000000000000000002");

    [Theory]
    [InlineData(SnmpAuthProtocol.Md5, "9faf3283884e92834ebc9847d8edd963", "526f5eed9fcce26f8964c2930787d82b")]
    [InlineData(SnmpAuthProtocol.Sha, "9fb5cc0381497b3793528939ff788d5d79145211", "6695febc9288e36282235fc7151f128497b38f3f")]
    public void PasswordToKey_Rfc3414Vectors_MatchTheAppendix(SnmpAuthProtocol protocol, string key, string localized)
    {
        var ku = UsmKeys.PasswordToKey(protocol, "maplesyrup");

        Assert.Equal(key, Convert.ToHexStringLower(ku));
        Assert.Equal(localized, Convert.ToHexStringLower(UsmKeys.Localize(protocol, ku, EngineId)));
    }

    [Theory]
    [InlineData(SnmpPrivProtocol.Des, 1)]
    [InlineData(SnmpPrivProtocol.Des, 37)]
    [InlineData(SnmpPrivProtocol.Aes, 1)]
    [InlineData(SnmpPrivProtocol.Aes, 37)]
    public void Encrypt_ThenDecrypt_ReturnsThePlaintext(SnmpPrivProtocol protocol, int length)
    {
        var key = UsmKeys.Localize(SnmpAuthProtocol.Sha, UsmKeys.PasswordToKey(SnmpAuthProtocol.Sha, "priv-pass-x"), EngineId);
        var plaintext = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        byte[] salt = [1, 2, 3, 4, 5, 6, 7, 8];

        var ciphertext = UsmPrivacy.Encrypt(protocol, key, 3, 1234, salt, plaintext);
        var decrypted = UsmPrivacy.Decrypt(protocol, key, 3, 1234, salt, ciphertext);

        Assert.NotEqual(plaintext, ciphertext.AsSpan(0, length).ToArray());
        Assert.Equal(plaintext, decrypted.AsSpan(0, length).ToArray());
        Assert.Equal(protocol == SnmpPrivProtocol.Aes ? length : (length + 7) / 8 * 8, ciphertext.Length);
    }

    [Fact]
    public void Decrypt_ShortSalt_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => UsmPrivacy.Decrypt(SnmpPrivProtocol.Aes, new byte[16], 0, 0, new byte[3], new byte[16]));
    }

    [Fact]
    public void Encode_SignedMessage_DecodesToTheSameFieldsAndLocatesTheSignature()
    {
        var pdu = new SnmpMessage(SnmpMessage.V3, string.Empty, BerTag.GetRequest, 77, 0, 0, [new SnmpVarBind(SnmpOid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null)]);
        var security = new UsmSecurityParameters(EngineId, 5, 600, "user", new byte[UsmKeys.SignatureLength], ReadOnlyMemory<byte>.Empty);
        var message = new SnmpV3Message(77, SnmpV3Message.AuthFlag | SnmpV3Message.ReportableFlag, security, SnmpV3Message.ScopedPdu(EngineId, pdu));

        var encoded = message.Encode();
        var decoded = SnmpV3Message.Decode(encoded);
        var signature = SnmpV3Message.AuthParamsRange(encoded);

        Assert.Equal(message, decoded);
        Assert.Equal(pdu, SnmpV3Message.ReadScopedPdu(decoded.Data));
        Assert.Equal(UsmKeys.SignatureLength, signature.GetOffsetAndLength(encoded.Length).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3003020103")]
    [InlineData("300e020103300902010102010104000201")]
    public void Decode_TruncatedMessage_ThrowsFormatException(string hex)
    {
        Assert.Throws<FormatException>(() => SnmpV3Message.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Validated_PrivacyWithoutAuthentication_Throws()
    {
        Assert.Throws<FormatException>(() => new SnmpV3User("u", SnmpAuthProtocol.None, string.Empty, SnmpPrivProtocol.Aes, "priv-pass-x").Validated());
        Assert.Throws<FormatException>(() => new SnmpV3User("u", SnmpAuthProtocol.Md5, "short").Validated());
    }
}
