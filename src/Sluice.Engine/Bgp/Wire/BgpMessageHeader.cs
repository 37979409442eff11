using System.Buffers.Binary;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>Checks the 19-octet header of a received message (RFC 4271 §6.1).</summary>
public static class BgpMessageHeader
{
    /// <summary>Reads the type and total length; throws the Message Header Error the header deserves.</summary>
    /// <param name="maxLength">4096, or 65535 once extended messages are agreed (RFC 8654).</param>
    public static (BgpMessageType Type, int Length) Read(ReadOnlySpan<byte> header, int maxLength)
    {
        if (header.Length < BgpMessageWriter.HeaderLength)
        {
            throw new ArgumentException("a header is 19 octets", nameof(header));
        }

        foreach (var octet in header[..16])
        {
            if (octet != 0xFF)
            {
                throw new BgpProtocolException(BgpError.MessageHeader, BgpError.ConnectionNotSynchronized, "the marker is not all ones");
            }
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[16..]);
        var type = header[18];
        var lengthData = BgpOpenMessage.LengthData(length);
        if (type is < (byte)BgpMessageType.Open or > (byte)BgpMessageType.RouteRefresh)
        {
            throw new BgpProtocolException(BgpError.MessageHeader, BgpError.BadMessageType, $"message type {type}", new[] { type });
        }

        var minimum = (BgpMessageType)type switch
        {
            BgpMessageType.Open => 29,
            BgpMessageType.Update => 23,
            BgpMessageType.Notification => 21,
            BgpMessageType.RouteRefresh => 23,
            _ => 19,
        };
        var fixedLength = (BgpMessageType)type is BgpMessageType.Keepalive or BgpMessageType.RouteRefresh;
        if (length < minimum || length > maxLength || (fixedLength && length != minimum))
        {
            throw new BgpProtocolException(BgpError.MessageHeader, BgpError.BadMessageLength, $"length {length} for a {(BgpMessageType)type} message", lengthData);
        }

        return ((BgpMessageType)type, length);
    }
}
