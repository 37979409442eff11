namespace Sluice.Sflow.Records;

/// <summary>One field of a record layout. Names follow sflowtool, the de-facto vocabulary for sFlow fields.</summary>
public sealed record FieldSpec(string Name, FieldType Type)
{
    public FieldDisplay Display { get; init; }

    /// <summary>For <see cref="FieldType.Text"/>: the longest value consumers keep (the rest is read and dropped).</summary>
    public int MaxLength { get; init; }

    /// <summary>For <see cref="FieldType.Fixed"/>: the number of bytes.</summary>
    public int FixedLength { get; init; }

    /// <summary>For <see cref="FieldType.List"/>: the layout of each item.</summary>
    public IReadOnlyList<FieldSpec>? Item { get; init; }

    /// <summary>The field is present only in datagrams of at least this version (e.g. v5 added <c>stripped</c>).</summary>
    public uint MinVersion { get; init; }

    /// <summary>
    /// The field, and every one after it, is read only when the record is longer than
    /// this many bytes: later revisions of a structure appended fields (host_cpu, jvm_statistics).
    /// </summary>
    public int PresentIfLongerThan { get; init; } = -1;

    /// <summary>The most items a <see cref="FieldType.List"/> may declare; more is malformed.</summary>
    public int MaxItems { get; init; } = 4096;
}
