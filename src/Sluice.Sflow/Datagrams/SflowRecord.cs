namespace Sluice.Sflow.Datagrams;

/// <summary>
/// One flow or counter record: its format tag and its body, bounded by the declared length.
/// For v2/v4 datagrams the decoder gives each legacy structure the tag of its v5 equivalent and
/// sets <see cref="Version"/> so body parsers can apply the older layout.
/// </summary>
public readonly ref struct SflowRecord
{
    public SflowRecord(SflowTag tag, ReadOnlySpan<byte> body, int offset, int index, uint version)
    {
        Tag = tag;
        Body = body;
        Offset = offset;
        Index = index;
        Version = version;
    }

    public SflowTag Tag { get; }

    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Byte offset of the record's body within the datagram.</summary>
    public int Offset { get; }

    /// <summary>Index of the record within its sample, from 0.</summary>
    public int Index { get; }

    /// <summary>The datagram version (2, 4 or 5).</summary>
    public uint Version { get; }
}
