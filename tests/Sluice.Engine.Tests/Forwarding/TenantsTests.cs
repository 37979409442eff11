using Sluice.Engine.Forwarding;
using Sluice.Engine.Tests.Support;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

/// <summary>Tenants set on a running engine: port names the engine already knows apply at once.</summary>
public sealed class TenantsTests
{
    [Fact]
    public async Task Set_IfNameAlreadyNamedByCounters_MatchesTheNextFlowSamples()
    {
        await using var engine = new SluiceEngine(new EngineOptions { Shards = 2 });
        engine.Start(listen: false);
        using var sink = new UdpSink();
        var source = EngineDatagrams.Address("127.0.0.1");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        engine.Ingest.Submit(CounterDatagrams.Sample(CounterDatagrams.Agent, 0, 9, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 9 }), CounterDatagrams.PortName("uplink")), source, now);
        await engine.DrainAsync(TimeSpan.FromSeconds(10));

        var tenant = engine.Tenants.Set("t", new TenantSpec { CollectorAddress = sink.Address, CollectorPort = sink.Port, Filters = new TenantFilters { IfName = ["192.0.2.1_uplink"] } });
        var flows = EngineDatagrams.Flows("192.0.2.1", 2, 100, 9, ("10.0.0.1", "10.0.0.2", 1000));
        engine.Ingest.Submit(flows, source, now);

        // The worker's flush timer sends the partly filled datagram within its interval.
        var received = await sink.ReceiveAsync(1);
        Assert.Equal(RawSamples.Of(flows).Samples, RawSamples.Of(received[0]).Samples);
        // The worker counts right after its send returns, which may be just after the sink has the datagram.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (tenant.Statistics.Samples == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, tenant.Statistics.Samples);
    }

    [Fact]
    public void Set_BeyondMaxTenants_ThrowsDenied()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions { MaxTenants = 1 });
        hub.Tenants.Set("a", new TenantSpec { CollectorAddress = "127.0.0.1" });

        Assert.Throws<ForwardingDeniedException>(() => hub.Tenants.Set("b", new TenantSpec { CollectorAddress = "127.0.0.1" }));
        Assert.True(hub.Tenants.Remove("a"));
        hub.Tenants.Set("b", new TenantSpec { CollectorAddress = "127.0.0.1" });
        Assert.Equal(["b"], hub.Tenants.All.Select(t => t.Name));
    }
}
