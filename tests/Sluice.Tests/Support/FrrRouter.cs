using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// FRR's bgpd alone, without zebra (peers.md §2.3), with no outbound filter: it sends Sluice's rules back to it, which
/// Sluice must take in its stride. The table is <c>show bgp ipv4|ipv6 flowspec detail json</c>. With a password it signs
/// the session with TCP MD5 (RFC 2385).
/// </summary>
internal sealed class FrrRouter(string address, string? password = null) : IBgpRouter
{
    private readonly PeerProcess _peer = new("frr");

    public string Address => address;

    public string Log => _peer.Log;

    public async Task StartAsync(int sluicePort, uint asNumber)
    {
        Assert.True(File.Exists("/usr/lib/frr/bgpd"), "FRR is not installed (scripts/test-deps.sh installs it)");
        var config = _peer.PathOf("bgpd.conf");
        await File.WriteAllTextAsync(config, $"""
            frr defaults traditional
            hostname router-frr
            router bgp 65102
             bgp router-id 192.0.2.3
             no bgp ebgp-requires-policy
             no bgp default ipv4-unicast
             neighbor 127.0.0.1 remote-as {asNumber}
             neighbor 127.0.0.1 port {sluicePort}
             neighbor 127.0.0.1 update-source {address}
             neighbor 127.0.0.1 disable-connected-check
             neighbor 127.0.0.1 timers connect 1
             neighbor 127.0.0.1 advertisement-interval 0
            {(password is null ? string.Empty : $" neighbor 127.0.0.1 password {password}")}
             address-family ipv4 flowspec
              neighbor 127.0.0.1 activate
             exit-address-family
             address-family ipv6 flowspec
              neighbor 127.0.0.1 activate
             exit-address-family

            """, TestContext.Current.CancellationToken);
        _peer.Start(
            $"exec /usr/lib/frr/bgpd -f '{config}' -i '{_peer.Folder}/bgpd.pid' --vty_socket '{_peer.Folder}' -z '{_peer.Folder}/zserv.api' -A 127.0.0.1 -P 0 -p 0 -Z -S --log stdout");
    }

    public async Task<string> FlowSpecTableAsync(bool ipv6)
    {
        var (_, output, errors) = await SluiceProcess.BashAsync(
            $"vtysh --vty_socket '{_peer.Folder}' -d bgpd -c 'show bgp {(ipv6 ? "ipv6" : "ipv4")} flowspec detail json'", TimeSpan.FromSeconds(10));
        return output + errors;
    }

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
