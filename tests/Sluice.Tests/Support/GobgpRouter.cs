using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// gobgpd (peers.md §2.3) as an active router that does not listen, its API on a free port. The table is
/// <c>gobgp global rib -a ipv4-flowspec|ipv6-flowspec -j</c>. Its first connect waits a random 5-10 s (hard-coded).
/// </summary>
internal sealed class GobgpRouter(string address) : IBgpRouter
{
    private readonly PeerProcess _peer = new("gobgp");
    private readonly int _apiPort = TcpTestPort.Free();

    public string Address => address;

    public string Log => _peer.Log;

    public async Task StartAsync(int sluicePort, uint asNumber)
    {
        Assert.True(File.Exists("/usr/bin/gobgpd") && File.Exists("/usr/bin/gobgp"), "gobgpd is not installed (scripts/test-deps.sh installs it)");
        var config = _peer.PathOf("gobgpd.toml");
        await File.WriteAllTextAsync(config, $$"""
            [global.config]
              as = 65104
              router-id = "192.0.2.5"
              port = -1
            [[neighbors]]
              [neighbors.config]
                neighbor-address = "127.0.0.1"
                peer-as = {{asNumber}}
              [neighbors.transport.config]
                remote-port = {{sluicePort}}
                local-address = "{{address}}"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv4-flowspec"
              [[neighbors.afi-safis]]
                [neighbors.afi-safis.config]
                  afi-safi-name = "ipv6-flowspec"

            """, TestContext.Current.CancellationToken);
        _peer.Start($"exec gobgpd -f '{config}' --api-hosts 127.0.0.1:{_apiPort} --pprof-disable -p -l warn");
    }

    public async Task<string> FlowSpecTableAsync(bool ipv6)
    {
        var (_, output, errors) = await SluiceProcess.BashAsync(
            $"gobgp -u 127.0.0.1 -p {_apiPort} global rib -a {(ipv6 ? "ipv6" : "ipv4")}-flowspec -j", TimeSpan.FromSeconds(10));
        return output + errors;
    }

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
