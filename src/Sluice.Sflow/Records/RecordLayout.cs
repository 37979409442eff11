using Sluice.Sflow.Datagrams;

namespace Sluice.Sflow.Records;

/// <summary>The XDR layout of one flow or counter record format.</summary>
public sealed record RecordLayout(SflowTag Tag, string Name, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>Applies to datagrams of these versions (v2/v4 variants of a structure get their own layout).</summary>
    public uint MinVersion { get; init; } = 2;

    public uint MaxVersion { get; init; } = 5;

    public bool IsCounter { get; init; }
}
