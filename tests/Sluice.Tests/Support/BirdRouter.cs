using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// BIRD 2 (peers.md §2.3) with flow4 and flow6 channels, its own listener moved to a free port on its address so
/// parallel tests do not collide. The table is <c>birdc show route table flowtab4|flowtab6 all</c>.
/// </summary>
internal sealed class BirdRouter(string address) : IBgpRouter
{
    private readonly PeerProcess _peer = new("bird");

    public string Address => address;

    public string Log => _peer.Log;

    public async Task StartAsync(int sluicePort, uint asNumber)
    {
        Assert.True(File.Exists("/usr/sbin/bird"), "BIRD 2 is not installed (scripts/test-deps.sh installs bird2)");
        var config = _peer.PathOf("bird.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id 192.0.2.4;
            protocol device { }
            flow4 table flowtab4;
            flow6 table flowtab6;
            protocol bgp sluice {
                local {{address}} port {{TcpTestPort.Free(address)}} as 65103;
                strict bind yes;
                neighbor 127.0.0.1 port {{sluicePort}} as {{asNumber}};
                multihop;
                connect delay time 1;
                flow4 { table flowtab4; import all; export none; };
                flow6 { table flowtab6; import all; export none; };
            }

            """, TestContext.Current.CancellationToken);
        _peer.Start($"exec bird -f -c '{config}' -s '{_peer.Folder}/bird.ctl' -P '{_peer.Folder}/bird.pid'");
    }

    public async Task<string> FlowSpecTableAsync(bool ipv6)
    {
        var (_, output, errors) = await SluiceProcess.BashAsync(
            $"birdc -s '{_peer.Folder}/bird.ctl' show route table {(ipv6 ? "flowtab6" : "flowtab4")} all", TimeSpan.FromSeconds(10));
        return output + errors;
    }

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
