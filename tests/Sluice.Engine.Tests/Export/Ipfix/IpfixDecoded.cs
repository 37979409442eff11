using System.Buffers.Binary;
using Xunit;

namespace Sluice.Engine.Tests.Export.Ipfix;

/// <summary>
/// An IPFIX message (RFC 7011) decoded independently of the encoder: header, the templates it defines, and its data
/// records as element ID → field bytes, read with templates from this message or <paramref name="known"/> earlier ones.
/// </summary>
internal sealed class IpfixDecoded
{
    public IpfixDecoded(ReadOnlySpan<byte> message, Dictionary<ushort, List<(ushort Element, ushort Length)>>? known = null)
    {
        Version = BinaryPrimitives.ReadUInt16BigEndian(message);
        Length = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        ExportTime = BinaryPrimitives.ReadUInt32BigEndian(message[4..]);
        Sequence = BinaryPrimitives.ReadUInt32BigEndian(message[8..]);
        Domain = BinaryPrimitives.ReadUInt32BigEndian(message[12..]);
        Assert.Equal(message.Length, Length);
        Templates = known ?? [];
        var offset = 16;
        while (offset < message.Length)
        {
            var setId = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
            var setLength = BinaryPrimitives.ReadUInt16BigEndian(message[(offset + 2)..]);
            Assert.True(setLength >= 4 && offset + setLength <= message.Length, $"set at {offset} has length {setLength}");
            var set = message.Slice(offset + 4, setLength - 4);
            if (setId == 2)
            {
                ReadTemplates(set);
            }
            else
            {
                Assert.True(setId >= 256, $"set ID {setId}");
                DataSetIds.Add(setId);
                ReadRecords(Templates[setId], set);
            }

            offset += setLength;
        }
    }

    public ushort Version { get; }

    public ushort Length { get; }

    public uint ExportTime { get; }

    public uint Sequence { get; }

    public uint Domain { get; }

    public Dictionary<ushort, List<(ushort Element, ushort Length)>> Templates { get; }

    public List<ushort> TemplateIds { get; } = [];

    public List<ushort> DataSetIds { get; } = [];

    public List<List<(ushort Element, byte[] Value)>> Records { get; } = [];

    public static ulong Number(byte[] value)
    {
        ulong number = 0;
        foreach (var b in value)
        {
            number = (number << 8) | b;
        }

        return number;
    }

    private void ReadTemplates(ReadOnlySpan<byte> set)
    {
        while (set.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(set);
            var count = BinaryPrimitives.ReadUInt16BigEndian(set[2..]);
            var fields = new List<(ushort, ushort)>();
            for (var i = 0; i < count; i++)
            {
                var element = BinaryPrimitives.ReadUInt16BigEndian(set[(4 + (4 * i))..]);
                Assert.Equal(0, element & 0x8000); // no enterprise elements
                fields.Add((element, BinaryPrimitives.ReadUInt16BigEndian(set[(6 + (4 * i))..])));
            }

            Templates[id] = fields;
            TemplateIds.Add(id);
            set = set[(4 + (4 * count))..];
        }
    }

    private void ReadRecords(List<(ushort Element, ushort Length)> template, ReadOnlySpan<byte> set)
    {
        var recordLength = template.Sum(f => f.Length);
        Assert.Equal(0, set.Length % recordLength);
        for (var offset = 0; offset < set.Length; offset += recordLength)
        {
            var record = new List<(ushort, byte[])>();
            var field = offset;
            foreach (var (element, length) in template)
            {
                record.Add((element, set.Slice(field, length).ToArray()));
                field += length;
            }

            Records.Add(record);
        }
    }
}
