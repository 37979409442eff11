namespace Sluice.Engine.Bgp.FlowSpec;

/// <summary>
/// One component of a FlowSpec NLRI: a prefix (types 1 and 2), or a list of numeric or bitmask
/// <see cref="FlowSpecTerm"/>s (RFC 8955 §4.2.2). Equal when the type, the prefix and every term are equal.
/// </summary>
public sealed class FlowSpecComponent : IEquatable<FlowSpecComponent>
{
    private FlowSpecComponent(FlowSpecComponentType type, FlowSpecPrefix? prefix, IReadOnlyList<FlowSpecTerm> terms)
    {
        Type = type;
        Prefix = prefix;
        Terms = terms;
    }

    public FlowSpecComponentType Type { get; }

    /// <summary>The prefix of a destination or source component; null for the others.</summary>
    public FlowSpecPrefix? Prefix { get; }

    /// <summary>The operator/value pairs of a numeric or bitmask component; empty for prefixes.</summary>
    public IReadOnlyList<FlowSpecTerm> Terms { get; }

    public bool IsPrefix => Type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix;

    /// <summary>TCP flags and fragment compare bitmasks; the other list components compare numbers.</summary>
    public bool IsBitmask => IsBitmaskType(Type);

    public static bool IsBitmaskType(FlowSpecComponentType type) => type is FlowSpecComponentType.TcpFlags or FlowSpecComponentType.Fragment;

    public static FlowSpecComponent ForPrefix(FlowSpecComponentType type, FlowSpecPrefix prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (type is not (FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix))
        {
            throw new FormatException($"component {type} does not take a prefix");
        }

        return new FlowSpecComponent(type, prefix, []);
    }

    /// <summary>A numeric or bitmask component; the first term's AND bit is cleared (RFC 8955: it has nothing to AND with).</summary>
    public static FlowSpecComponent ForTerms(FlowSpecComponentType type, IReadOnlyList<FlowSpecTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix || type == 0 || type > FlowSpecComponentType.FlowLabel)
        {
            throw new FormatException($"component type {(int)type} does not take operator/value pairs");
        }

        if (terms.Count == 0)
        {
            throw new FormatException($"component {type} needs at least one operator/value pair");
        }

        var copy = new FlowSpecTerm[terms.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var term = terms[i];
            if ((term.Operator & (FlowSpecTerm.EndOfList | FlowSpecTerm.Reserved)) != 0)
            {
                throw new FormatException($"component {type}: operator 0x{term.Operator:x2} sets the end-of-list or reserved bit");
            }

            if (term.ValueLength < 8 && term.Value >> (term.ValueLength * 8) != 0)
            {
                throw new FormatException($"component {type}: value {term.Value} does not fit {term.ValueLength} octets");
            }

            if (IsBitmaskType(type) && (term.Operator & 0x04) != 0)
            {
                throw new FormatException($"component {type}: bitmask operator 0x{term.Operator:x2} sets a reserved bit");
            }

            copy[i] = i == 0 ? term with { Operator = (byte)(term.Operator & ~FlowSpecTerm.And) } : term;
        }

        return new FlowSpecComponent(type, null, copy);
    }

    public bool Equals(FlowSpecComponent? other) =>
        other is not null && Type == other.Type && Equals(Prefix, other.Prefix) && Terms.SequenceEqual(other.Terms);

    public override bool Equals(object? obj) => Equals(obj as FlowSpecComponent);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(Prefix);
        foreach (var term in Terms)
        {
            hash.Add(term);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => IsPrefix ? $"{Type} {Prefix}" : $"{Type} {FlowSpecText.Format(this)}";
}
