namespace Sluice.Engine.Metrics;

/// <summary>Short constructors that keep <see cref="MetricTable"/> readable.</summary>
internal static class MetricFields
{
    public static MetricField Counter32(string name, double scale = 1) =>
        new(name, XdrType.UInt32, MetricKind.Counter) { Scale = scale };

    public static MetricField Counter64(string name, double scale = 1) =>
        new(name, XdrType.UInt64, MetricKind.Counter) { Scale = scale };

    public static MetricField Gauge32(string name, double scale = 1) =>
        new(name, XdrType.UInt32, MetricKind.Gauge) { Scale = scale };

    public static MetricField GaugeSigned32(string name, double scale = 1) =>
        new(name, XdrType.Int32, MetricKind.Gauge) { Scale = scale };

    public static MetricField Gauge64(string name, double scale = 1) =>
        new(name, XdrType.UInt64, MetricKind.Gauge) { Scale = scale };

    public static MetricField Real(string name) => new(name, XdrType.Real32, MetricKind.Gauge);

    public static MetricField Text32(string name, TextFormat format) =>
        new(name, XdrType.UInt32, MetricKind.Text) { Format = format };

    public static MetricField Text64(string name, TextFormat format) =>
        new(name, XdrType.UInt64, MetricKind.Text) { Format = format };

    public static MetricField Utf8(string name) => new(name, XdrType.Utf8, MetricKind.Text);

    public static MetricField Uuid(string name) => new(name, XdrType.Uuid, MetricKind.Text);

    public static MetricField Mac(string name) => new(name, XdrType.Mac, MetricKind.Text);

    /// <summary>A 32-bit field that is read and dropped.</summary>
    public static MetricField Skip32() => new(null, XdrType.UInt32, MetricKind.Gauge);

    public static MetricField Sum(string name, params string[] inputs) =>
        Derived(name, MetricKind.Gauge, DerivedOp.Sum, 1, inputs);

    public static MetricField Ratio(string name, string numerator, string denominator, double factor) =>
        Derived(name, MetricKind.Gauge, DerivedOp.Ratio, factor, numerator, denominator);

    public static MetricField UsedPercent(string name, string total, params string[] unused) =>
        Derived(name, MetricKind.Gauge, DerivedOp.UsedPercent, 1, [total, .. unused]);

    public static MetricField Share(string name, string part, params string[] whole) =>
        Derived(name, MetricKind.Gauge, DerivedOp.Share, 1, [part, .. whole]);

    public static MetricField Complement(string name, string input, double from) =>
        Derived(name, MetricKind.Gauge, DerivedOp.Complement, from, input);

    public static MetricField StatusBit(string name, string input, uint mask) =>
        Derived(name, MetricKind.Text, DerivedOp.StatusBit, mask, input);

    private static MetricField Derived(string name, MetricKind kind, DerivedOp op, double factor, params string[] inputs) =>
        new(name, XdrType.None, kind) { Op = op, Factor = factor, Inputs = inputs };
}
