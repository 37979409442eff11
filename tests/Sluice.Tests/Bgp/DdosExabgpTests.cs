using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Engine.Ddos;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary>
/// End to end: <c>sluice generate</c> sends normal traffic with a DNS amplification attack on 10.0.0.1 to
/// <c>sluice serve</c>, whose DDoS protection pushes the drop rule to exabgp, and withdraws it once the attack has
/// stopped and the control's timeout has passed.
/// </summary>
public sealed class DdosExabgpTests
{
    private const string Router = "127.0.0.6";
    private const string Rule = "flow destination-ipv4 10.0.0.1/32 protocol =udp source-port =53 rate-limit:0";

    [Fact]
    public async Task DnsAmplification_OnAProtectedAddress_DropRuleReachesExabgpWithinFiveSecondsAndLeavesAfterTheTimeout()
    {
        await using var router = new ExabgpRouter(Router);
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"),
            ("ddos_protect:enable", "yes"), ("ddos_protect:router", Router), ("ddos_protect:as", "65000"),
            ("ddos_protect:mode", "automatic"), ("ddos_protect:enable:flowspec", "yes"),
            ("ddos_protect:group:local", "10.0.0.0/24"), ("ddos_protect:threshold_seconds", "1"),
            ("ddos_protect:udp_amplification:action", "filter"), ("ddos_protect:udp_amplification:threshold", "20000"),
            ("ddos_protect:udp_amplification:timeout", "0.05"));
        var bgp = host.Services.GetRequiredService<BgpService>();
        var ddos = host.Services.GetRequiredService<DdosProtect>();
        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);
        await Eventually.UntilAsync(
            () => Task.FromResult(bgp.Neighbor(Router)!.State == BgpSessionState.Established),
            TimeSpan.FromSeconds(30),
            () => Task.FromResult($"no session: {bgp.Neighbor(Router)}\n{router.Log}"));

        // One switch, four 10G ports at 1 in 1000: about 100k packets/s of the attack per port, beside normal traffic.
        var port = host.Engine.Receiver!.LocalEndPoint.Port;
        using var generator = SluiceProcess.StartShell(
            $"{SluiceProcess.Command} generate -t 127.0.0.1:{port} --agents 1 --interfaces 4 --hosts 0 --duration 6 --attack dns-amplification:10.0.0.1");
        await Eventually.UntilAsync(() => Task.FromResult(host.Engine.Receiver.Received > 0), TimeSpan.FromSeconds(20), () => Task.FromResult(generator.Errors));
        var attack = Stopwatch.StartNew();
        await Eventually.UntilAsync(
            async () => (await router.FlowSpecTableAsync(false)).Contains(Rule, StringComparison.Ordinal),
            TimeSpan.FromSeconds(5),
            async () => $"no rule in exabgp {attack.Elapsed} after the attack began: {await router.FlowSpecTableAsync(false)}\n{string.Join('\n', ddos.Controls())}");
        var installed = attack.Elapsed;
        var control = Assert.Single(ddos.Controls());
        using var listed = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/app/ddos-protect/scripts/ddos.js/controls/json", UriKind.Relative), TestContext.Current.CancellationToken));
        var receivedAt = ExabgpReceiptUnixMs(router.Received);

        Assert.True(await generator.WaitAsync(TimeSpan.FromSeconds(30)), "the generator did not stop");
        await Eventually.UntilAsync(
            async () => !(await router.FlowSpecTableAsync(false)).Contains(Rule, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            async () => $"the rule stayed: {await router.FlowSpecTableAsync(false)}\n{string.Join('\n', ddos.Controls())}");
        var released = Assert.Single(ddos.History());

        Assert.Equal(("udp_amplification", "10.0.0.1", "local", "53", "filter", "blocked"), (control.Attack, control.Target, control.Group, control.Protocol, control.Action, control.Status));
        Assert.True(control.Attackers > 10, $"{control.Attackers} sources");
        Assert.Equal("c0", listed.RootElement.GetProperty("controls")[0].GetProperty("id").GetString());
        Assert.Equal("released", released.Status);
        Assert.True(released.Released - released.Time >= 3000, "released before the 3 s timeout");
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attack start to rule in exabgp {installed.TotalMilliseconds:F0} ms; event to announcement {control.Announced - control.Time} ms; " +
            $"event to exabgp receipt {receivedAt - control.Time} ms; event to withdrawal {released.Released - released.Time} ms"));
    }

    /// <summary>When exabgp received the first announcement (its JSON carries the time, in seconds).</summary>
    private static long ExabgpReceiptUnixMs(string lines)
    {
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Contains("\"announce\"", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line);
                return (long)(json.RootElement.GetProperty("time").GetDouble() * 1000);
            }
        }

        return 0;
    }
}
