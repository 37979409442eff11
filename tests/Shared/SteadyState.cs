using Xunit;

namespace Sluice.Testing;

/// <summary>
/// Asserts that a hot path allocates nothing per iteration. The runtime occasionally allocates a few kilobytes
/// once on a thread (an on-stack-replacement compile of the loop, call-counting housekeeping: 1,688 and 7,952 bytes
/// were seen on a CI machine), so the check runs several passes and at least one must allocate exactly nothing.
/// A real per-iteration allocation shows in every pass; a one-off, however large, shows in one.
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
            allocations.Contains(0),
            $"bytes allocated per pass of {iterationsPerPass}: {string.Join(", ", allocations)}");
    }
}
