using System.Buffers.Binary;
using System.Net;
using Sluice.Sflow.Pcap;

namespace Sluice.Sflow.Tests.Pcap;

/// <summary>Builds frames and captures for the pcap tests.</summary>
internal static class TestFrames
{
    public static IpAddressBytes Ip(string address) => IpAddressBytes.FromIPAddress(IPAddress.Parse(address));

    /// <summary>A payload that starts like an sFlow v5 datagram (version word 5), then a counting pattern.</summary>
    public static byte[] Payload(int length, byte seed = 0)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(seed + (i * 7));
        }

        if (length >= 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload, 5);
        }

        return payload;
    }

    public static byte[] Udp(string source, int sourcePort, string destination, int destinationPort, byte[] payload)
    {
        var from = Ip(source);
        var to = Ip(destination);
        var frame = new byte[UdpFrameBuilder.GetFrameLength(!from.IsIPv4, payload.Length)];
        var written = UdpFrameBuilder.Write(frame, from, sourcePort, to, destinationPort, payload);
        return frame[..written];
    }

    public static byte[] Udp4(byte[] payload, int destinationPort = 6343) =>
        Udp("192.0.2.1", 40000, "192.0.2.2", destinationPort, payload);

    public static byte[] Udp6(byte[] payload, int destinationPort = 6343) =>
        Udp("2001:db8::1", 40000, "2001:db8::2", destinationPort, payload);

    /// <summary>Replaces the Ethernet header with another link header (the IP packet is kept).</summary>
    public static byte[] Relink(byte[] ethernetFrame, ReadOnlySpan<byte> linkHeader)
    {
        var ip = ethernetFrame.AsSpan(14);
        var frame = new byte[linkHeader.Length + ip.Length];
        linkHeader.CopyTo(frame);
        ip.CopyTo(frame.AsSpan(linkHeader.Length));
        return frame;
    }

    /// <summary>Inserts VLAN tags (TPID, VLAN id 100 + i) after the MAC addresses.</summary>
    public static byte[] WithVlanTags(byte[] ethernetFrame, params int[] tpids)
    {
        var frame = new byte[ethernetFrame.Length + (4 * tpids.Length)];
        ethernetFrame.AsSpan(0, 12).CopyTo(frame);
        var offset = 12;
        for (var i = 0; i < tpids.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)tpids[i]);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), (ushort)(100 + i));
            offset += 4;
        }

        ethernetFrame.AsSpan(12).CopyTo(frame.AsSpan(offset));
        return frame;
    }

    /// <summary>
    /// Splits an Ethernet/IPv4 frame (20-byte IP header) into fragments carrying <paramref name="fragmentSize"/>
    /// bytes of IP payload each (a multiple of 8).
    /// </summary>
    public static List<byte[]> FragmentIPv4(byte[] ethernetFrame, int fragmentSize, ushort id)
    {
        var ipPayload = ethernetFrame.AsSpan(14 + 20);
        var fragments = new List<byte[]>();
        for (var offset = 0; offset < ipPayload.Length; offset += fragmentSize)
        {
            var length = Math.Min(fragmentSize, ipPayload.Length - offset);
            var more = offset + length < ipPayload.Length;
            var fragment = new byte[14 + 20 + length];
            ethernetFrame.AsSpan(0, 34).CopyTo(fragment);
            BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(16), (ushort)(20 + length));
            BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(18), id);
            BinaryPrimitives.WriteUInt16BigEndian(fragment.AsSpan(20), (ushort)((more ? 0x2000 : 0) | (offset / 8)));
            ipPayload.Slice(offset, length).CopyTo(fragment.AsSpan(34));
            fragments.Add(fragment);
        }

        return fragments;
    }

    public static byte[] Capture(IEnumerable<byte[]> frames, PcapWriterOptions? options = null, long startNs = 1_700_000_000_000_000_000)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, options, leaveOpen: true))
        {
            var timestamp = startNs;
            foreach (var frame in frames)
            {
                writer.WriteRecord(timestamp, frame);
                timestamp += 1_000_000;
            }
        }

        return stream.ToArray();
    }

    /// <summary>A stream that cannot seek and returns at most a few bytes per read, like a pipe.</summary>
    public sealed class TricklingStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
