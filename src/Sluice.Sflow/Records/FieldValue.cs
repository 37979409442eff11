using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Records;

/// <summary>
/// One decoded field held as a value, for code that wants a record as data rather than as a
/// stream of callbacks (tests, the demo agent, generic dumps). Allocates: keep it off the hot path.
/// </summary>
public sealed record FieldValue(FieldSpec Field)
{
    /// <summary>Word32 and Word64 fields.</summary>
    public ulong Number { get; init; }

    /// <summary>Real32 and Real64 fields.</summary>
    public double Real { get; init; }

    /// <summary>Text, Opaque and Fixed fields.</summary>
    public ReadOnlyMemory<byte> Bytes { get; init; }

    public SflowAddress Address { get; init; }

    /// <summary>List fields: the fields of each item.</summary>
    public IReadOnlyList<IReadOnlyList<FieldValue>> Items { get; init; } = [];

    public bool Equals(FieldValue? other)
    {
        if (other is null)
        {
            return false;
        }

        if (!ReferenceEquals(Field, other.Field) || Number != other.Number
            || BitConverter.DoubleToInt64Bits(Real) != BitConverter.DoubleToInt64Bits(other.Real)
            || !Bytes.Span.SequenceEqual(other.Bytes.Span) || Address != other.Address
            || Items.Count != other.Items.Count)
        {
            return false;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            if (!Items[i].SequenceEqual(other.Items[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => HashCode.Combine(Field.Name, Number, Items.Count);
}
