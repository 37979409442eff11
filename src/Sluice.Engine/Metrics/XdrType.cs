namespace Sluice.Engine.Metrics;

/// <summary>How a mapped counter record field is laid out in XDR (none for derived metrics).</summary>
internal enum XdrType : byte
{
    None,
    UInt32,
    Int32,
    UInt64,
    Real32,
    Utf8,
    Uuid,
    Mac,
}
