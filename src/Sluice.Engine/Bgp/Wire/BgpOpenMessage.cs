using System.Buffers.Binary;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>An OPEN message (RFC 4271 §4.2) with its capabilities (RFC 5492); encodes and validates.</summary>
public sealed record BgpOpenMessage
{
    /// <summary>The BGP version this speaker implements.</summary>
    public const byte CurrentVersion = 4;

    /// <summary>AS_TRANS (RFC 6793 §9): what goes in the 2-octet My AS field for an AS above 65535.</summary>
    public const ushort AsTrans = 23456;

    /// <summary>Optional parameter type 2: Capabilities (RFC 5492 §4).</summary>
    private const byte CapabilitiesParameter = 2;

    /// <summary>RFC 9072 §2: a non-extended length and type of 255 announce the extended parameters encoding.</summary>
    private const byte ExtendedParameters = 255;

    public byte Version { get; init; } = CurrentVersion;

    /// <summary>The speaker's AS: the 4-octet AS capability when present, else the My AS field.</summary>
    public required uint As { get; init; }

    public required ushort HoldTimeSeconds { get; init; }

    /// <summary>The BGP Identifier as a host-order number (the IPv4-address form 192.0.2.1 is 0xC0000201).</summary>
    public required uint Identifier { get; init; }

    public BgpCapabilities Capabilities { get; init; } = new();

    /// <summary>The whole message, header included.</summary>
    public byte[] Encode()
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Open);
        writer.WriteByte(Version);
        writer.WriteUInt16(As > ushort.MaxValue ? AsTrans : (ushort)As);
        writer.WriteUInt16(HoldTimeSeconds);
        writer.WriteUInt32(Identifier);
        var parametersLength = writer.Reserve8();
        writer.WriteByte(CapabilitiesParameter);
        var capabilitiesLength = writer.Reserve8();
        Capabilities.Write(writer);
        writer.Patch8(capabilitiesLength);
        writer.Patch8(parametersLength);
        writer.EndMessage();
        return writer.ToArray();
    }

    /// <summary>Reads and checks an OPEN body (the octets after the 19-octet header).</summary>
    /// <exception cref="BgpProtocolException">The NOTIFICATION RFC 4271 §6.2 asks for.</exception>
    public static BgpOpenMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new BgpReader(body);
        if (!reader.TryReadByte(out var version) || !reader.TryReadUInt16(out var myAs) || !reader.TryReadUInt16(out var holdTime)
            || !reader.TryReadUInt32(out var identifier) || !reader.TryReadByte(out var parametersLength))
        {
            throw new BgpProtocolException(BgpError.MessageHeader, BgpError.BadMessageLength, "the OPEN is shorter than its fixed fields",
                LengthData(body.Length + BgpMessageWriter.HeaderLength));
        }

        if (version != CurrentVersion)
        {
            // The data is the largest version supported (RFC 4271 §6.2).
            throw new BgpProtocolException(BgpError.OpenMessage, BgpError.UnsupportedVersionNumber, $"version {version}", new byte[] { 0, CurrentVersion });
        }

        if (holdTime is 1 or 2)
        {
            throw new BgpProtocolException(BgpError.OpenMessage, BgpError.UnacceptableHoldTime, $"hold time {holdTime} s (0 or at least 3 is required)");
        }

        if (identifier == 0)
        {
            // RFC 6286 §2.1: the identifier is a non-zero 4-octet number.
            throw new BgpProtocolException(BgpError.OpenMessage, BgpError.BadBgpIdentifier, "BGP identifier 0.0.0.0");
        }

        var capabilities = new BgpCapabilities.Builder();
        ReadParameters(body[reader.Position..], parametersLength, capabilities);
        var found = capabilities.Build();
        return new BgpOpenMessage
        {
            Version = version,
            As = found.FourOctetAs ?? myAs,
            HoldTimeSeconds = holdTime,
            Identifier = identifier,
            Capabilities = found,
        };
    }

    private static void ReadParameters(ReadOnlySpan<byte> rest, byte parametersLength, BgpCapabilities.Builder capabilities)
    {
        var extended = parametersLength == ExtendedParameters && rest.Length >= 3 && rest[0] == ExtendedParameters;
        ReadOnlySpan<byte> parameters;
        if (extended)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[1..]);
            parameters = rest.Length - 3 == length ? rest[3..] : throw BadParameters();
        }
        else
        {
            parameters = rest.Length == parametersLength ? rest : throw BadParameters();
        }

        var reader = new BgpReader(parameters);
        while (!reader.IsEmpty)
        {
            int length;
            if (!reader.TryReadByte(out var type))
            {
                throw BadParameters();
            }

            if (extended)
            {
                length = reader.TryReadUInt16(out var wide) ? wide : throw BadParameters();
            }
            else
            {
                length = reader.TryReadByte(out var narrow) ? narrow : throw BadParameters();
            }

            if (!reader.TryReadBytes(length, out var value))
            {
                throw BadParameters();
            }

            if (type != CapabilitiesParameter)
            {
                throw new BgpProtocolException(BgpError.OpenMessage, BgpError.UnsupportedOptionalParameter, $"optional parameter type {type}");
            }

            BgpCapabilities.Read(value, capabilities);
        }
    }

    private static BgpProtocolException BadParameters() =>
        new(BgpError.OpenMessage, 0, "the optional parameters do not add up to their length");

    internal static byte[] LengthData(int length) => [(byte)(length >> 8), (byte)length];
}
