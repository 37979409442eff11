using System.Buffers.Binary;

namespace Sluice.Sflow.Tests.Text;

/// <summary>
/// Minimal classic-pcap reader with Ethernet/802.1Q/IPv4/IPv6/UDP decapsulation, private to these tests
/// until the real Pcap library lands. Like sflowtool, it does not check the UDP port.
/// </summary>
internal static class TestPcap
{
    internal readonly record struct Record(long Seconds, int Microseconds, byte[] Payload);

    public static List<Record> Read(string path)
    {
        var data = File.ReadAllBytes(path);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var little = magic == 0xA1B2C3D4;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(data) != 0xA1B2C3D4)
        {
            throw new InvalidDataException($"{path}: not a classic microsecond pcap");
        }

        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
        var records = new List<Record>();
        var offset = 24;
        while (offset + 16 <= data.Length)
        {
            var seconds = U32(offset);
            var micros = U32(offset + 4);
            var caplen = (int)U32(offset + 8);
            var frame = data.AsSpan(offset + 16, caplen);
            offset += 16 + caplen;
            records.Add(new Record(seconds, (int)micros, Decapsulate(frame).ToArray()));
        }

        return records;
    }

    private static ReadOnlySpan<byte> Decapsulate(ReadOnlySpan<byte> frame)
    {
        var at = 12;
        int type = BinaryPrimitives.ReadUInt16BigEndian(frame[at..]);
        at += 2;
        while (type is 0x8100 or 0x88A8 or 0x9100 or 0x9200 or 0x9300)
        {
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 2)..]);
            at += 4;
        }

        at += type == 0x86DD ? 40 : (frame[at] & 0x0F) * 4;
        at += 8;
        return at <= frame.Length ? frame[at..] : [];
    }
}
