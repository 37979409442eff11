using Sluice.Engine.Metrics;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Pcap;
using Xunit;

namespace Sluice.Engine.Tests.Metrics;

/// <summary>Every counters sample of the real captures, checked against values read by hand from the *.sflowtool.txt beside them.</summary>
public sealed class CaptureMetricsTests
{
    private static string Capture(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "testdata", "captures", name);
    }

    private static long UnixMs(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    /// <summary>Replays a capture (pcap time as arrival time); <paramref name="probe"/> runs after each datagram.</summary>
    private static CounterStore Replay(string name, Action<CounterStore, long>? probe = null)
    {
        var store = new CounterStore();
        using var stream = File.OpenRead(Capture(name));
        using var reader = new PcapUdpReader(stream);
        while (reader.TryRead(out var datagram))
        {
            var now = datagram.TimestampNs / 1_000_000;
            var result = store.Decode(datagram.Payload.Span, now);
            Assert.Equal(Sluice.Sflow.Datagrams.SflowDecodeErrorKind.None, result.Error.Kind);
            probe?.Invoke(store, now);
        }

        return store;
    }

    private static double? RateAt(string capture, string dataSource, string metric, long atUnixMs)
    {
        double? rate = null;
        Replay(capture, (store, now) =>
        {
            if (now == atUnixMs && store.Sources.FirstOrDefault(s => s.DataSource == dataSource) is { } source
                && source.LastUpdate == now && source.TryGetValue(metric, out var reading))
            {
                rate = reading.Number;
            }
        });
        return rate;
    }

    [Fact]
    public void Hsflowd_HostMetrics_AsSflowtoolShows()
    {
        var host = Replay("hsflowd.pcap")["2.1"];

        Assert.Equal("10.81.0.1", host.AgentName);
        Assert.True(host.TryGetValue("host_name", out var name));
        Assert.Equal("vm", name.Text);
        Assert.True(host.TryGetValue("os_name", out var os));
        Assert.Equal("linux", os.Text);
        Assert.True(host.TryGetValue("machine_type", out var machine));
        Assert.Equal("x86_64", machine.Text);
        Assert.True(host.TryGetValue("uuid", out var uuid));
        Assert.Equal("5f1e3d2c-0000-4000-8000-000000000081", uuid.Text);
        Assert.True(host.TryGetValue("os_release", out var release));
        Assert.Equal("6.18.44-fc-v669", release.Text);
        Assert.True(host.TryGetValue("cpu_num", out var cpus));
        Assert.Equal(2, cpus.Number);
        Assert.True(host.TryGetValue("mem_total", out var memory));
        Assert.Equal(25276502016, memory.Number);
        Assert.True(host.TryGetValue("cpu_utilization", out var cpu));
        Assert.InRange(cpu.Number, 0, 100);
        Assert.True(host.EffectivePollingIntervalMs > 0);
    }

    [Fact]
    public void Hsflowd_InterfaceRate_MatchesHandComputation()
    {
        // hsflowd.sflowtool.txt, sourceId 0:2: ifInOctets 196 at 16:01:48.655 and 966 at 16:01:50.676 → 770 B / 2.021 s.
        var rate = RateAt("hsflowd.pcap", "2", "ifinoctets", UnixMs("2026-11-26T16:01:50.676928Z"));

        Assert.NotNull(rate);
        Assert.InRange(rate.Value, 380.925 * 0.999, 380.925 * 1.001);
    }

    [Fact]
    public void Hsflowd_Interface_GaugesAndStrings()
    {
        var port = Replay("hsflowd.pcap")["2"];

        Assert.True(port.TryGetValue("ifspeed", out var speed));
        Assert.Equal(10_000_000_000, speed.Number);
        Assert.True(port.TryGetValue("ifname", out var name));
        Assert.Equal("eth0", name.Text);
        Assert.False(port.TryGetValue("ifinmulticastpkts", out _)); // hsflowd sends 4294967295 (unknown)
    }

    [Fact]
    public void Ovs_InterfaceMetrics_AsSflowtoolShows()
    {
        var store = Replay("ovs.pcap");
        var bridge = store["15"];

        Assert.True(bridge.TryGetValue("ifname", out var name));
        Assert.Equal("br0", name.Text);
        Assert.True(bridge.TryGetValue("of_dpid", out var dpid));
        Assert.Equal("000066c8c7bf2e43", dpid.Text);
        Assert.True(bridge.TryGetValue("of_port", out var port));
        Assert.Equal("65534", port.Text);
        Assert.True(bridge.TryGetValue("ifspeed", out var speed));
        Assert.Equal(10_000_000_000, speed.Number);
        Assert.Equal(8, store.Sources.Count(s => s.SourceClass == 0));
    }

    [Fact]
    public void Ovs_InterfaceRate_MatchesHandComputation()
    {
        // ovs.sflowtool.txt, sourceId 0:15: ifOutOctets 1412 at 15:56:48.241 and 1816 at 15:56:50.240 → 404 B / 1.999 s.
        var rate = RateAt("ovs.pcap", "15", "ifoutoctets", UnixMs("2026-11-26T15:56:50.240585Z"));

        Assert.NotNull(rate);
        Assert.InRange(rate.Value, 202.066 * 0.999, 202.066 * 1.001);
    }
}
