using System.Buffers.Binary;

namespace Sluice.Sflow.Pcap;

/// <summary>
/// Wraps a UDP payload in Ethernet + IPv4 or IPv6 + UDP headers, with correct lengths and checksums, so sFlow
/// datagrams can be written to a pcap that tcpdump and Wireshark decode. Writes into the caller's span; no allocation.
/// </summary>
public static class UdpFrameBuilder
{
    public const int EthernetHeaderLength = 14;
    public const int Ipv4HeaderLength = 20;
    public const int Ipv6HeaderLength = 40;
    public const int UdpHeaderLength = 8;

    /// <summary>Largest payload of an IPv4 UDP datagram (total length is 16 bits).</summary>
    public const int MaxIPv4Payload = ushort.MaxValue - Ipv4HeaderLength - UdpHeaderLength;

    /// <summary>Largest payload of a non-jumbo IPv6 UDP datagram (payload length is 16 bits).</summary>
    public const int MaxIPv6Payload = ushort.MaxValue - UdpHeaderLength;

    // Locally administered, as sflowtool -M does (dst 00:00:00:00:00:01, src 00:00:00:00:00:02), but with the
    // local bit set so the frames cannot be mistaken for a real vendor's hardware.
    private static ReadOnlySpan<byte> DefaultDestinationMac => [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

    private static ReadOnlySpan<byte> DefaultSourceMac => [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];

    private const byte DefaultTtl = 64;
    private const byte ProtocolUdp = 17;

    /// <summary>Frame length for a payload: Ethernet + IP + UDP headers + payload.</summary>
    public static int GetFrameLength(bool ipv6, int payloadLength) =>
        EthernetHeaderLength + (ipv6 ? Ipv6HeaderLength : Ipv4HeaderLength) + UdpHeaderLength + payloadLength;

    /// <summary>Writes a frame with locally administered MAC addresses; returns the bytes written.</summary>
    public static int Write(
        Span<byte> destination,
        IpAddressBytes sourceAddress,
        int sourcePort,
        IpAddressBytes destinationAddress,
        int destinationPort,
        ReadOnlySpan<byte> payload) =>
        Write(destination, DefaultSourceMac, DefaultDestinationMac, sourceAddress, sourcePort, destinationAddress, destinationPort, payload);

    /// <summary>Writes a frame; both addresses must be of the same family. Returns the bytes written.</summary>
    public static int Write(
        Span<byte> destination,
        ReadOnlySpan<byte> sourceMac,
        ReadOnlySpan<byte> destinationMac,
        IpAddressBytes sourceAddress,
        int sourcePort,
        IpAddressBytes destinationAddress,
        int destinationPort,
        ReadOnlySpan<byte> payload)
    {
        if (sourceMac.Length != 6 || destinationMac.Length != 6)
        {
            throw new ArgumentException("MAC addresses are 6 bytes");
        }

        if (sourceAddress.IsIPv4 != destinationAddress.IsIPv4)
        {
            throw new ArgumentException("source and destination addresses must be of the same family", nameof(destinationAddress));
        }

        if ((uint)sourcePort > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(sourcePort));
        }

        if ((uint)destinationPort > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationPort));
        }

        var ipv6 = !sourceAddress.IsIPv4;
        if (payload.Length > (ipv6 ? MaxIPv6Payload : MaxIPv4Payload))
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, "payload does not fit in one UDP datagram");
        }

        var frameLength = GetFrameLength(ipv6, payload.Length);
        if (destination.Length < frameLength)
        {
            throw new ArgumentException($"destination needs {frameLength} bytes", nameof(destination));
        }

        // IEEE 802.3 header.
        destinationMac.CopyTo(destination);
        sourceMac.CopyTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], ipv6 ? (ushort)0x86DD : (ushort)0x0800);

        var ip = destination[EthernetHeaderLength..];
        var udpLength = UdpHeaderLength + payload.Length;
        int ipHeaderLength;
        uint pseudoSum;
        if (ipv6)
        {
            // RFC 8200 §3: version 6, traffic class 0, flow label 0.
            ipHeaderLength = Ipv6HeaderLength;
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)udpLength);
            ip[6] = ProtocolUdp;
            ip[7] = DefaultTtl;
            sourceAddress.CopyTo(ip[8..]);
            destinationAddress.CopyTo(ip[24..]);

            // RFC 8200 §8.1 pseudo-header: addresses, upper-layer length, next header.
            pseudoSum = Sum(ip.Slice(8, 32), 0) + (uint)udpLength + ProtocolUdp;
        }
        else
        {
            // RFC 791 §3.1: IHL 5, no options, identification 0, no fragmentation.
            ipHeaderLength = Ipv4HeaderLength;
            ip[0] = 0x45;
            ip[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4HeaderLength + udpLength));
            BinaryPrimitives.WriteUInt32BigEndian(ip[4..], 0);
            ip[8] = DefaultTtl;
            ip[9] = ProtocolUdp;
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
            sourceAddress.CopyTo(ip[12..]);
            destinationAddress.CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Fold(Sum(ip[..Ipv4HeaderLength], 0)));

            // RFC 768 pseudo-header: addresses, zero, protocol, UDP length.
            pseudoSum = Sum(ip.Slice(12, 8), 0) + ProtocolUdp + (uint)udpLength;
        }

        var udp = ip.Slice(ipHeaderLength, udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[UdpHeaderLength..]);

        // RFC 768: a computed checksum of 0 is sent as 0xFFFF (0 means "none", which IPv6 forbids).
        var checksum = Fold(Sum(udp, pseudoSum));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return frameLength;
    }

    /// <summary>RFC 1071 one's-complement sum of 16-bit words, accumulated in 32 bits with deferred carries.</summary>
    internal static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            if ((sum & 0x8000_0000) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds the carries and complements: the value to put in a checksum field.</summary>
    internal static ushort Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
