using System.Security.Cryptography;
using System.Text;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// USM key handling (RFC 3414 §2.6, A.2): a password becomes a key by hashing one megabyte of it repeated; the key is
/// localized to an agent by hashing key + engineID + key; messages are signed with the first 12 bytes of an HMAC.
/// </summary>
public static class UsmKeys
{
    /// <summary>The length of msgAuthenticationParameters for HMAC-MD5-96 and HMAC-SHA-96.</summary>
    public const int SignatureLength = 12;

    private const int PasswordExpansion = 1_048_576;

    /// <exception cref="ArgumentException">No authentication protocol or an empty password.</exception>
    public static byte[] PasswordToKey(SnmpAuthProtocol protocol, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var bytes = Encoding.UTF8.GetBytes(password);
        using var hash = IncrementalHash.CreateHash(HashName(protocol));
        var block = new byte[64];
        var position = 0;
        for (var done = 0; done < PasswordExpansion; done += block.Length)
        {
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = bytes[position++ % bytes.Length];
            }

            hash.AppendData(block);
        }

        return hash.GetHashAndReset();
    }

    public static byte[] Localize(SnmpAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> engineId)
    {
        using var hash = IncrementalHash.CreateHash(HashName(protocol));
        hash.AppendData(key);
        hash.AppendData(engineId);
        hash.AppendData(key);
        return hash.GetHashAndReset();
    }

    /// <summary>The 12-byte msgAuthenticationParameters of a whole message whose own parameters are zeros.</summary>
    public static byte[] Sign(SnmpAuthProtocol protocol, ReadOnlySpan<byte> localizedKey, ReadOnlySpan<byte> message)
    {
        // MD5 and SHA-1 are what RFC 3414 defines and agents speak (usmHMACMD5AuthProtocol, usmHMACSHAAuthProtocol).
#pragma warning disable CA5350, CA5351
        var mac = protocol switch
        {
            SnmpAuthProtocol.Md5 => HMACMD5.HashData(localizedKey, message),
            SnmpAuthProtocol.Sha => HMACSHA1.HashData(localizedKey, message),
            _ => throw new ArgumentException("SNMPv3: no authentication protocol", nameof(protocol)),
        };
#pragma warning restore CA5350, CA5351
        return mac[..SignatureLength];
    }

    private static HashAlgorithmName HashName(SnmpAuthProtocol protocol) => protocol switch
    {
        SnmpAuthProtocol.Md5 => HashAlgorithmName.MD5,
        SnmpAuthProtocol.Sha => HashAlgorithmName.SHA1,
        _ => throw new ArgumentException("SNMPv3: no authentication protocol", nameof(protocol)),
    };
}
