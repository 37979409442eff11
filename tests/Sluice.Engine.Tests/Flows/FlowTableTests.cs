using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowTableTests
{
    [Fact]
    public void Add_ConstantRate_ConvergesToTrueRate()
    {
        // 100 events a second of 1500 bytes × sampling rate 10 = 1,500,000 bytes/s, for 20 s with t = 2 s.
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        long now = 0;
        for (var i = 0; i < 2000; i++)
        {
            now = i * 10L;
            table.Add("10.0.0.1,10.0.0.2", 1500 * 10, now);
        }

        var top = table.Top(5, now);
        Assert.Single(top);
        Assert.Equal("10.0.0.1,10.0.0.2", top[0].Key);
        Assert.InRange(top[0].Value, 1_500_000 * 0.95, 1_500_000 * 1.05);
        Assert.InRange(table.Total(now), 1_500_000 * 0.95, 1_500_000 * 1.05);
    }

    [Fact]
    public void Top_AfterSilence_DecaysExponentially()
    {
        var table = new FlowTable(10, 2);
        for (var i = 0; i < 2000; i++)
        {
            table.Add("a", 100, i * 10L);
        }

        var before = table.Top(1, 19_990)[0].Value;
        var after = table.Top(1, 21_990)[0].Value;
        Assert.Equal(before * Math.Exp(-1), after, before * 1e-9);
    }

    [Fact]
    public void Add_FloodOfRandomKeys_KeepsHeavyHittersWithBoundedCount()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        var random = new Random(42);
        long now = 0;
        for (var i = 0; i < 100_000; i++)
        {
            now = i / 10L; // 10,000 events a second for 10 s
            table.Add($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}", 100, now);
            if (i % 10 == 0)
            {
                table.Add("heavy-1", 10_000, now);
            }

            if (i % 20 == 0)
            {
                table.Add("heavy-2", 10_000, now);
            }
        }

        Assert.True(table.Count <= table.Capacity);
        Assert.Equal(FlowTable.CapacityFor(5), table.Capacity);
        var top = table.Top(2, now);
        Assert.Equal("heavy-1", top[0].Key);
        Assert.Equal("heavy-2", top[1].Key);
        Assert.InRange(top[0].Value, 10_000_000 * 0.95, 10_000_000 * 1.05); // 1,000 events/s × 10,000
        Assert.InRange(top[1].Value, 5_000_000 * 0.95, 5_000_000 * 1.05);
    }

    [Fact]
    public void Add_RepeatedKeys_AllocatesNothing()
    {
        var table = new FlowTable(FlowTable.CapacityFor(5), 2);
        var keys = new[] { "10.0.0.1,10.0.0.2", "10.0.0.3,10.0.0.4", "10.0.0.5,10.0.0.6" };
        var buffer = new char[64];
        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var key = keys[i % keys.Length];
                key.CopyTo(buffer);
                table.Add(buffer.AsSpan(0, key.Length), 1500, i);
            }
        }

        Run(1000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Add_LongRun_RescalesWithoutOverflow()
    {
        var table = new FlowTable(10, 0.1);
        long now = 0;
        for (var i = 0; i < 100_000; i++)
        {
            now = i * 10L; // 1,000 s with t = 0.1 s: exp(Δt/t) would overflow without rescaling
            table.Add("a", 1, now);
        }

        var rate = table.Top(1, now)[0].Value;
        Assert.True(double.IsFinite(rate));
        // Read just after an event, with events 0.1 t apart: 10 / (1 - e^-0.1) ≈ 105.1, the usual sawtooth peak.
        Assert.InRange(rate, 95, 106);
    }
}
