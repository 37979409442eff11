namespace Sluice.Engine.Flows;

/// <summary>
/// A flow definition as sFlow-RT's <c>setFlow</c> takes it (sflow-rt-api.md §3.1). <see cref="Keys"/> and
/// <see cref="Values"/> are comma lists (or join an array with commas); commas inside <c>[...]</c> are kept.
/// </summary>
public sealed record FlowDefinition
{
    /// <summary>Flow keys and key functions; null or empty gives one total per data source.</summary>
    public string? Keys { get; init; }

    /// <summary>Required: bytes, frames, requests, a numeric key or a value function.</summary>
    public string? Value { get; init; }

    public string? Values { get; init; }

    public string? Filter { get; init; }

    public int N { get; init; } = 5;

    public double T { get; init; } = 2;

    public string Fs { get; init; } = ",";

    public bool Log { get; init; }

    public bool FlowStart { get; init; }

    public int ActiveTimeout { get; init; } = 60;

    public bool Dropped { get; init; }

    public string? AggMode { get; init; }

    /// <summary>IPFIX collectors (<c>192.0.2.1</c> or <c>192.0.2.1:4739</c>) that get the ended flows; see <see cref="Export.Ipfix.IpfixExporter"/>.</summary>
    public IReadOnlyList<string>? IpfixCollectors { get; init; }

    /// <summary>Keys given as a list (the JSON array form).</summary>
    public static string JoinList(IEnumerable<string> items) => string.Join(',', items);

    /// <summary>Compiles the definition; <c>n</c> and <c>t</c> are clamped to sFlow-RT's ranges (5..20, 0.1..600).</summary>
    /// <exception cref="FlowSyntaxException">Names the attribute, the position and the bad token.</exception>
    public CompiledFlow Compile(FlowLanguageServices? services = null)
    {
        services ??= FlowLanguageServices.None;
        if (string.IsNullOrWhiteSpace(Value))
        {
            throw new FlowSyntaxException("value: required", 0, string.Empty);
        }

        var keys = new List<FlowKey>();
        foreach (var (text, position) in SplitList(Keys))
        {
            keys.Add(Wrap("keys", () => FlowKeyParser.Parse(text, position, services)));
        }

        var value = Wrap("value", () => FlowValue.Parse(Value, 0, services));
        var values = new List<FlowValue>();
        foreach (var (text, position) in SplitList(Values))
        {
            values.Add(Wrap("values", () => FlowValue.Parse(text, position, services)));
        }

        var filter = string.IsNullOrWhiteSpace(Filter) ? null : Wrap("filter", () => FlowFilterParser.Parse(Filter, services));
        return new CompiledFlow(this, [.. keys], value, [.. values], filter, Math.Clamp(N, 5, 20), Math.Clamp(T, 0.1, 600));
    }

    private static T Wrap<T>(string attribute, Func<T> compile)
    {
        try
        {
            return compile();
        }
        catch (FlowSyntaxException e)
        {
            throw new FlowSyntaxException($"{attribute}: {e.Reason}", e.Position, e.Token);
        }
    }

    /// <summary>Splits a comma list at top-level commas, keeping each item's offset.</summary>
    internal static List<(string Text, int Position)> SplitList(string? list)
    {
        var items = new List<(string, int)>();
        if (string.IsNullOrWhiteSpace(list))
        {
            return items;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length)
            {
                var c = list[i];
                if (c == '\\')
                {
                    i++;
                    continue;
                }

                if (c == '[')
                {
                    depth++;
                }
                else if (c == ']')
                {
                    depth--;
                }

                if (c != ',' || depth != 0)
                {
                    continue;
                }
            }

            var raw = list[start..i];
            var trimmed = raw.Trim();
            items.Add((trimmed, start + raw.IndexOf(trimmed, StringComparison.Ordinal)));
            start = i + 1;
        }

        return items;
    }
}
