using Sluice.Engine.Tests.Support;
using Sluice.Engine.Topology;
using Xunit;
using static Sluice.Engine.Tests.Support.CounterDatagrams;

namespace Sluice.Engine.Tests.Topology;

public sealed class NetworkTopologyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-topology-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Set_EveryUpdate_ChangesTheVersion()
    {
        await using var engine = new SluiceEngine(Options());
        Assert.Equal(0, engine.Topology.Version);

        var first = engine.Topology.Set(MininetTopology.Json).Version;
        var second = engine.Topology.Set(MininetTopology.Json).Version;
        var cleared = engine.Topology.Set("{}");

        Assert.True(first > 0);
        Assert.True(second > first);
        Assert.True(cleared.Version > second);
        Assert.False(cleared.IsInstalled);
        Assert.Equal("{}", engine.Topology.Current.Definition.Json);
    }

    [Fact]
    public async Task Set_BadTopology_ThrowsAndKeepsTheInstalledOne()
    {
        await using var engine = new SluiceEngine(Options());
        var installed = engine.Topology.Set(MininetTopology.Json);

        Assert.Throws<TopologyFormatException>(() => engine.Topology.Set("""{"links":{"l":{"node1":"s1"}}}"""));

        Assert.Same(installed, engine.Topology.Current);
    }

    [Fact]
    public async Task Set_WithAFile_TheNextEngineStartsWithIt()
    {
        var file = Path.Combine(_directory, "store", "topology.json");
        await using (var engine = new SluiceEngine(Options() with { TopologyFile = file }))
        {
            engine.Topology.Set(MininetTopology.Json);
            Assert.Null(engine.Topology.PersistError);
        }

        await using var restarted = new SluiceEngine(Options() with { TopologyFile = file });

        Assert.Equal(MininetTopology.Json, restarted.Topology.Current.Definition.Json);
        Assert.True(restarted.Topology.Version > 0);
        Assert.Equal(["s1", "s2", "s3"], restarted.Topology.NodesForAgent(MininetTopology.Agent));
        Assert.Null(restarted.Topology.LoadError);
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public async Task Load_CorruptFile_ReportsItAndStartsWithoutATopology()
    {
        var file = Path.Combine(_directory, "topology.json");
        await File.WriteAllTextAsync(file, """{"nodes":{"s1":{"agent":"nope"}}}""", TestContext.Current.CancellationToken);

        await using var engine = new SluiceEngine(Options() with { TopologyFile = file });

        Assert.Contains("nodes.s1.agent", engine.Topology.LoadError, StringComparison.Ordinal);
        Assert.False(engine.Topology.Current.IsInstalled);
    }

    [Fact]
    public async Task Set_FileCannotBeWritten_InstallsAndReportsIt()
    {
        var blocker = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x", TestContext.Current.CancellationToken);
        await using var engine = new SluiceEngine(Options() with { TopologyFile = Path.Combine(blocker, "topology.json") });

        engine.Topology.Set(MininetTopology.Json);

        Assert.True(engine.Topology.Current.IsInstalled);
        Assert.NotNull(engine.Topology.PersistError);
    }

    [Fact]
    public async Task Resolve_NamesTheAgentsReportLater_MapsNodesAndPortsKeepingTheVersion()
    {
        await using var engine = new SluiceEngine(Options());
        engine.Start(listen: false);
        var installed = engine.Topology.Set("""{"links":{"l1":{"node1":"leaf1","port1":"swp1","node2":"spine1","port2":"swp3"}}}""");
        Assert.Equal(4, installed.Unresolved);
        Assert.False(engine.Topology.Resolve());

        // Cumulus-style hsflowd: the switch's host name in host_descr, interface names in port_name.
        var leaf = EngineDatagrams.Address("192.0.2.1");
        var spine = EngineDatagrams.Address("192.0.2.2");
        Submit(engine, Sample(leaf, 2, 1, HostDescription("leaf1")));
        Submit(engine, Sample(leaf, 0, 7, Interface(new InterfaceCounters { IfIndex = 7 }), PortName("swp1")));
        Submit(engine, Sample(spine, 2, 1, HostDescription("SPINE1")));
        Submit(engine, Sample(spine, 0, 9, Interface(new InterfaceCounters { IfIndex = 9 }), PortName("swp3")));
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        Assert.True(engine.Topology.Resolve());

        var resolved = engine.Topology.Current;
        Assert.Equal(installed.Version, resolved.Version);
        Assert.Equal(0, resolved.Unresolved);
        Assert.True(resolved.TryGetLinkName(leaf, 7, out var link));
        Assert.Equal("l1", link);
        Assert.Equal("192.0.2.2", engine.Topology.AgentForNode("spine1"));
        Assert.Equal(new TopologyLinkView("l1", "spine1", "swp3", "leaf1", "swp1", "192.0.2.1", 7), engine.Topology.InterfaceToLink("192.0.2.2", 9));
        Assert.False(engine.Topology.Resolve()); // nothing left to resolve

        // An update made once the names are known maps them at once.
        Assert.Equal(0, engine.Topology.Set(installed.Definition).Unresolved);
    }

    [Fact]
    public async Task InterfaceToPortAndNodesForAgent_ByAgentText()
    {
        await using var engine = new SluiceEngine(Options());
        engine.Topology.Set(MininetTopology.Json);

        Assert.Equal(new TopologyInterface("s3", "s3-eth3", MininetTopology.Agent, 391, "s1-s3"), engine.Topology.InterfaceToPort(MininetTopology.Agent, 391));
        Assert.Null(engine.Topology.InterfaceToPort(MininetTopology.Agent, 1));
        Assert.Null(engine.Topology.InterfaceToPort("not-an-address", 391));
        Assert.Equal(["s3"], engine.Topology.NodesForAgent(MininetTopology.Agent, 396));
        Assert.Equal(["s1", "s2", "s3"], engine.Topology.NodesForAgent(MininetTopology.Agent));
        Assert.Empty(engine.Topology.NodesForAgent("10.9.9.9"));
        Assert.Equal(MininetTopology.Agent, engine.Topology.AgentForNode("s2"));
    }

    [Theory]
    [InlineData("525400123456", 0x525400123456UL)]
    [InlineData("52:54:00:12:34:56", 0x525400123456UL)]
    [InlineData("52-54-00-ab-CD-ef", 0x525400ABCDEFUL)]
    public void TryParseMac_CommonSpellings_Parse(string text, ulong expected)
    {
        Assert.True(NetworkTopology.TryParseMac(text, out var mac));
        Assert.Equal(expected, mac);
    }

    [Theory]
    [InlineData("52540012345")]
    [InlineData("5254001234567")]
    [InlineData("52540012345g")]
    [InlineData("")]
    public void TryParseMac_NotTwelveHexDigits_Fails(string text)
    {
        Assert.False(NetworkTopology.TryParseMac(text, out _));
    }

    private static EngineOptions Options() => new() { Shards = 2, ThresholdInterval = TimeSpan.Zero, TopologyResolveInterval = TimeSpan.Zero };

    private static void Submit(SluiceEngine engine, byte[] datagram) =>
        Assert.True(engine.Ingest.Submit(datagram, EngineDatagrams.Address("127.0.0.1"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
}
