using Sluice.Engine.Flows;
using Sluice.Engine.Tests.Flows;
using Sluice.Engine.Topology;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Topology;

public sealed class HostLocationTableTests
{
    [Fact]
    public void Observe_FrameOnAnEdgePort_LocatesItsSourceMac()
    {
        var table = new HostLocationTable(16);

        table.Observe(FlowSamples.Tcp(source: "10.0.0.9"), TopologySnapshot.Empty, 1_000);
        table.Observe(FlowSamples.Tcp(source: "10.0.0.1"), TopologySnapshot.Empty, 2_000);

        var found = new List<HostSighting>();
        table.Locate(0x525400123456, 0, found);
        var sighting = Assert.Single(found);
        Assert.Equal(("10.0.0.254", 3u, "10.0.0.1", -1, 2_000L), (sighting.Agent.ToString(), sighting.IfIndex, sighting.IPv4.ToString(), sighting.Vlan, sighting.LastSeenUnixMs));
        found.Clear();
        table.Locate(0x525400123456, 2_001, found);
        Assert.Empty(found); // older than asked for
    }

    [Fact]
    public void Observe_FrameFromALinkEnd_IsNotALocation()
    {
        var table = new HostLocationTable(16);
        var topology = TopologySnapshot.Build(TopologyDefinition.Parse("""
            {"nodes":{"leaf":{"agent":"10.0.0.254","ports":{"swp3":{"ifindex":3}}}},
             "links":{"l":{"node1":"leaf","port1":"swp3","node2":"spine","port2":"swp1"}}}
            """), 1, TopologyNames.Empty);

        table.Observe(FlowSamples.Tcp(), topology, 1_000);

        Assert.Equal(0, table.Count);
    }

    [Theory]
    [InlineData("01005E000001")] // a multicast group
    [InlineData("000000000000")]
    public void Observe_SourceNoHostSendsFrom_IsIgnored(string mac)
    {
        var table = new HostLocationTable(16);

        table.Observe(Frame(mac), TopologySnapshot.Empty, 1_000);

        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Observe_TableFull_ForgetsTheLeastRecentlySeen()
    {
        var table = new HostLocationTable(2);

        table.Observe(Frame("0000000000A1"), TopologySnapshot.Empty, 1_000);
        table.Observe(Frame("0000000000A2"), TopologySnapshot.Empty, 2_000);
        table.Observe(Frame("0000000000A1"), TopologySnapshot.Empty, 3_000); // A1 seen again: A2 is now the oldest
        table.Observe(Frame("0000000000A3"), TopologySnapshot.Empty, 4_000);

        var all = new List<HostSighting>();
        table.All(0, all);
        Assert.Equal([0xA3UL, 0xA1UL], all.Select(s => s.Mac));
        Assert.Equal(2, table.Count);
        var a2 = new List<HostSighting>();
        table.Locate(0xA2, 0, a2);
        Assert.Empty(a2);
    }

    [Fact]
    public void Observe_SameHostWithinASecond_KeepsLastSeenAndAddressCurrent()
    {
        var table = new HostLocationTable(16);

        table.Observe(FlowSamples.Tcp(source: "10.0.0.9"), TopologySnapshot.Empty, 1_000);
        table.Observe(FlowSamples.Tcp(source: "10.0.0.9"), TopologySnapshot.Empty, 1_200); // unchanged: no lock taken
        var unchanged = new List<HostSighting>();
        table.Locate(0x525400123456, 0, unchanged);
        table.Observe(FlowSamples.Tcp(source: "10.0.0.1"), TopologySnapshot.Empty, 1_300); // a new address, within the second

        var found = new List<HostSighting>();
        table.Locate(0x525400123456, 0, found);
        Assert.Equal(("10.0.0.9", 1_200L), (Assert.Single(unchanged).IPv4.ToString(), unchanged[0].LastSeenUnixMs));
        Assert.Equal(("10.0.0.1", 1_300L), (Assert.Single(found).IPv4.ToString(), found[0].LastSeenUnixMs));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Observe_SameMacAtTwoPortsWithinASecond_TwoLocations()
    {
        var table = new HostLocationTable(16);
        var first = FlowSamples.Tcp();
        table.Observe(first, TopologySnapshot.Empty, 1_000);
        var other = new FlowSampleContext();
        other.BeginSample(SflowAddress.FromIPv4([10, 0, 0, 254]), new SflowSample { Kind = SampleKind.Flow, SourceIdIndex = 4, SamplingRate = 100, Input = 4, Output = 7 });
        Assert.True(other.AddRecord(FlowSamples.HeaderRecord(FlowSamples.TcpPacket(), 1514)));
        table.Observe(other, TopologySnapshot.Empty, 1_100);

        var found = new List<HostSighting>();
        table.Locate(0x525400123456, 0, found);

        Assert.Equal([4u, 3u], found.Select(s => s.IfIndex));
    }

    [Fact]
    public void Observe_KnownHost_AllocatesNothing()
    {
        var table = new HostLocationTable(16);
        var sample = FlowSamples.Tcp();
        table.Observe(sample, TopologySnapshot.Empty, 1_000);

        SteadyState.AssertAllocatesNothing(1_000, i => table.Observe(sample, TopologySnapshot.Empty, 1_000 + (i * 10)));

        Assert.Equal(1, table.Count);
    }

    /// <summary>An Ethernet frame from <paramref name="mac"/> with no payload, sampled in on ifIndex 3.</summary>
    private static FlowSampleContext Frame(string mac)
    {
        var packet = new byte[14];
        Convert.FromHexString(mac).CopyTo(packet, 6);
        packet[12] = 0x88;
        packet[13] = 0xB5; // IEEE local experimental EtherType: nothing to decode past Ethernet
        return FlowSamples.FromHeader(packet, 64);
    }
}
