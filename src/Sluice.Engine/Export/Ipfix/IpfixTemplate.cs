using System.Buffers.Binary;
using System.Collections.Frozen;
using Sluice.Engine.Flows;
using Sluice.Engine.Flows.Logging;

namespace Sluice.Engine.Export.Ipfix;

/// <summary>
/// The IPFIX template of one flow definition: a field per key (only the keys sflow-rt-api.md §3.1 allows with
/// <c>ipfixCollectors</c>), then octetDeltaCount, packetDeltaCount, flowStartMilliseconds and flowEndMilliseconds.
/// Key fields are encoded once, when a flow starts; the counters and times when its record is exported.
/// </summary>
internal sealed class IpfixTemplate
{
    /// <summary>The four fields after the keys: two unsigned64 counters and two dateTimeMilliseconds.</summary>
    private const int TrailerLength = 4 * 8;

    // ip6nexthdr is the upper-layer protocol (after any extension headers), which is what protocolIdentifier carries
    // for IPv6 too; nextHeaderIPv6 (193) would be the fixed header's Next Header, possibly an extension header.
    private static readonly FrozenDictionary<string, (IpfixField Field, IpfixKeyKind Kind)> KeyElements =
        new Dictionary<string, (IpfixField, IpfixKeyKind)>(StringComparer.Ordinal)
        {
            ["macsource"] = (new(IpfixElements.SourceMacAddress, 6), IpfixKeyKind.Bytes),
            ["macdestination"] = (new(IpfixElements.DestinationMacAddress, 6), IpfixKeyKind.Bytes),
            ["ethernetprotocol"] = (new(IpfixElements.EthernetType, 2), IpfixKeyKind.Number),
            ["vlan"] = (new(IpfixElements.VlanId, 2), IpfixKeyKind.Number),
            ["priority"] = (new(IpfixElements.Dot1qPriority, 1), IpfixKeyKind.Number),
            ["ipprotocol"] = (new(IpfixElements.ProtocolIdentifier, 1), IpfixKeyKind.Number),
            ["ipsource"] = (new(IpfixElements.SourceIPv4Address, 4), IpfixKeyKind.Bytes),
            ["ipdestination"] = (new(IpfixElements.DestinationIPv4Address, 4), IpfixKeyKind.Bytes),
            ["ip6source"] = (new(IpfixElements.SourceIPv6Address, 16), IpfixKeyKind.Bytes),
            ["ip6destination"] = (new(IpfixElements.DestinationIPv6Address, 16), IpfixKeyKind.Bytes),
            ["ip6nexthdr"] = (new(IpfixElements.ProtocolIdentifier, 1), IpfixKeyKind.Number),
            ["tcpsourceport"] = (new(IpfixElements.SourceTransportPort, 2), IpfixKeyKind.Number),
            ["tcpdestinationport"] = (new(IpfixElements.DestinationTransportPort, 2), IpfixKeyKind.Number),
            ["udpsourceport"] = (new(IpfixElements.SourceTransportPort, 2), IpfixKeyKind.Number),
            ["udpdestinationport"] = (new(IpfixElements.DestinationTransportPort, 2), IpfixKeyKind.Number),
            ["inputifindex"] = (new(IpfixElements.IngressInterface, 4), IpfixKeyKind.Number),
            ["outputifindex"] = (new(IpfixElements.EgressInterface, 4), IpfixKeyKind.Number),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly IpfixKeyKind[] _kinds;

    private IpfixTemplate(ushort id, IpfixField[] fields, IpfixKeyKind[] kinds, int keyLength)
    {
        Id = id;
        Fields = fields;
        _kinds = kinds;
        KeyLength = keyLength;
    }

    /// <summary>Template ID (256 and up: RFC 7011 §3.4.1 reserves 0-255 for set IDs).</summary>
    public ushort Id { get; }

    public IReadOnlyList<IpfixField> Fields { get; }

    /// <summary>Bytes of the key fields at the start of each data record.</summary>
    public int KeyLength { get; }

    /// <summary>Bytes of one data record.</summary>
    public int RecordLength => KeyLength + TrailerLength;

    /// <summary>Bytes of the template record: ID, field count and a 4-byte specifier per field.</summary>
    public int TemplateRecordLength => 4 + (4 * Fields.Count);

    /// <summary>True when a message of <paramref name="maxMessageBytes"/> holds the template set and at least one data record.</summary>
    public bool Fits(int maxMessageBytes) =>
        IpfixMessageWriter.MessageHeaderLength + (2 * IpfixMessageWriter.SetHeaderLength) + TemplateRecordLength + RecordLength <= maxMessageBytes;

    /// <summary>The flow keys IPFIX export accepts (sflow-rt-api.md §3.1).</summary>
    public static IEnumerable<string> KeyNames => KeyElements.Keys;

    /// <summary>The template for <paramref name="flow"/>.</summary>
    /// <exception cref="FlowSyntaxException">A key other than those listed, or a value other than bytes and frames; names it.</exception>
    public static IpfixTemplate Create(ushort id, CompiledFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var definition = flow.Definition;
        var positions = FlowDefinition.SplitList(definition.Keys);
        var fields = new List<IpfixField>();
        var kinds = new IpfixKeyKind[flow.Keys.Count];
        var keyLength = 0;
        for (var i = 0; i < flow.Keys.Count; i++)
        {
            var name = flow.Keys[i].Text;
            if (!KeyElements.TryGetValue(name, out var element))
            {
                throw new FlowSyntaxException("keys: not exportable to ipfixCollectors", positions[i].Position, name);
            }

            fields.Add(element.Field);
            kinds[i] = element.Kind;
            keyLength += element.Field.Length;
        }

        CheckValue("value", flow.Value.Text, 0);
        foreach (var (text, position) in FlowDefinition.SplitList(definition.Values))
        {
            CheckValue("values", text, position);
        }

        fields.Add(new(IpfixElements.OctetDeltaCount, 8));
        fields.Add(new(IpfixElements.PacketDeltaCount, 8));
        fields.Add(new(IpfixElements.FlowStartMilliseconds, 8));
        fields.Add(new(IpfixElements.FlowEndMilliseconds, 8));
        return new IpfixTemplate(id, [.. fields], kinds, keyLength);
    }

    /// <summary>Encodes the key fields from the sample that starts a flow (once per flow, not per sample).</summary>
    public byte[] EncodeKey(CompiledFlow flow, FlowSampleContext context)
    {
        var encoded = new byte[KeyLength];
        Span<byte> bytes = stackalloc byte[16];
        var offset = 0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            var field = encoded.AsSpan(offset, Fields[i].Length);
            if (_kinds[i] == IpfixKeyKind.Bytes)
            {
                var length = flow.Keys[i].WriteBytes(context, bytes);
                if (length == field.Length)
                {
                    bytes[..length].CopyTo(field);
                }
            }
            else if (flow.Keys[i].TryGetNumber(context, out var number))
            {
                WriteUnsigned(field, number);
            }

            offset += field.Length;
        }

        return encoded;
    }

    /// <summary>Writes the template record (RFC 7011 §3.4.1): template ID, field count, then the field specifiers.</summary>
    public int WriteTemplateRecord(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)Fields.Count);
        var offset = 4;
        foreach (var field in Fields)
        {
            // Enterprise bit clear: every element is an IANA one.
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], field.ElementId);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], field.Length);
            offset += 4;
        }

        return offset;
    }

    /// <summary>Writes one data record for <paramref name="record"/> (RFC 7011 §3.4.3): its encoded keys, counters and times.</summary>
    public int WriteDataRecord(FlowRecord record, Span<byte> destination)
    {
        var key = record.ExportKey.AsSpan();
        if (key.Length == KeyLength)
        {
            key.CopyTo(destination);
        }
        else
        {
            destination[..KeyLength].Clear();
        }

        var trailer = destination[KeyLength..];
        BinaryPrimitives.WriteUInt64BigEndian(trailer, ToUnsigned(record.Bytes));
        BinaryPrimitives.WriteUInt64BigEndian(trailer[8..], ToUnsigned(record.Frames));
        BinaryPrimitives.WriteUInt64BigEndian(trailer[16..], (ulong)Math.Max(0, record.Start));
        BinaryPrimitives.WriteUInt64BigEndian(trailer[24..], (ulong)Math.Max(0, record.End));
        return RecordLength;
    }

    private static void CheckValue(string attribute, string text, int position)
    {
        if (text is not "bytes" and not "frames")
        {
            throw new FlowSyntaxException($"{attribute}: only bytes and frames are exportable to ipfixCollectors", position, text);
        }
    }

    private static ulong ToUnsigned(double value) =>
        value <= 0 || double.IsNaN(value) ? 0 : value >= ulong.MaxValue ? ulong.MaxValue : (ulong)Math.Round(value);

    private static void WriteUnsigned(Span<byte> field, double number)
    {
        var value = ToUnsigned(number);
        for (var i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)value;
            value >>= 8;
        }
    }
}
