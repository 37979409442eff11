using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>
/// One SNMPv3 user's side of USM: the discovery request, signed (and encrypted) requests to a discovered engine, and
/// checking replies — a reply must carry a valid signature when the user authenticates, unsigned Reports excepted.
/// The password keys are computed once (a megabyte of hashing each) and localized per engine.
/// </summary>
internal sealed class UsmSession
{
    /// <summary>usmStats counters (RFC 3414 §5) that Reports carry.</summary>
    public static readonly SnmpOid UsmStats = SnmpOid.Parse("1.3.6.1.6.3.15.1.1");

    /// <summary>usmStatsNotInTimeWindows.0: our idea of the agent's clock is off; the Report carries the right one.</summary>
    public static readonly SnmpOid NotInTimeWindows = SnmpOid.Parse("1.3.6.1.6.3.15.1.1.2.0");

    private static readonly string[] StatNames = ["", "unsupportedSecLevels", "notInTimeWindows", "unknownUserNames", "unknownEngineIDs", "wrongDigests", "decryptionErrors"];

    private readonly SnmpV3User _user;
    private readonly byte[]? _authKey;
    private readonly byte[]? _privKey;
    private long _salt = Random.Shared.NextInt64();

    public UsmSession(SnmpV3User user)
    {
        _user = user.Validated();
        _authKey = user.Auth == SnmpAuthProtocol.None ? null : UsmKeys.PasswordToKey(user.Auth, user.AuthPassword);
        _privKey = user.Priv == SnmpPrivProtocol.None ? null : UsmKeys.PasswordToKey(user.Auth, user.PrivPassword);
    }

    /// <summary>The unauthenticated, reportable request an agent answers with a Report carrying its engineID, boots and time.</summary>
    public static byte[] Discovery(int messageId) =>
        new SnmpV3Message(
            messageId,
            SnmpV3Message.ReportableFlag,
            new UsmSecurityParameters(ReadOnlyMemory<byte>.Empty, 0, 0, string.Empty, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty),
            SnmpV3Message.ScopedPdu([], new SnmpMessage(SnmpMessage.V3, string.Empty, BerTag.GetRequest, messageId, 0, 0, []))).Encode();

    /// <summary>The engine a discovery Report describes, with this user's keys localized to it.</summary>
    public UsmEngine Engine(UsmSecurityParameters discovered)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        if (discovered.EngineId.Length is < 5 or > 32)
        {
            throw new FormatException("SNMPv3: discovery reply carries no valid engineID");
        }

        var engineId = discovered.EngineId.ToArray();
        var engine = new UsmEngine(
            engineId,
            _authKey is null ? null : UsmKeys.Localize(_user.Auth, _authKey, engineId),
            _privKey is null ? null : UsmKeys.Localize(_user.Auth, _privKey, engineId));
        engine.Sync(discovered.Boots, discovered.Time);
        return engine;
    }

    public byte[] Request(UsmEngine engine, int messageId, SnmpMessage pdu)
    {
        var scoped = SnmpV3Message.ScopedPdu(engine.EngineId, pdu);
        var (boots, time) = engine.Clock();
        ReadOnlyMemory<byte> data = scoped;
        var privParams = Array.Empty<byte>();
        if (_user.Priv != SnmpPrivProtocol.None)
        {
            privParams = NextSalt(boots);
            data = UsmPrivacy.Encrypt(_user.Priv, engine.PrivKey!, boots, time, privParams, scoped);
        }

        var authenticated = _user.Auth != SnmpAuthProtocol.None;
        var security = new UsmSecurityParameters(engine.EngineId, boots, time, _user.Name, authenticated ? new byte[UsmKeys.SignatureLength] : [], privParams);
        var message = new SnmpV3Message(messageId, (byte)(_user.SecurityFlags | SnmpV3Message.ReportableFlag), security, data).Encode();
        if (authenticated)
        {
            UsmKeys.Sign(_user.Auth, engine.AuthKey!, message).CopyTo(message.AsSpan(SnmpV3Message.AuthParamsRange(message)));
        }

        return message;
    }

    /// <summary>
    /// The PDU of a reply from <paramref name="engine"/> (null while discovering). Reports come back as they are — the
    /// caller decides what they mean; a Response must be signed and encrypted as the user's level asks.
    /// </summary>
    /// <exception cref="FormatException">Malformed, forged (bad signature), from another engine, or weaker than asked.</exception>
    public SnmpMessage Reply(byte[] datagram, UsmEngine? engine)
    {
        var message = SnmpV3Message.Decode(datagram);
        if (message.IsAuthenticated)
        {
            if (engine?.AuthKey is not { } key || !message.Security.EngineId.Span.SequenceEqual(engine.EngineId))
            {
                throw new FormatException("SNMPv3: signed reply from an engine we have no key for");
            }

            var range = SnmpV3Message.AuthParamsRange(datagram);
            var signature = datagram[range];
            var zeroed = (byte[])datagram.Clone();
            zeroed.AsSpan(range).Clear();
            if (!CryptographicOperations.FixedTimeEquals(signature, UsmKeys.Sign(_user.Auth, key, zeroed)))
            {
                throw new FormatException("SNMPv3: reply signature does not verify");
            }
        }

        var scoped = message.Data;
        if (message.IsEncrypted)
        {
            if (!message.IsAuthenticated || engine?.PrivKey is not { } privKey)
            {
                throw new FormatException("SNMPv3: encrypted reply we cannot decrypt");
            }

            scoped = UsmPrivacy.Decrypt(_user.Priv, privKey, message.Security.Boots, message.Security.Time, message.Security.PrivParams.Span, message.Data.Span);
        }

        var pdu = SnmpV3Message.ReadScopedPdu(scoped);
        if (pdu.PduType == BerTag.Response && (message.Flags & 3) != _user.SecurityFlags)
        {
            throw new FormatException("SNMPv3: response at a lower security level than the request");
        }

        if (pdu.PduType == BerTag.Report && message.IsAuthenticated && pdu.VarBinds.Any(b => b.Oid.Equals(NotInTimeWindows)))
        {
            // Only a signed report may move our clock; an unsigned one could be anybody's.
            engine!.Sync(message.Security.Boots, message.Security.Time);
        }

        return pdu;
    }

    /// <summary>Reads the security parameters of a reply (discovery needs the engine's, before any key exists).</summary>
    public static UsmSecurityParameters SecurityOf(byte[] datagram) => SnmpV3Message.Decode(datagram).Security;

    public static SnmpReportException ReportError(SnmpMessage report)
    {
        var counter = report.VarBinds.FirstOrDefault(b => b.Oid.StartsWith(UsmStats))?.Oid ?? (report.VarBinds.Count > 0 ? report.VarBinds[0].Oid : null);
        var name = counter is not null && counter.StartsWith(UsmStats) && counter.Arcs.Count > UsmStats.Arcs.Count && counter.Arcs[UsmStats.Arcs.Count] is var n && n < StatNames.Length
            ? "usmStats" + char.ToUpperInvariant(StatNames[n][0]) + StatNames[n][1..]
            : counter?.ToString() ?? "unknown";
        return new SnmpReportException(counter ?? UsmStats, $"SNMPv3: the agent reported {name}");
    }

    /// <summary>8 salt bytes never reused with one key: DES puts engineBoots in front of a counter; AES uses a 64-bit counter.</summary>
    private byte[] NextSalt(uint boots)
    {
        var salt = new byte[8];
        var next = Interlocked.Increment(ref _salt);
        if (_user.Priv == SnmpPrivProtocol.Des)
        {
            BinaryPrimitives.WriteUInt32BigEndian(salt, boots);
            BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(4), unchecked((uint)next));
        }
        else
        {
            BinaryPrimitives.WriteInt64BigEndian(salt, next);
        }

        return salt;
    }
}
