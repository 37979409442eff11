namespace Sluice.Scripting.Hosting;

/// <summary>
/// What one callback (the script's top level, an interval tick, one flow record, one request) may use before the
/// script is stopped and reported. Jint enforces them through a constraint checked at every statement.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>Statements one callback may execute.</summary>
    public long MaxStatements { get; init; } = 100_000_000;

    /// <summary>Wall-clock time one callback may run, not counting time blocked in <c>http()</c> or DNS.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes one callback may add to the live heap (checked with a full collection after each such amount allocated).</summary>
    public long MaxMemoryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// The script thread's stack. Recursion stops with an error well before it runs out (the constraint checks the
    /// remaining stack at every statement; <see cref="MaxCallDepth"/> catches calls that run no statement).
    /// </summary>
    public int StackBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>JavaScript call depth, the backstop for recursion through expression-bodied arrow functions.</summary>
    public int MaxCallDepth { get; init; } = 5_000;
}
