using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Jint;
using Sluice.Scripting.Hosting;

namespace Sluice.Scripting.Runtime;

/// <summary>
/// One Jint constraint for all of a callback's limits, checked at every statement: statement count and remaining
/// stack each time, elapsed time and allocation every 64 statements (cheap reads, but not free). Memory is judged by
/// what the callback holds on to, not by what it allocates (Jint allocates for plain arithmetic): each time the thread
/// has allocated another <see cref="ScriptLimits.MaxMemoryBytes"/>, a full collection measures the live heap, and
/// growth beyond the limit since the callback began stops it. Throwing <see cref="ScriptLimitException"/> from here lets
/// Jint attach the file and line.
/// </summary>
internal sealed class CallbackLimits : Constraint
{
    private const int SlowCheckMask = 63;

    private readonly ScriptLimits _limits;
    private readonly long _maxTicks;
    private long _statements;
    private long _deadline;
    private long _allocationCheckpoint;
    private long _heapAtStart;

    public CallbackLimits(ScriptLimits limits)
    {
        _limits = limits;
        _maxTicks = (long)(limits.MaxTime.TotalSeconds * Stopwatch.Frequency);
        Begin();
    }

    /// <summary>Starts a callback's budget.</summary>
    public void Begin()
    {
        _statements = 0;
        _deadline = Stopwatch.GetTimestamp() + _maxTicks;
        _allocationCheckpoint = GC.GetAllocatedBytesForCurrentThread();
        _heapAtStart = GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Time blocked in a host call (HTTP, DNS) does not count against the callback: the deadline moves on by it.</summary>
    public void Excuse(long stopwatchTicks) => _deadline += stopwatchTicks;

    public override void Check()
    {
        if (++_statements > _limits.MaxStatements)
        {
            throw new ScriptLimitException(string.Create(CultureInfo.InvariantCulture, $"statement limit exceeded ({_limits.MaxStatements} statements in one callback)"));
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ScriptLimitException("recursion too deep (stack exhausted)");
        }

        if ((_statements & SlowCheckMask) != 0)
        {
            return;
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new ScriptLimitException(string.Create(CultureInfo.InvariantCulture, $"time limit exceeded ({_limits.MaxTime.TotalSeconds:0.###} s in one callback)"));
        }

        if (GC.GetAllocatedBytesForCurrentThread() - _allocationCheckpoint > _limits.MaxMemoryBytes)
        {
            // The heap is process-wide: other threads' growth counts too, which only makes the check stricter.
            if (GC.GetTotalMemory(forceFullCollection: true) - _heapAtStart > _limits.MaxMemoryBytes)
            {
                throw new ScriptLimitException(string.Create(CultureInfo.InvariantCulture, $"memory limit exceeded (more than {_limits.MaxMemoryBytes / (1024 * 1024)} MB held by one callback)"));
            }

            _allocationCheckpoint = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    // Jint resets constraints as it enters the engine; the runtime starts each callback's budget itself (Begin).
    public override void Reset()
    {
    }
}
