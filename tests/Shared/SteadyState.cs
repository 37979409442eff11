using Xunit;

namespace Sluice.Testing;

/// <summary>
/// Asserts that a hot path allocates nothing per iteration. The runtime occasionally allocates a few kilobytes
/// once on a thread (tiered-compilation and call-counting housekeeping), so the check runs several passes: at
/// least one must allocate exactly nothing, and none may allocate as much as one small object per iteration
/// would (24 bytes × iterations) — a real per-datagram allocation fails every pass.
/// </summary>
internal static class SteadyState
{
    public static void AssertAllocatesNothing(int iterationsPerPass, Action<int> iteration, int passes = 3)
    {
        ArgumentNullException.ThrowIfNull(iteration);
        var allocations = new long[passes];
        var next = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterationsPerPass; i++)
            {
                iteration(next++);
            }

            allocations[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(
            allocations.Contains(0) && allocations.Max() < 24L * iterationsPerPass,
            $"bytes allocated per pass of {iterationsPerPass}: {string.Join(", ", allocations)}");
    }
}
