using System.Globalization;

namespace Sluice.Engine.Enrichment.Snmp;

/// <summary>An object identifier, kept as its arcs; written and parsed in dotted form (<c>1.3.6.1.2.1.1.5.0</c>).</summary>
public sealed class SnmpOid : IEquatable<SnmpOid>
{
    private readonly uint[] _arcs;

    public SnmpOid(params uint[] arcs)
    {
        ArgumentNullException.ThrowIfNull(arcs);
        if (arcs.Length < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40))
        {
            throw new ArgumentException("an OID needs at least two arcs, the first 0-2 (and the second below 40 unless the first is 2)", nameof(arcs));
        }

        _arcs = [.. arcs];
    }

    public IReadOnlyList<uint> Arcs => _arcs;

    public static SnmpOid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.TrimStart('.').Split('.');
        var arcs = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            arcs[i] = uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var arc) ? arc : throw new FormatException($"'{text}' is not an OID");
        }

        return new SnmpOid(arcs);
    }

    /// <summary>This OID with <paramref name="arc"/> appended, e.g. a column's instance for one ifIndex.</summary>
    public SnmpOid Append(uint arc) => new([.. _arcs, arc]);

    public byte[] Encode()
    {
        var bytes = new List<byte>(_arcs.Length + 4);
        // The first two arcs share one subidentifier (X.690 8.19.4); it can exceed 127 when the first arc is 2.
        AppendBase128(bytes, (_arcs[0] * 40UL) + _arcs[1]);
        for (var i = 2; i < _arcs.Length; i++)
        {
            AppendBase128(bytes, _arcs[i]);
        }

        return [.. bytes];
    }

    public static SnmpOid Decode(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty || (content[^1] & 0x80) != 0)
        {
            throw new FormatException("BER: empty or truncated OBJECT IDENTIFIER");
        }

        var arcs = new List<uint>(content.Length + 1);
        ulong value = 0;
        var digits = 0;
        foreach (var b in content)
        {
            if (digits == 0 && b == 0x80)
            {
                throw new FormatException("BER: OID subidentifier with a leading zero");
            }

            value = (value << 7) | (uint)(b & 0x7F);
            if (++digits > 5 || value > (arcs.Count == 0 ? uint.MaxValue + 80UL : uint.MaxValue))
            {
                throw new FormatException("BER: OID subidentifier too large");
            }

            if ((b & 0x80) == 0)
            {
                if (arcs.Count == 0)
                {
                    var first = value < 80 ? (uint)(value / 40) : 2;
                    arcs.Add(first);
                    arcs.Add((uint)(value - (first * 40UL)));
                }
                else
                {
                    arcs.Add((uint)value);
                }

                value = 0;
                digits = 0;
            }
        }

        return new SnmpOid([.. arcs]);
    }

    /// <summary>Whether this OID lies under <paramref name="prefix"/> (e.g. an ifName instance under the ifName column).</summary>
    public bool StartsWith(SnmpOid prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return prefix._arcs.Length <= _arcs.Length && _arcs.AsSpan(0, prefix._arcs.Length).SequenceEqual(prefix._arcs);
    }

    public bool Equals(SnmpOid? other) => other is not null && _arcs.AsSpan().SequenceEqual(other._arcs);

    public override bool Equals(object? obj) => Equals(obj as SnmpOid);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var arc in _arcs)
        {
            hash.Add(arc);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('.', _arcs);

    private static void AppendBase128(List<byte> bytes, ulong value)
    {
        var start = bytes.Count;
        bytes.Add((byte)(value & 0x7F));
        value >>= 7;
        while (value != 0)
        {
            bytes.Insert(start, (byte)(0x80 | (value & 0x7F)));
            value >>= 7;
        }
    }
}
