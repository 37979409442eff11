namespace Sluice.Scripting.Runtime;

/// <summary>A script's named baselines (used only on its own thread; at most <c>BaselineFunctions.MaxBaselines</c>).</summary>
internal sealed class Baselines : Dictionary<string, Baseline>
{
    public Baselines()
        : base(StringComparer.Ordinal)
    {
    }
}
