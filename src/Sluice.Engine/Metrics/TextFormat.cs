namespace Sluice.Engine.Metrics;

/// <summary>How a numeric field becomes a string metric.</summary>
internal enum TextFormat : byte
{
    None,
    Decimal,
    Hex64,
    IfType,
    IfDirection,
    OsName,
    MachineType,
    VirtualState,
}
