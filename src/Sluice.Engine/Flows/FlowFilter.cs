namespace Sluice.Engine.Flows;

/// <summary>
/// A compiled filter expression (sflow-rt-api.md §3.5). Evaluation allocates nothing; an instance owns scratch
/// buffers, so use it from one thread at a time (one per shard).
/// </summary>
public sealed class FlowFilter
{
    private readonly FilterNode _root;

    internal FlowFilter(string text, FilterNode root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    public bool Matches(FlowSampleContext context) => _root.Matches(context);

    public override string ToString() => Text;
}
