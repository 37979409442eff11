using System.Buffers.Binary;
using Sluice.Engine.Bgp.Wire;

namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// A FlowSpec NLRI (RFC 8955 §4; IPv6 RFC 8956 §3): components in strictly increasing type order. Two NLRI are equal
/// when their encodings are, which is also how routers tell rules apart.
/// </summary>
public sealed class FlowSpecNlri : IEquatable<FlowSpecNlri>
{
    /// <summary>Longest NLRI value: the 2-octet length form holds 12 bits (RFC 8955 §4.1).</summary>
    public const int MaxLength = 0x0FFF;

    private readonly byte[] _encoded;

    /// <exception cref="FormatException">The components are out of order, repeated, or do not belong to the address family.</exception>
    public FlowSpecNlri(bool ipv6, IReadOnlyList<FlowSpecComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
        {
            throw new FormatException("a FlowSpec rule needs at least one component");
        }

        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            if (i > 0 && component.Type <= components[i - 1].Type)
            {
                throw new FormatException($"component {component.Type} is out of order or repeated");
            }

            if (component.Type == FlowSpecComponentType.FlowLabel && !ipv6)
            {
                throw new FormatException("the flow label component is IPv6 only");
            }

            if (component.Prefix is { } prefix && prefix.IsIPv6 != ipv6)
            {
                throw new FormatException($"{component.Type} {prefix} is not an {(ipv6 ? "IPv6" : "IPv4")} prefix");
            }
        }

        IsIPv6 = ipv6;
        Components = [.. components];
        _encoded = Encode(ipv6, Components);
        if (_encoded.Length > MaxLength)
        {
            throw new FormatException($"the rule encodes to {_encoded.Length} octets, more than the {MaxLength} a FlowSpec NLRI can hold");
        }
    }

    public bool IsIPv6 { get; }

    public BgpFamily Family => IsIPv6 ? BgpFamily.IPv6FlowSpec : BgpFamily.IPv4FlowSpec;

    public IReadOnlyList<FlowSpecComponent> Components { get; }

    /// <summary>The NLRI value, without its length prefix.</summary>
    public ReadOnlySpan<byte> Encoded => _encoded;

    /// <summary>The component of <paramref name="type"/>, or null.</summary>
    public FlowSpecComponent? Find(FlowSpecComponentType type)
    {
        foreach (var component in Components)
        {
            if (component.Type == type)
            {
                return component;
            }
        }

        return null;
    }

    /// <summary>Writes the length (1 octet below 240, else 0xFnnn) and the value, as in MP_REACH/MP_UNREACH_NLRI.</summary>
    public void WriteTo(BgpMessageWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_encoded.Length < 240)
        {
            writer.WriteByte((byte)_encoded.Length);
        }
        else
        {
            writer.WriteUInt16((ushort)(0xF000 | _encoded.Length));
        }

        writer.WriteBytes(_encoded);
    }

    /// <summary>Reads every NLRI of an MP_REACH/MP_UNREACH NLRI field.</summary>
    /// <exception cref="FormatException">A length or component is malformed; says what and where.</exception>
    public static List<FlowSpecNlri> ReadAll(ReadOnlySpan<byte> field, bool ipv6)
    {
        var found = new List<FlowSpecNlri>();
        var at = 0;
        while (at < field.Length)
        {
            int length = field[at];
            var header = 1;
            if ((length & 0xF0) == 0xF0)
            {
                if (at + 1 >= field.Length)
                {
                    throw new FormatException($"offset {at}: the 2-octet NLRI length is cut off");
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(field[at..]) & 0x0FFF;
                header = 2;
            }

            if (at + header + length > field.Length)
            {
                throw new FormatException($"offset {at}: an NLRI of {length} octets runs past the end of the attribute");
            }

            found.Add(Decode(field.Slice(at + header, length), ipv6));
            at += header + length;
        }

        return found;
    }

    /// <summary>Decodes one NLRI value (without its length).</summary>
    /// <exception cref="FormatException">Malformed, in the sense of RFC 8955 §4.2: says which component and why.</exception>
    public static FlowSpecNlri Decode(ReadOnlySpan<byte> value, bool ipv6)
    {
        var components = new List<FlowSpecComponent>();
        var reader = new BgpReader(value);
        while (!reader.IsEmpty)
        {
            reader.TryReadByte(out var typeCode);
            var type = (FlowSpecComponentType)typeCode;
            if (typeCode == 0 || type > FlowSpecComponentType.FlowLabel || (type == FlowSpecComponentType.FlowLabel && !ipv6))
            {
                throw new FormatException($"unknown component type {typeCode}");
            }

            if (type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix)
            {
                components.Add(FlowSpecComponent.ForPrefix(type, ReadPrefix(ref reader, ipv6, type)));
                continue;
            }

            var terms = new List<FlowSpecTerm>();
            while (true)
            {
                if (!reader.TryReadByte(out var op))
                {
                    throw new FormatException($"{type}: the operator list has no end-of-list bit");
                }

                var length = 1 << ((op & FlowSpecTerm.LengthMask) >> 4);
                if (!reader.TryReadBytes(length, out var bytes))
                {
                    throw new FormatException($"{type}: a {length}-octet value is cut off");
                }

                ulong number = 0;
                foreach (var b in bytes)
                {
                    number = (number << 8) | b;
                }

                terms.Add(new FlowSpecTerm((byte)(op & ~FlowSpecTerm.EndOfList), number));
                if ((op & FlowSpecTerm.EndOfList) != 0)
                {
                    break;
                }
            }

            components.Add(FlowSpecComponent.ForTerms(type, terms));
        }

        return new FlowSpecNlri(ipv6, components);
    }

    public bool Equals(FlowSpecNlri? other) => other is not null && IsIPv6 == other.IsIPv6 && _encoded.AsSpan().SequenceEqual(other._encoded);

    public override bool Equals(object? obj) => Equals(obj as FlowSpecNlri);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsIPv6);
        hash.AddBytes(_encoded);
        return hash.ToHashCode();
    }

    /// <summary>The rule in match form: <c>destination 10.0.0.1/32 protocol =17 source-port =53</c>.</summary>
    public override string ToString() => string.Join(' ', FlowSpecMatch.Format(this).Select(p => $"{p.Key} {p.Value}"));

    private static FlowSpecPrefix ReadPrefix(ref BgpReader reader, bool ipv6, FlowSpecComponentType type)
    {
        if (!reader.TryReadByte(out var length))
        {
            throw new FormatException($"{type}: the prefix length is cut off");
        }

        byte offset = 0;
        if (ipv6 && !reader.TryReadByte(out offset))
        {
            throw new FormatException($"{type}: the prefix offset is cut off");
        }

        var bits = ipv6 ? 128 : 32;
        if (length > bits || offset > length)
        {
            throw new FormatException($"{type}: length {length} / offset {offset} is not a valid prefix");
        }

        // The pattern holds bits [offset, length) of the address, from the first bit of its first octet (RFC 8956 §3.1).
        var patternBits = length - offset;
        if (!reader.TryReadBytes((patternBits + 7) / 8, out var pattern))
        {
            throw new FormatException($"{type}: the prefix pattern is cut off");
        }

        var address = new byte[bits / 8];
        for (var i = 0; i < patternBits; i++)
        {
            if ((pattern[i >> 3] & (0x80 >> (i & 7))) != 0)
            {
                var bit = offset + i;
                address[bit >> 3] |= (byte)(0x80 >> (bit & 7));
            }
        }

        return new FlowSpecPrefix(new System.Net.IPAddress(address), length, offset);
    }

    private static byte[] Encode(bool ipv6, IReadOnlyList<FlowSpecComponent> components)
    {
        var writer = new BgpMessageWriter();
        foreach (var component in components)
        {
            writer.WriteByte((byte)component.Type);
            if (component.Prefix is { } prefix)
            {
                writer.WriteByte((byte)prefix.Length);
                if (ipv6)
                {
                    writer.WriteByte((byte)prefix.Offset);
                }

                var address = prefix.Address.GetAddressBytes();
                var patternBits = prefix.Length - prefix.Offset;
                var pattern = new byte[(patternBits + 7) / 8];
                for (var i = 0; i < patternBits; i++)
                {
                    var bit = prefix.Offset + i;
                    if ((address[bit >> 3] & (0x80 >> (bit & 7))) != 0)
                    {
                        pattern[i >> 3] |= (byte)(0x80 >> (i & 7));
                    }
                }

                writer.WriteBytes(pattern);
                continue;
            }

            for (var i = 0; i < component.Terms.Count; i++)
            {
                var term = component.Terms[i];
                writer.WriteByte((byte)(term.Operator | (i == component.Terms.Count - 1 ? FlowSpecTerm.EndOfList : 0)));
                for (var octet = term.ValueLength - 1; octet >= 0; octet--)
                {
                    writer.WriteByte((byte)(term.Value >> (octet * 8)));
                }
            }
        }

        return writer.ToArray();
    }
}
