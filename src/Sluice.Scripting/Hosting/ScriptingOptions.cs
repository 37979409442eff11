namespace Sluice.Scripting.Hosting;

/// <summary>
/// Where apps and scripts come from and what they may use (sflow-rt-api.md §6, §7): the <c>app/</c> directory,
/// <c>script.file</c>, the store directory for <c>storeSet</c>, and the limits every callback runs under.
/// </summary>
public sealed record ScriptingOptions
{
    /// <summary>The directory holding <c>NAME/scripts/*.js</c> and <c>NAME/html/</c> (Sluice's <c>app.dir</c>, default <c>app</c>).</summary>
    public string? AppDirectory { get; init; } = "app";

    /// <summary>sFlow-RT's <c>script.file</c>: one standalone script, run besides the apps.</summary>
    public string? ScriptFile { get; init; }

    /// <summary>Where <c>storeSet</c> keeps its values, one JSON file per app (Sluice's <c>store.dir</c>, default <c>store</c>).</summary>
    public string StoreDirectory { get; init; } = "store";

    public ScriptLimits Limits { get; init; } = new();

    /// <summary>Callbacks waiting for a script's thread; beyond this, new flow records, events and requests are dropped and counted as lost.</summary>
    public int QueueCapacity { get; init; } = 10_000;
}
