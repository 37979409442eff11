namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// One {operator, value} pair of a numeric or bitmask component (RFC 8955 §4.2.1). <see cref="Operator"/> holds the
/// operator octet without its end-of-list bit, which the encoder sets on the last pair; its length bits give the
/// value's size on the wire (1, 2, 4 or 8 octets).
/// </summary>
public readonly record struct FlowSpecTerm(byte Operator, ulong Value)
{
    /// <summary>e: the last pair of the list.</summary>
    public const byte EndOfList = 0x80;

    /// <summary>a: AND with the previous pair (clear: OR).</summary>
    public const byte And = 0x40;

    /// <summary>len: the value is 1 &lt;&lt; len octets long.</summary>
    public const byte LengthMask = 0x30;

    /// <summary>Numeric operator: lt.</summary>
    public const byte Less = 0x04;

    /// <summary>Numeric operator: gt.</summary>
    public const byte Greater = 0x02;

    /// <summary>Numeric operator: eq.</summary>
    public const byte Equal = 0x01;

    /// <summary>Bitmask operator: NOT, the match result is inverted.</summary>
    public const byte Not = 0x02;

    /// <summary>Bitmask operator: m, all the bits must be set (clear: any of them).</summary>
    public const byte Match = 0x01;

    /// <summary>The reserved bit of both operator kinds (RFC 8955 §4.2.1.1): zero on the wire.</summary>
    public const byte Reserved = 0x08;

    /// <summary>Octets of the value: 1, 2, 4 or 8.</summary>
    public int ValueLength => 1 << ((Operator & LengthMask) >> 4);

    public bool IsAnd => (Operator & And) != 0;

    /// <summary>The lt/gt/eq bits, or the NOT/m bits of a bitmask term.</summary>
    public byte Comparison => (byte)(Operator & 0x07);

    /// <summary>A term whose value has the smallest of the sizes 1, 2, 4 or 8 octets that holds it (at least <paramref name="minimumLength"/>).</summary>
    public static FlowSpecTerm Create(byte comparison, ulong value, bool and, int minimumLength = 1)
    {
        var length = value <= byte.MaxValue && minimumLength <= 1 ? 0
            : value <= ushort.MaxValue && minimumLength <= 2 ? 1
            : value <= uint.MaxValue && minimumLength <= 4 ? 2
            : 3;
        return new FlowSpecTerm((byte)((and ? And : 0) | (length << 4) | (comparison & 0x07)), value);
    }
}
