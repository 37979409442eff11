namespace Sluice.Engine.Metrics;

/// <summary>
/// One entry of a record's map: an XDR field to read (and perhaps publish), or a metric derived
/// from earlier entries. Names starting with <c>.</c> are kept for derivations but never published.
/// </summary>
internal sealed record MetricField(string? Name, XdrType Type, MetricKind Kind)
{
    /// <summary>Multiplies the value (or rate): unit conversion, e.g. hundredths of a percent → percent.</summary>
    public double Scale { get; init; } = 1;

    public TextFormat Format { get; init; }

    public DerivedOp Op { get; init; }

    public IReadOnlyList<string> Inputs { get; init; } = [];

    public double Factor { get; init; } = 1;

    /// <summary>Index within the group (or −1 for a field that is read and dropped). Set when the catalog is built.</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Slots of <see cref="Inputs"/>. Set when the catalog is built.</summary>
    public int[] InputSlots { get; set; } = [];

    public bool Hidden => Name is not null && Name.StartsWith('.');

    public bool Published => Name is not null && !Hidden;

    public int Bits => Type == XdrType.UInt64 ? 64 : 32;
}
