using Sluice.Engine.Flows;
using Sluice.Sflow.Packets;
using Xunit;

namespace Sluice.Engine.Tests.Flows;

public sealed class FlowKeyPresenceTests
{
    [Fact]
    public void Seen_TcpSample_ListsItsKeysOnly()
    {
        var presence = new FlowKeyPresence();
        presence.Observe(FlowSamples.Tcp(), 10_000);
        var lastSeen = new long[64];
        presence.MergeInto(lastSeen);

        var seen = FlowKeys.Seen(lastSeen, 10_250, 60_000);

        foreach (var key in new[] { "agent", "inputifindex", "bytes", "stack", "macsource", "ethernetprotocol", "ipsource", "ipprotocol", "tcpflags", "tcpdestinationport" })
        {
            Assert.Equal(250, seen[key]);
        }

        foreach (var key in new[] { "udpsourceport", "ip6source", "ipsource.1", "vxlanvni", "vni", "reason", "dnsqname", "vlan", "bgpas", "vlansource" })
        {
            Assert.False(seen.ContainsKey(key), key);
        }

        Assert.Empty(FlowKeys.Seen(lastSeen, 10_000 + 60_001, 60_000)); // older than the horizon
    }

    [Fact]
    public void GroupsOf_CaptureSamples_CoverEveryKeyTheSampleHas()
    {
        // The groups may claim a key the sample lacks (icmpseqno on a non-echo), never miss one it has.
        var buffer = new char[FlowKey.MaxLength];
        var checkedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in FlowSamples.AllCaptures())
        {
            foreach (var sample in FlowSamples.Load(path))
            {
                var groups = FlowKeyPresence.GroupsOf(sample);
                foreach (var name in FlowKeys.Names)
                {
                    var field = FlowKeys.Get(name);
                    if (field.Write(sample, buffer) >= 0)
                    {
                        Assert.True((field.Groups & groups) != 0, $"{name} in {Path.GetFileName(path)}");
                        checkedKeys.Add(name);
                    }
                }
            }
        }

        Assert.Contains("ipsource.1", checkedKeys); // the captures include tunnelled traffic
        Assert.Contains("reason", checkedKeys); // and discards
        Assert.True(checkedKeys.Count > 50, checkedKeys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Groups_EveryRegisteredKey_BelongsToADecoderGroup()
    {
        foreach (var name in FlowKeys.Names)
        {
            Assert.True(FlowKeys.Get(name).Groups != 0, name);
        }
    }

    [Fact]
    public void Layer_EveryPacketLayerFlag_FitsItsBits()
    {
        foreach (var layer in Enum.GetValues<PacketLayers>())
        {
            if (layer is not (PacketLayers.None or PacketLayers.Truncated))
            {
                Assert.True((ulong)layer < 1UL << FlowKeyPresence.LayerBits, layer.ToString());
                Assert.NotEqual(FlowKeyPresence.Layer(layer, 0), FlowKeyPresence.Layer(layer, 1));
            }
        }
    }
}
