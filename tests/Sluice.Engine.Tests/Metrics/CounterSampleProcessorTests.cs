using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Sluice.Testing;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Metrics;

public sealed class CounterSampleProcessorTests
{
    private const long T0 = 1_700_000_000_000;

    private static double Number(DataSourceMetrics source, string metric)
    {
        Assert.True(source.TryGetValue(metric, out var reading), $"{metric} missing");
        return reading.Number;
    }

    private static string? Text(DataSourceMetrics source, string metric) =>
        source.TryGetValue(metric, out var reading) ? reading.Text : null;

    private static void AssertClose(double expected, double actual) =>
        Assert.InRange(actual, expected - (Math.Abs(expected) * 0.001) - 1e-9, expected + (Math.Abs(expected) * 0.001) + 1e-9);

    private static DataSourceMetrics TwoInterfaceSamples(InterfaceCounters first, InterfaceCounters second, long intervalMs)
    {
        var store = new CounterStore();
        store.Decode(Sample(0, first.IfIndex, Interface(first)), T0);
        store.Decode(Sample(0, second.IfIndex, Interface(second)), T0 + intervalMs);
        return store[first.IfIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)];
    }

    [Fact]
    public void Apply_TwoInterfaceSamples_PublishesRatesOverTheInterval()
    {
        var first = new InterfaceCounters { InOctets = 1_000_000, InUcast = 1000, OutOctets = 5_000_000, InErrors = 7 };
        var second = first with { InOctets = 1_000_000 + 25_000_000, InUcast = 1000 + 40_000, OutOctets = 5_000_000 + 2_000_000, InErrors = 9 };

        var source = TwoInterfaceSamples(first, second, 20_000);

        AssertClose(1_250_000, Number(source, "ifinoctets"));
        AssertClose(2000, Number(source, "ifinucastpkts"));
        AssertClose(100_000, Number(source, "ifoutoctets"));
        AssertClose(0.1, Number(source, "ifinerrors"));
        Assert.Equal(20_000, source.EffectivePollingIntervalMs);
        Assert.Equal(T0 + 20_000, source.LastUpdate);
    }

    [Fact]
    public void Apply_FirstSample_PublishesGaugesAndStringsButNoRates()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 100 }), PortName("swp3")), T0);
        var source = store["3"];

        Assert.False(source.TryGetValue("ifinoctets", out _));
        Assert.Equal(1e9, Number(source, "ifspeed"));
        Assert.Equal("swp3", Text(source, "ifname"));
        Assert.Equal("3", Text(source, "ifindex"));
        Assert.Equal("ethernetCsmacd", Text(source, "iftype"));
        Assert.Equal("full-duplex", Text(source, "ifdirection"));
        Assert.Equal("up", Text(source, "ifadminstatus"));
        Assert.Equal("up", Text(source, "ifoperstatus"));
    }

    [Fact]
    public void Apply_StatusAdminUpOperDown_PublishesBoth()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { Status = 1 })), T0);

        Assert.Equal("up", Text(store["3"], "ifadminstatus"));
        Assert.Equal("down", Text(store["3"], "ifoperstatus"));
    }

    [Fact]
    public void Apply_Counter32Wrapped_CountsAcrossTheWrap()
    {
        var first = new InterfaceCounters { InUcast = uint.MaxValue - 999 };
        var second = first with { InUcast = 3000 };

        var source = TwoInterfaceSamples(first, second, 10_000);

        AssertClose(400, Number(source, "ifinucastpkts"));
    }

    [Fact]
    public void Apply_Counter64Wrapped_CountsAcrossTheWrap()
    {
        var first = new InterfaceCounters { InOctets = ulong.MaxValue - 4_999_999 };
        var second = first with { InOctets = 5_000_000 };

        var source = TwoInterfaceSamples(first, second, 10_000);

        AssertClose(1_000_000, Number(source, "ifinoctets"));
    }

    [Fact]
    public void Apply_CountersGoBackAfterRestart_NoRateThenRebaselines()
    {
        var store = new CounterStore();
        var before = new InterfaceCounters { InOctets = 9_000_000_000, InUcast = 50_000_000 };
        store.Decode(Sample(0, 3, Interface(before)), T0);
        store.Decode(Sample(0, 3, Interface(before with { InOctets = 9_010_000_000, InUcast = 50_010_000 })), T0 + 10_000);
        var source = store["3"];
        AssertClose(1_000_000, Number(source, "ifinoctets"));

        store.Decode(Sample(0, 3, Interface(before with { InOctets = 1000, InUcast = 10 })), T0 + 20_000);
        Assert.True(source.TryGetValue("ifinoctets", out var stale));
        Assert.Equal(T0 + 10_000, stale.LastUpdateUnixMs);
        Assert.True(source.TryGetValue("ifinucastpkts", out var staleUcast));
        Assert.Equal(T0 + 10_000, staleUcast.LastUpdateUnixMs);

        store.Decode(Sample(0, 3, Interface(before with { InOctets = 2_001_000, InUcast = 2010 })), T0 + 30_000);
        AssertClose(200_000, Number(source, "ifinoctets"));
        AssertClose(200, Number(source, "ifinucastpkts"));
    }

    [Fact]
    public void Apply_LateSampleWithOlderCounters_KeepsTheNewerBaseline()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 0 })), T0);
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 2_000_000 })), T0 + 20_000);
        var source = store["3"];

        source.LateSample = true;
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 1_500_000 })), T0 + 20_005);
        source.LateSample = false;
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 3_000_000 })), T0 + 30_000);

        AssertClose(100_000, Number(source, "ifinoctets"));
    }

    [Fact]
    public void Apply_LateSampleWhoseCountersMovedForward_CountsAsTheNewerReading()
    {
        // Numbering that jumped ahead (a bit flip, a spoofer) makes every later sample look late: their counters still count.
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 0 })), T0);
        var source = store["3"];

        source.LateSample = true;
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 1_000_000 })), T0 + 10_000);
        AssertClose(100_000, Number(source, "ifinoctets"));
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 3_000_000 })), T0 + 20_000);

        AssertClose(200_000, Number(source, "ifinoctets"));
    }

    [Fact]
    public void Restart_ClearsBaselines_NextSamplePublishesNoRate()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 1000 })), T0);
        var source = store["3"];
        CounterSampleProcessor.Restart(source);
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { InOctets = 2000 })), T0 + 10_000);

        Assert.False(source.TryGetValue("ifinoctets", out _));
    }

    [Fact]
    public void Apply_UnknownValues_PublishNoMetric()
    {
        var first = new InterfaceCounters { InMulticast = uint.MaxValue, InBroadcast = uint.MaxValue, InUcast = 100, Speed = ulong.MaxValue };
        var second = first with { InUcast = 1100 };

        var source = TwoInterfaceSamples(first, second, 10_000);

        Assert.False(source.TryGetValue("ifinmulticastpkts", out _));
        Assert.False(source.TryGetValue("ifinbroadcastpkts", out _));
        Assert.False(source.TryGetValue("ifspeed", out _));
        Assert.False(source.TryGetValue("ifinutilization", out _));
        AssertClose(100, Number(source, "ifinpkts"));
    }

    [Fact]
    public void Apply_ValueBecomesUnknown_RemovesTheMetric()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters())), T0);
        store.Decode(Sample(0, 3, Interface(new InterfaceCounters { Speed = ulong.MaxValue })), T0 + 1000);

        Assert.False(store["3"].TryGetValue("ifspeed", out _));
    }

    [Fact]
    public void Apply_InterfaceDerived_PktsAndUtilizationAsHandComputed()
    {
        var first = new InterfaceCounters { Speed = 100_000_000 };
        var second = first with
        {
            InOctets = 62_500_000, // 6.25 MB/s over 10 s = 50 Mbit/s = 50 % of 100M
            OutOctets = 12_500_000, // 10 Mbit/s = 10 %
            InUcast = 10_000,
            InMulticast = 2_000,
            InBroadcast = 500,
            OutUcast = 3000,
            OutMulticast = 100,
            OutBroadcast = 10,
        };

        var source = TwoInterfaceSamples(first, second, 10_000);

        AssertClose(50, Number(source, "ifinutilization"));
        AssertClose(10, Number(source, "ifoututilization"));
        AssertClose(1250, Number(source, "ifinpkts"));
        AssertClose(311, Number(source, "ifoutpkts"));
    }

    [Fact]
    public void Apply_HostRecords_DerivedMetricsAsHandComputed()
    {
        var store = new CounterStore();
        uint[] t1 = [10_000, 1000, 5000, 80_000, 2000, 100, 400, 500];
        uint[] t2 = [16_000, 1000, 8000, 88_000, 2500, 100, 400, 500]; // deltas 6000, 0, 3000, 8000, 500, 0, 0, 0 = 17500
        store.Decode(Sample(2, 1, HostCpu(1.5f, 4, t1), HostMemory(16_000, 4_000, 1_000, 3_000), HostDisk(1000, 250, 6864)), T0);
        store.Decode(Sample(2, 1, HostCpu(1.5f, 4, t2), HostMemory(16_000, 4_000, 1_000, 3_000), HostDisk(1000, 250, 6864)), T0 + 10_000);
        var host = store["2.1"];

        AssertClose(1.5, Number(host, "load_one"));
        AssertClose(0.375, Number(host, "load_one_per_cpu"));
        AssertClose(4, Number(host, "cpu_num"));
        AssertClose(100.0 * 6000 / 17500, Number(host, "cpu_user"));
        AssertClose(100.0 * 3000 / 17500, Number(host, "cpu_system"));
        AssertClose(100.0 * 8000 / 17500, Number(host, "cpu_idle"));
        AssertClose(100.0 * 500 / 17500, Number(host, "cpu_wio"));
        AssertClose(100 - (100.0 * 8000 / 17500), Number(host, "cpu_utilization"));
        AssertClose(100.0 * (16_000 - 4_000 - 1_000 - 3_000) / 16_000, Number(host, "mem_utilization"));
        AssertClose(16_000, Number(host, "mem_total"));
        AssertClose(75, Number(host, "disk_utilization"));
        AssertClose(68.64, Number(host, "part_max_used"));
        Assert.Equal(0, Number(host, "cpu_interrupts")); // constant counter: rate 0
    }

    [Fact]
    public void Apply_HostCpuWithoutAppendedFields_StillPublishesShares()
    {
        var store = new CounterStore();
        store.Decode(Sample(2, 1, HostCpu(1, 2, [0, 0, 0, 0, 0, 0, 0, 0], withSteal: false)), T0);
        store.Decode(Sample(2, 1, HostCpu(1, 2, [300, 0, 100, 600, 0, 0, 0, 0], withSteal: false)), T0 + 10_000);

        AssertClose(30, Number(store["2.1"], "cpu_user"));
        Assert.False(store["2.1"].TryGetValue("cpu_steal", out _));
    }

    [Fact]
    public void Apply_HostDescription_StringMetrics()
    {
        var store = new CounterStore();
        store.Decode(Sample(2, 1, HostDescription("web-1", osName: 2, machineType: 3, release: "6.1.0")), T0);
        var host = store["2.1"];

        Assert.Equal("web-1", Text(host, "host_name"));
        Assert.Equal("linux", Text(host, "os_name"));
        Assert.Equal("x86_64", Text(host, "machine_type"));
        Assert.Equal("6.1.0", Text(host, "os_release"));
        Assert.Equal("5f1e3d2c-0000-4000-8000-000000000081", Text(host, "uuid"));
    }

    [Fact]
    public void Apply_HostDescriptionOnVirtualMachine_PublishesVirNames()
    {
        var store = new CounterStore();
        store.Decode(Sample(3, 7, HostDescription("container-a")), T0);
        var vm = store["3.7"];

        Assert.Equal("container-a", Text(vm, "vir_host_name"));
        Assert.False(vm.TryGetValue("host_name", out _));
    }

    [Fact]
    public void Apply_StringChanges_PublishesTheNewString()
    {
        var store = new CounterStore();
        store.Decode(Sample(2, 1, HostDescription("old")), T0);
        store.Decode(Sample(2, 1, HostDescription("new")), T0 + 1000);

        Assert.Equal("new", Text(store["2.1"], "host_name"));
    }

    [Theory]
    [InlineData(0u, 15u, "15")]
    [InlineData(2u, 1u, "2.1")]
    [InlineData(3u, 4u, "3.4")]
    public void DataSource_SourceClassAndIndex_SflowRtName(uint sourceClass, uint index, string expected)
    {
        var store = new CounterStore();
        store.Decode(Sample(sourceClass, index, Unknown()), T0);

        Assert.Equal(expected, Assert.Single(store.Sources).DataSource);
    }

    [Fact]
    public void Apply_UnknownRecord_ReturnsFalseAndPublishesNothing()
    {
        var store = new CounterStore();
        store.Decode(Sample(0, 3, Unknown()), T0);

        Assert.Empty(store["3"].ReadAll());
        Assert.Equal(1, store["3"].Samples);
    }

    [Fact]
    public void ApplyAndEndSample_SteadyState_AllocatesNothing()
    {
        var first = Sample(0, 3, Interface(new InterfaceCounters { InOctets = 1000, InUcast = 10 }), PortName("swp3"));
        var host = Sample(2, 1, HostDescription("h"), HostCpu(1, 2, [1, 2, 3, 4, 5, 6, 7, 8]), HostMemory(10, 5, 1, 1), HostDisk(10, 5, 100));
        var port = new DataSourceMetrics(Agent, 0, 3);
        var hostMetrics = new DataSourceMetrics(Agent, 2, 1);
        var now = T0;
        for (var i = 0; i < 10; i++)
        {
            CounterStore.DecodeInto(port, first, now += 1000);
            CounterStore.DecodeInto(hostMetrics, host, now);
        }

        SteadyState.AssertAllocatesNothing(10_000, _ =>
        {
            CounterStore.DecodeInto(port, first, now += 1000);
            CounterStore.DecodeInto(hostMetrics, host, now);
        });
        Assert.Equal("swp3", Text(port, "ifname"));
    }
}
