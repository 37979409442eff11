using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Sluice.Sflow.Tests.Packets;

/// <summary>Builds test packets byte by byte; length fields registered with a fix-up are set to reach the end.</summary>
internal sealed class PacketBuilder
{
    private readonly List<byte> _bytes = [];
    private readonly List<(int Position, int Start, int Adjust)> _lengthFixups = [];

    public int Length => _bytes.Count;

    public PacketBuilder U8(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    public PacketBuilder U16(int value) => U8(value >> 8).U8(value);

    public PacketBuilder U32(uint value) => U16((int)(value >> 16)).U16((int)(value & 0xFFFF));

    public PacketBuilder Bytes(params byte[] values)
    {
        _bytes.AddRange(values);
        return this;
    }

    public PacketBuilder Zeros(int count) => Bytes(new byte[count]);

    public PacketBuilder Mac(string mac) => Bytes(ParseMac(mac));

    public PacketBuilder Address(string address) => Bytes(IPAddress.Parse(address).GetAddressBytes());

    public PacketBuilder Ethernet(string destination, string source, int etherType) =>
        Mac(destination).Mac(source).U16(etherType);

    public PacketBuilder Ethernet(int etherType) => Ethernet("02:00:00:00:00:02", "02:00:00:00:00:01", etherType);

    /// <summary>A tag body (TCI then the next type), after a TPID already written as the EtherType.</summary>
    public PacketBuilder Tag(int priority, int vlan, int nextType) => U16((priority << 13) | vlan).U16(nextType);

    public PacketBuilder IPv4(string source, string destination, int protocol, int tos = 0, int ttl = 64,
        int identification = 0x1234, int flags = 2, int fragmentOffset = 0, byte[]? options = null)
    {
        options ??= [];
        var start = Length;
        U8(0x40 | ((20 + options.Length) / 4)).U8(tos);
        FixupLength(start, 0);
        U16(identification).U16((flags << 13) | fragmentOffset).U8(ttl).U8(protocol).U16(0);
        return Address(source).Address(destination).Bytes(options);
    }

    public PacketBuilder IPv6(string source, string destination, int nextHeader, int trafficClass = 0,
        int flowLabel = 0, int hopLimit = 64)
    {
        var start = Length;
        U32((6u << 28) | ((uint)trafficClass << 20) | (uint)flowLabel);
        FixupLength(start, 40);
        return U8(nextHeader).U8(hopLimit).Address(source).Address(destination);
    }

    public PacketBuilder Tcp(int sourcePort, int destinationPort, int flags, int window = 65535) =>
        U16(sourcePort).U16(destinationPort).U32(1000).U32(2000)
            .U8((5 << 4) | ((flags >> 8) & 1)).U8(flags & 0xFF).U16(window).U16(0).U16(0);

    public PacketBuilder Udp(int sourcePort, int destinationPort)
    {
        var start = Length;
        U16(sourcePort).U16(destinationPort);
        FixupLength(start, 0);
        return U16(0);
    }

    /// <summary>A DNS message with one question; <paramref name="name"/> in dotted form.</summary>
    public PacketBuilder DnsQuestion(int id, bool response, string name, int type, int questionClass = 1)
    {
        U16(id).U16(response ? 0x8180 : 0x0100).U16(1).U16(response ? 1 : 0).U16(0).U16(0);
        if (name.Length > 0)
        {
            foreach (var label in name.Split('.'))
            {
                U8(label.Length).Bytes(System.Text.Encoding.ASCII.GetBytes(label));
            }
        }

        return U8(0).U16(type).U16(questionClass);
    }

    /// <summary>The next U16 written is a length counted from <paramref name="start"/> to the end, minus <paramref name="adjust"/>.</summary>
    private void FixupLength(int start, int adjust)
    {
        _lengthFixups.Add((Length, start, adjust));
        U16(0);
    }

    public byte[] Build()
    {
        var bytes = _bytes.ToArray();
        foreach (var (position, start, adjust) in _lengthFixups)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(position), (ushort)(bytes.Length - start - adjust));
        }

        return bytes;
    }

    public static byte[] ParseMac(string mac)
    {
        var hex = mac.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }

    public static byte[] Ip(string address) => IPAddress.Parse(address).GetAddressBytes();
}
