namespace Sluice.Engine.Metrics;

/// <summary>How a derived metric is computed from other slots of its record group.</summary>
internal enum DerivedOp : byte
{
    None,

    /// <summary>Sum of the inputs that were updated by this record (absent when none was).</summary>
    Sum,

    /// <summary>input0 × factor / input1.</summary>
    Ratio,

    /// <summary>100 × (input0 − input1 − input2 …) / input0: e.g. used memory excluding buffers and cache.</summary>
    UsedPercent,

    /// <summary>100 × delta(input0) / Σ delta(input1 …): a share of a set of counters, e.g. CPU time.</summary>
    Share,

    /// <summary>factor − input0.</summary>
    Complement,

    /// <summary>"up" when raw(input0) has bit mask factor set, else "down".</summary>
    StatusBit,
}
