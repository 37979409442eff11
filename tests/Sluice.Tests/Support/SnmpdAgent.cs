using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Enrichment.Snmp;

namespace Sluice.Tests.Support;

/// <summary>
/// Debian's net-snmp snmpd on 127.0.0.1 (peers.md §5): community <c>public</c>, a fixed sysName, and ifName served by a
/// pass_persist script from a fixed table, so (ifIndex → ifName) does not depend on this machine's interfaces.
/// </summary>
internal sealed class SnmpdAgent : IAsyncDisposable
{
    public const string SysName = "test-agent-1";

    public static readonly IReadOnlyDictionary<uint, string> IfNames = new Dictionary<uint, string>
    {
        [1] = "lo", [2] = "eth0", [3] = "ge-0/0/3", [10] = "xe-0/1/0", [1001] = "port1001",
    };

    /// <summary>The SNMPv3 users snmpd knows (createUser), one per security level (noAuthNoPriv, authNoPriv, authPriv) and protocol pair, all read-only.</summary>
    public static readonly IReadOnlyList<SnmpV3User> V3Users =
    [
        new("plainuser"),
        new("authmd5", SnmpAuthProtocol.Md5, "auth-pass-1"),
        new("authsha", SnmpAuthProtocol.Sha, "auth-pass-2"),
        new("privshades", SnmpAuthProtocol.Sha, "auth-pass-3", SnmpPrivProtocol.Des, "priv-pass-3"),
        new("privmd5aes", SnmpAuthProtocol.Md5, "auth-pass-4", SnmpPrivProtocol.Aes, "priv-pass-4"),
        new("privshaaes", SnmpAuthProtocol.Sha, "auth-pass-5", SnmpPrivProtocol.Aes, "priv-pass-5"),
    ];

    private const string PassScript = """
        import sys
        BASE = '.1.3.6.1.2.1.31.1.1.1.1'
        NAMES = {1: 'lo', 2: 'eth0', 3: 'ge-0/0/3', 10: 'xe-0/1/0', 1001: 'port1001'}
        def out(*l): sys.stdout.write('\n'.join(map(str, l)) + '\n'); sys.stdout.flush()
        while True:
            cmd = sys.stdin.readline()
            if not cmd: break
            cmd = cmd.strip()
            if cmd == 'PING': out('PONG'); continue
            oid = sys.stdin.readline().strip()
            if cmd == 'set': sys.stdin.readline(); out('not-writable'); continue
            idx = sorted(NAMES)
            tail = oid[len(BASE)+1:].split('.')[0] if oid.startswith(BASE + '.') else ''
            if cmd == 'get':
                out(oid, 'string', NAMES[int(tail)]) if tail.isdigit() and int(tail) in NAMES else out('NONE')
            elif cmd == 'getnext':
                cur = int(tail) if tail.isdigit() else -1
                nxt = next((i for i in idx if i > cur), None) if oid.startswith(BASE) else None
                out('NONE') if nxt is None else out(f'{BASE}.{nxt}', 'string', NAMES[nxt])
        """;

    private readonly PeerProcess _process = new("snmpd");

    private SnmpdAgent(int port) => Port = port;

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string Log => _process.Log;

    /// <summary>Starts snmpd on a free UDP port and waits (bounded) until it answers a GET for sysName.</summary>
    public static async Task<SnmpdAgent> StartAsync()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        var agent = new SnmpdAgent(port);
        var script = agent._process.PathOf("ifname_pass.py");
        await File.WriteAllTextAsync(script, PassScript);
        await File.WriteAllTextAsync(agent._process.PathOf("snmpd.conf"), $"""
            agentaddress udp:127.0.0.1:{port}
            rocommunity public 127.0.0.1
            sysName {SysName}
            master no
            pass_persist .1.3.6.1.2.1.31.1.1.1.1 /usr/bin/python3 {script}
            {string.Join('\n', V3Users.Select(CreateUser))}

            """);
        // The persistent folder is where snmpd keeps the localized keys of created users; the test's own keeps runs apart.
        agent._process.Start($"SNMP_PERSISTENT_DIR={agent._process.PathOf("persist")} MIBS= exec /usr/sbin/snmpd -f -Lo -C -c {agent._process.PathOf("snmpd.conf")} -p {agent._process.PathOf("snmpd.pid")} -I -smux");
        using var client = new SnmpClient("public", TimeSpan.FromMilliseconds(200), 0);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await client.GetAsync(agent.EndPoint, [SnmpOid.Parse("1.3.6.1.2.1.1.5.0")]);
                return agent;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (TimeoutException)
            {
                var log = agent.Log;
                await agent.DisposeAsync();
                throw new TimeoutException($"snmpd did not answer within 15 s: {log}");
            }
        }
    }

    private static string CreateUser(SnmpV3User user)
    {
        if (user.Auth == SnmpAuthProtocol.None)
        {
            return $"createUser {user.Name}\nrouser {user.Name} noauth";
        }

        var auth = user.Auth == SnmpAuthProtocol.Md5 ? "MD5" : "SHA";
        var priv = user.Priv switch
        {
            SnmpPrivProtocol.Des => $" DES \"{user.PrivPassword}\"",
            SnmpPrivProtocol.Aes => $" AES \"{user.PrivPassword}\"",
            _ => string.Empty,
        };
        return $"createUser {user.Name} {auth} \"{user.AuthPassword}\"{priv}\nrouser {user.Name} {(user.Priv == SnmpPrivProtocol.None ? "auth" : "priv")}";
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
