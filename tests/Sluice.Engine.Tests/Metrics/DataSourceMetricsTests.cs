using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Metrics;

public sealed class DataSourceMetricsTests
{
    [Fact]
    public void Read_ConcurrentWriter_NeverSeesATornPair()
    {
        // host_cpu carries load_one = load_five = load_fifteen; the writer changes them every sample.
        var datagrams = Enumerable.Range(1, 16)
            .Select(i => Sample(2, 1, HostCpu(i, 1, [0, 0, 0, 0, 0, 0, 0, 0])))
            .ToArray();
        var target = new DataSourceMetrics(Agent, 2, 1);
        CounterStore.DecodeInto(target, datagrams[0], 1);
        Assert.True(MetricCatalog.TryGet("load_one", out var one));
        Assert.True(MetricCatalog.TryGet("load_five", out var five));
        Assert.True(MetricCatalog.TryGet("load_one_per_cpu", out var perCpu));
        MetricDefinition[] metrics = [one, five, perCpu];
        var stop = false;
        var torn = 0;
        var reads = 0;
        var reader = new Thread(() =>
        {
            var readings = new MetricReading[3];
            var present = new bool[3];
            while (!Volatile.Read(ref stop))
            {
                target.Read(metrics, readings, present);
                if (readings[0].Number != readings[1].Number || readings[0].Number != readings[2].Number)
                {
                    Interlocked.Increment(ref torn);
                }

                Interlocked.Increment(ref reads);
            }
        });
        reader.Start();

        var now = 1L;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 500 || Volatile.Read(ref reads) < 1000)
        {
            CounterStore.DecodeInto(target, datagrams[(int)(now % datagrams.Length)], ++now);
        }

        Volatile.Write(ref stop, true);
        reader.Join();
        Assert.Equal(0, torn);
        Assert.True(reads > 0);
    }

    [Fact]
    public void IsStale_OlderThanMaxAge_True()
    {
        var target = new DataSourceMetrics(Agent, 0, 1);
        CounterSampleProcessor.EndSample(target, 1000);

        Assert.False(target.IsStale(2000, 1000));
        Assert.True(target.IsStale(2001, 1000));
    }

    [Fact]
    public void EndSample_SecondSample_EffectivePollingInterval()
    {
        var target = new DataSourceMetrics(Agent, 0, 1);
        CounterStore.DecodeInto(target, Sample(0, 1, Interface(new InterfaceCounters())), 10_000);
        CounterStore.DecodeInto(target, Sample(0, 1, Interface(new InterfaceCounters())), 40_000);

        Assert.Equal(30_000, target.EffectivePollingIntervalMs);
        Assert.Equal(2, target.Samples);
    }
}
