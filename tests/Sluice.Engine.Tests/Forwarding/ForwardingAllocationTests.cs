using Sluice.Engine.Forwarding;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Testing;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

/// <summary>Forwarding on the worker's hot path allocates nothing per datagram once warm.</summary>
public sealed class ForwardingAllocationTests
{
    [Fact]
    public void Process_ThreeSessionsAndTwoTenants_AllocatesNothing()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions { MaxDatagramsPerSecond = 10_000_000 });
        using var a = new UdpSink("127.0.0.2");
        using var b = new UdpSink("127.0.0.3");
        using var c = new UdpSink("127.0.0.4");
        using var tenantSink = new UdpSink("127.0.0.5");
        hub.Sessions.Set("SessionA", new ForwardingSpec { Address = a.Address, Port = a.Port });
        hub.Sessions.Set("SessionB", new ForwardingSpec { Address = b.Address, Port = b.Port });
        hub.Sessions.Set("SessionC", new ForwardingSpec { Address = c.Address, Port = c.Port, Agents = ["192.0.2.1"] });
        hub.Tenants.Set("ports", new TenantSpec { CollectorAddress = tenantSink.Address, CollectorPort = tenantSink.Port, Filters = new TenantFilters { IfIndex = ["192.0.2.1_3"], IfName = ["192.0.2.1_eth9"] } });
        hub.Tenants.Set("hosts", new TenantSpec { CollectorAddress = tenantSink.Address, CollectorPort = tenantSink.Port, Filters = new TenantFilters { Cidr = ["10.0.0.0/24"], Mac = ["D8D385B2DD2B"] } });
        var shard = new Shard(0, new EngineOptions(), () => 0, hub);
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var datagrams = Enumerable.Range(1, 12_000)
            .Select(i => i % 2 == 0
                ? EngineDatagrams.Mixed("192.0.2.1", (uint)i, (uint)i)
                : EngineDatagrams.Flows("192.0.2.1", (uint)i, 100, 7, ("10.0.0.1", "172.16.0.2", 1000), ("172.16.0.3", "172.16.0.4", 500)))
            .ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            shard.Process(datagrams[i], source, now + (i * 100));
        }

        SteadyState.AssertAllocatesNothing(3_000, i => shard.Process(datagrams[2_000 + i], source, now + ((2_000 + i) * 100)));
        shard.FlushForwarding();

        Assert.Equal(11_000, hub.Sessions.Get("SessionA")!.Statistics.Datagrams);
        Assert.Equal(11_000, hub.Sessions.Get("SessionC")!.Statistics.Datagrams);
        Assert.True(hub.Tenants.Get("ports")!.Statistics.Samples >= 10_000);
        Assert.True(hub.Tenants.Get("hosts")!.Statistics.Samples >= 5_000);
    }
}
