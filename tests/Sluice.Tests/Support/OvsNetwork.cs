using System.Globalization;
using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// A Mininet stand-in (peers.md §10–11): userspace Open vSwitch (datapath netdev, no kernel module) in a private network
/// namespace, two bridges <c>s1</c> and <c>s2</c> joined by a veth pair (<c>s1-eth2</c>–<c>s2-eth2</c>), and a host
/// namespace on each (<c>s1-eth1</c> to hA 10.77.0.1, <c>s2-eth1</c> to hB 10.77.0.2), named as Mininet names them.
/// Sluice runs inside the switch namespace, so sFlow to 127.0.0.1:6343 and REST on 127.0.0.1:8008 stay in it. Disposing
/// (or a failed start) stops Sluice and the OVS daemons and deletes the namespaces, which deletes the veths.
/// </summary>
internal sealed class OvsNetwork : IAsyncDisposable
{
    private static int _instances;

    private readonly PeerProcess _folder = new("ovs");
    private ShellProcess? _sluice;

    private OvsNetwork()
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"sl{Environment.ProcessId % 100_000}x{Interlocked.Increment(ref _instances)}");
        SwitchNamespace = id + "o";
        HostA = id + "a";
        HostB = id + "b";
    }

    public string SwitchNamespace { get; }

    public string HostA { get; }

    public string HostB { get; }

    public string Log
    {
        get
        {
            var vswitchd = _folder.PathOf("log/ovs-vswitchd.log");
            return (File.Exists(vswitchd) ? File.ReadAllText(vswitchd) : string.Empty) + (_sluice is null ? string.Empty : _sluice.Output + _sluice.Errors);
        }
    }

    /// <summary>The environment OVS tools need to find this switch's database (and nothing else's).</summary>
    public string OvsEnvironment => $"OVS_RUNDIR={_folder.PathOf("run")} OVS_DBDIR={_folder.PathOf("db")} OVS_LOGDIR={_folder.PathOf("log")} OVS_SYSCONFDIR={_folder.PathOf("db")}";

    public static async Task<OvsNetwork> StartAsync()
    {
        foreach (var tool in new[] { "ovs-vswitchd", "ovsdb-server", "ovs-vsctl", "ip", "ethtool", "curl", "ping" })
        {
            SluiceProcess.RequireTool(tool);
        }

        var network = new OvsNetwork();
        try
        {
            await RunAsync(network.UpScript(), TimeSpan.FromSeconds(30));
            network._sluice = SluiceProcess.StartShell($"exec ip netns exec {network.SwitchNamespace} {SluiceProcess.Command} serve");
            await Eventually.UntilAsync(
                async () => (await network.InSwitchAsync("curl -sf -o /dev/null http://127.0.0.1:8008/version")).ExitCode == 0,
                TimeSpan.FromSeconds(30),
                () => Task.FromResult(network.Log));
            return network;
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a shell command inside the switch namespace (with the OVS environment).</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> InSwitchAsync(string command) =>
        SluiceProcess.BashAsync($"{OvsEnvironment} ip netns exec {SwitchNamespace} {command}", TimeSpan.FromSeconds(60));

    /// <summary>A REST call to the Sluice inside the switch namespace; returns the body, failing on an HTTP error.</summary>
    public async Task<string> RestAsync(string path, string? putBody = null)
    {
        var put = putBody is null ? string.Empty : $"-X PUT -H 'Content-Type: application/json' --data '{putBody}' ";
        var (exit, stdout, stderr) = await InSwitchAsync($"curl -sS --fail-with-body {put}'http://127.0.0.1:8008{path}'");
        Assert.True(exit == 0, $"curl {path}: exit {exit}: {stdout}{stderr}");
        return stdout;
    }

    public async ValueTask DisposeAsync()
    {
        _sluice?.Dispose();
        var (exit, _, stderr) = await RunAsync(DownScript(), TimeSpan.FromSeconds(30), check: false);
        await _folder.DisposeAsync();
        Assert.True(exit == 0, $"OVS clean-up failed: {stderr}");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, TimeSpan timeout, bool check = true)
    {
        var result = await SluiceProcess.BashAsync(script, timeout);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"OVS set-up failed ({result.ExitCode}): {result.Stderr}");
        }

        return result;
    }

    private string UpScript()
    {
        var d = _folder.Folder;
        return $"""
            set -euo pipefail
            export {OvsEnvironment}
            mkdir -p {d}/run {d}/db {d}/log
            O={SwitchNamespace}; A={HostA}; B={HostB}
            ip netns add $O; ip netns add $A; ip netns add $B
            for n in $O $A $B; do ip -n $n link set lo up; done
            ip link add s1-eth1 netns $O type veth peer name eth0 netns $A
            ip link add s2-eth1 netns $O type veth peer name eth0 netns $B
            ip -n $O link add s1-eth2 type veth peer name s2-eth2
            ip -n $A addr add 10.77.0.1/24 dev eth0; ip -n $B addr add 10.77.0.2/24 dev eth0
            # Offloads off: frames on the wire size, not 64 KB GSO packets.
            for n in $A $B; do ip -n $n link set eth0 up; ip netns exec $n ethtool -K eth0 tso off gso off gro off tx off >/dev/null; done
            for v in s1-eth1 s2-eth1 s1-eth2 s2-eth2; do ip -n $O link set $v up; ip netns exec $O ethtool -K $v tso off gso off gro off tx off >/dev/null; done
            ovsdb-tool create {d}/db/conf.db /usr/share/openvswitch/vswitch.ovsschema
            ip netns exec $O ovsdb-server {d}/db/conf.db --remote=punix:{d}/run/db.sock --pidfile={d}/run/ovsdb-server.pid \
                --unixctl={d}/run/ovsdb-server.ctl --log-file={d}/log/ovsdb-server.log --detach --no-chdir
            ovs-vsctl --no-wait init
            ip netns exec $O ovs-vswitchd unix:{d}/run/db.sock --pidfile={d}/run/ovs-vswitchd.pid \
                --unixctl={d}/run/ovs-vswitchd.ctl --log-file={d}/log/ovs-vswitchd.log --detach --no-chdir
            for s in s1 s2; do ovs-vsctl add-br $s -- set bridge $s datapath_type=netdev; ovs-vsctl add-port $s $s-eth1 -- add-port $s $s-eth2; done
            """;
    }

    /// <summary>Best effort at every step (whatever part of the set-up happened), and the namespaces are gone at the end.</summary>
    private string DownScript()
    {
        var d = _folder.Folder;
        return $"""
            for daemon in ovs-vswitchd ovsdb-server; do
                if [ -S {d}/run/$daemon.ctl ]; then timeout 10 ovs-appctl -t {d}/run/$daemon.ctl exit >/dev/null 2>&1 || true; fi
                if [ -f {d}/run/$daemon.pid ]; then kill $(cat {d}/run/$daemon.pid) 2>/dev/null || true; fi
            done
            for n in {SwitchNamespace} {HostA} {HostB}; do ip netns del $n 2>/dev/null || true; done
            ! ip netns list | grep -qE '^({SwitchNamespace}|{HostA}|{HostB})( |$)'
            """;
    }
}
