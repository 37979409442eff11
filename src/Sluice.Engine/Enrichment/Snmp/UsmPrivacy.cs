using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// USM privacy: CBC-DES (RFC 3414 §8) with IV = pre-IV (key bytes 8–15) XOR salt, the salt being engineBoots and a
/// local counter; CFB128-AES-128 (RFC 3826) with IV = engineBoots, engineTime and a 64-bit local salt. The salt travels
/// as msgPrivacyParameters.
/// </summary>
public static class UsmPrivacy
{
    /// <summary>Encrypts a scoped PDU; <paramref name="salt"/> is 8 bytes the caller never reuses with the same key.</summary>
    public static byte[] Encrypt(SnmpPrivProtocol protocol, ReadOnlySpan<byte> localizedKey, uint boots, uint time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> plaintext)
    {
        switch (protocol)
        {
            case SnmpPrivProtocol.Des:
            {
                using var des = Des(localizedKey);
                // DES-CBC needs whole 8-byte blocks; the padding is ignored by the receiver, which reads BER lengths.
                var padded = new byte[(plaintext.Length + 7) / 8 * 8];
                plaintext.CopyTo(padded);
                return des.EncryptCbc(padded, DesIv(localizedKey, salt), PaddingMode.None);
            }

            case SnmpPrivProtocol.Aes:
            {
                using var aes = Aes(localizedKey);
                return Cfb(aes, AesIv(boots, time, salt), plaintext, encrypt: true);
            }

            default:
                throw new ArgumentException("SNMPv3: no privacy protocol", nameof(protocol));
        }
    }

    /// <exception cref="FormatException">The ciphertext or salt has a length the protocol cannot have produced.</exception>
    public static byte[] Decrypt(SnmpPrivProtocol protocol, ReadOnlySpan<byte> localizedKey, uint boots, uint time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ciphertext)
    {
        if (salt.Length != 8)
        {
            throw new FormatException("SNMPv3: privacy parameters are not 8 bytes");
        }

        switch (protocol)
        {
            case SnmpPrivProtocol.Des:
            {
                if (ciphertext.Length % 8 != 0)
                {
                    throw new FormatException("SNMPv3: DES ciphertext is not whole blocks");
                }

                using var des = Des(localizedKey);
                return des.DecryptCbc(ciphertext, DesIv(localizedKey, salt), PaddingMode.None);
            }

            case SnmpPrivProtocol.Aes:
            {
                using var aes = Aes(localizedKey);
                return Cfb(aes, AesIv(boots, time, salt), ciphertext, encrypt: false);
            }

            default:
                throw new ArgumentException("SNMPv3: no privacy protocol", nameof(protocol));
        }
    }

    /// <summary>The key length privacy needs from the localized key: 16 bytes for both (DES key + pre-IV, AES-128 key).</summary>
    public const int KeyLength = 16;

#pragma warning disable CA5351 // DES is what the agent speaks when configured for it (snmp.privprotocol=DES); AES is preferred.
    private static DES Des(ReadOnlySpan<byte> localizedKey)
    {
        var des = DES.Create();
        des.Key = localizedKey[..8].ToArray();
        return des;
    }
#pragma warning restore CA5351

    private static Aes Aes(ReadOnlySpan<byte> localizedKey)
    {
        var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = localizedKey[..16].ToArray();
        return aes;
    }

    private static byte[] DesIv(ReadOnlySpan<byte> localizedKey, ReadOnlySpan<byte> salt)
    {
        var iv = localizedKey[8..16].ToArray();
        for (var i = 0; i < iv.Length; i++)
        {
            iv[i] ^= salt[i];
        }

        return iv;
    }

    private static byte[] AesIv(uint boots, uint time, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteUInt32BigEndian(iv.AsSpan(4), time);
        salt.CopyTo(iv.AsSpan(8));
        return iv;
    }

    /// <summary>
    /// CFB128 over data of any length: .NET wants whole blocks, and CFB output for a prefix does not depend on what
    /// follows it, so the data is padded to a block and the result cut back to the data's length.
    /// </summary>
    private static byte[] Cfb(Aes aes, byte[] iv, ReadOnlySpan<byte> data, bool encrypt)
    {
        var padded = new byte[(data.Length + 15) / 16 * 16];
        data.CopyTo(padded);
        var result = encrypt
            ? aes.EncryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128)
            : aes.DecryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128);
        return result[..data.Length];
    }
}
