using System.Text;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// exabgp (peers.md §2.3) as the router: an API process appends every UPDATE it receives as a JSON line; the table is
/// what those lines announced and have not withdrawn, each rule with its extended communities.
/// </summary>
/// <param name="address">The router's source address.</param>
/// <param name="families">exabgp's family list, e.g. <c>ipv4 unicast; ipv4 flow;</c>.</param>
/// <param name="routes">Static routes exabgp announces to Sluice, e.g. <c>route 10.1.0.0/16 next-hop 192.0.2.9;</c>.</param>
internal sealed class ExabgpRouter(string address, string families = "ipv4 flow; ipv6 flow;", string routes = "") : IBgpRouter
{
    private readonly PeerProcess _peer = new("exabgp");

    public string Address => address;

    public string Log => _peer.Log;

    /// <summary>The JSON lines received so far.</summary>
    public string Received => File.Exists(JsonLines) ? File.ReadAllText(JsonLines) : string.Empty;

    private string JsonLines => _peer.PathOf("exabgp.jsonl");

    public async Task StartAsync(int sluicePort, uint asNumber)
    {
        Assert.True(File.Exists("/usr/sbin/exabgp") || File.Exists("/usr/bin/exabgp"), "exabgp is not installed (scripts/test-deps.sh installs it)");
        var dump = _peer.PathOf("dump.py");
        await File.WriteAllTextAsync(dump, "import sys\nout = open(sys.argv[1], 'a', buffering=1)\nfor line in sys.stdin: out.write(line)\n", TestContext.Current.CancellationToken);
        var config = _peer.PathOf("exabgp.conf");
        await File.WriteAllTextAsync(config, $$"""
            process dump { run /usr/bin/python3 {{dump}} {{JsonLines}}; encoder json; }
            neighbor 127.0.0.1 {
                router-id 192.0.2.2; local-address {{address}}; local-as 65101; peer-as {{asNumber}};
                connect {{sluicePort}}; passive false; hold-time 90;
                family { {{families}} }
                static { {{routes}} }
                api { processes [ dump ]; receive { parsed; update; } neighbor-changes; }
            }
            """, TestContext.Current.CancellationToken);
        _peer.Start(
            $"cd '{_peer.Folder}' && exec env exabgp.daemon.user=root exabgp.tcp.bind='' exabgp.log.destination=stdout exabgp.daemon.daemonize=false exabgp '{config}'");
    }

    public Task<string> FlowSpecTableAsync(bool ipv6) => Task.FromResult(Table(ipv6 ? "ipv6 flow" : "ipv4 flow"));

    /// <summary>
    /// The routes of one family (<c>ipv4 unicast</c>, <c>ipv6 flow</c>) announced and not withdrawn, one a line: the
    /// route as exabgp writes it, then its communities and extended communities.
    /// </summary>
    public string Table(string family)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Received.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // a line still being written
            }

            using (json)
            {
                var root = json.RootElement;
                if (root.GetProperty("type").GetString() == "state" && root.GetProperty("neighbor").GetProperty("state").GetString() == "down")
                {
                    table.Clear();
                }

                if (root.GetProperty("type").GetString() != "update"
                    || !root.GetProperty("neighbor").GetProperty("message").TryGetProperty("update", out var update))
                {
                    continue;
                }

                var communities = string.Empty;
                if (update.TryGetProperty("attribute", out var attributes))
                {
                    if (attributes.TryGetProperty("community", out var standard))
                    {
                        communities += string.Join(' ', standard.EnumerateArray().Select(c => $"{c[0]}:{c[1]}"));
                    }

                    if (attributes.TryGetProperty("extended-community", out var extended))
                    {
                        communities += string.Join(' ', extended.EnumerateArray().Select(c => c.GetProperty("string").GetString()));
                    }
                }

                if (update.TryGetProperty("announce", out var announce) && announce.TryGetProperty(family, out var byNextHop))
                {
                    foreach (var rule in byNextHop.EnumerateObject().SelectMany(n => n.Value.EnumerateArray()))
                    {
                        var text = Name(rule);
                        table[text] = $"{text} {communities}";
                    }
                }

                if (update.TryGetProperty("withdraw", out var withdraw) && withdraw.TryGetProperty(family, out var withdrawn))
                {
                    foreach (var rule in withdrawn.EnumerateArray())
                    {
                        table.Remove(Name(rule));
                    }
                }
            }
        }

        return string.Join('\n', table.Values);
    }

    /// <summary>FlowSpec rules carry their text in <c>string</c>, unicast routes in <c>nlri</c>.</summary>
    private static string Name(JsonElement route) =>
        (route.TryGetProperty("string", out var text) ? text : route.GetProperty("nlri")).GetString()!;

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
