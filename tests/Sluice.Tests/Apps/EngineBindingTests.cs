using System.Text.Json.Nodes;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>
/// The script functions bound to the engine in <c>sluice serve</c>: thresholds and events, <c>flowKeys</c> and
/// <c>flowValue</c>, over real datagrams, agreeing with the REST API.
/// </summary>
public sealed class EngineBindingTests
{
    private const string App = """
        setFlow('pairs', {keys: 'ipsource,ipdestination', value: 'bytes', t: 20});
        setThreshold('big', {metric: 'pairs', value: 1000, byFlow: true, timeout: 60});
        var events = [];
        setEventHandler(function(evt) { events.push(evt); }, ['big']);
        setHttpHandler(function(req) {
          var key = '10.0.0.1,10.0.0.2';
          return {
            events: events,
            triggered: thresholdTriggered('big', '192.0.2.1', '3.pairs', key),
            other: thresholdTriggered('big', '192.0.2.1', '3.pairs', '10.9.9.9,10.9.9.8'),
            value: flowValue('192.0.2.1', '3.pairs', key),
            missing: flowValue('192.0.2.1', '3.pairs', 'nothing'),
            keys: Object.keys(flowKeys()).sort()
          };
        });
        """;

    [Fact]
    public async Task Thresholds_EventsAndFlowValues_FromEngine()
    {
        using var folder = new AppFolder(new Dictionary<string, string> { ["app/watch/scripts/main.js"] = App });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());
        await host.Services.GetAppHost().LoadedAsync();
        var ct = TestContext.Current.CancellationToken;

        var threshold = JsonNode.Parse(await host.Http.GetStringAsync("/threshold/big/json", ct))!;
        await host.SendAsync(Enumerable.Range(1, 10).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3,
            ("10.0.0.1", "10.0.0.2", 1500), ("10.0.0.1", "10.0.0.2", 1500))));
        var state = await UntilAsync(host, s => s["events"]!.AsArray().Count > 0);
        var restValue = double.Parse(await host.Http.GetStringAsync("/flowvalue/192.0.2.1/3.pairs/json?key=10.0.0.1,10.0.0.2", ct), System.Globalization.CultureInfo.InvariantCulture);
        var restEvents = JsonNode.Parse(await host.Http.GetStringAsync("/events/json?thresholdID=big&eventID=-1&maxEvents=10&timeout=0", ct))!;

        Assert.Equal(("pairs", 1000), (threshold["metric"]!.GetValue<string>(), threshold["value"]!.GetValue<int>()));
        var evt = state["events"]![0]!;
        Assert.Equal(restEvents[0]!.ToJsonString(), evt.ToJsonString());
        Assert.Equal(("big", "pairs", "192.0.2.1", "3", "10.0.0.1,10.0.0.2"),
            (evt["thresholdID"]!.GetValue<string>(), evt["metric"]!.GetValue<string>(), evt["agent"]!.GetValue<string>(), evt["dataSource"]!.GetValue<string>(), evt["flowKey"]!.GetValue<string>()));
        Assert.True(evt["value"]!.GetValue<double>() > 1000);
        Assert.True(state["triggered"]!.GetValue<bool>());
        Assert.False(state["other"]!.GetValue<bool>());
        var value = state["value"]!.GetValue<double>();
        Assert.True(Math.Abs(value - restValue) <= restValue * 0.05, $"script {value} vs REST {restValue}");
        Assert.Null(state["missing"]);
        Assert.Contains("ipsource", state["keys"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public async Task Forwarding_FromScript_CopiesDatagramsAndRefusalIsCatchable()
    {
        using var collector = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.2"), 0));
        var port = ((System.Net.IPEndPoint)collector.Client.LocalEndPoint!).Port;
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/fwd/scripts/main.js"] = $$$"""
                setForwarding('copy', {address: '127.0.0.2', port: {{{port}}}});
                var refused = null;
                try { setForwarding('elsewhere', {address: '127.0.0.1', port: {{{port}}}}); } catch (e) { refused = e.message; }
                setTenant('t1', {collectorAddress: '127.0.0.2', collectorPort: {{{port}}}, filters: {cidr: ['10.99.0.0/16']}});
                setHttpHandler(function() { return {refused: refused, cleared: clearTenant('t1')}; });
                """,
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties(("forwarding:allow", "127.0.0.2/32")));
        await host.Services.GetAppHost().LoadedAsync();
        var ct = TestContext.Current.CancellationToken;
        var datagram = FlowDatagrams.Flows("192.0.2.1", 1, 100, 3, ("10.0.0.1", "10.0.0.2", 1500));

        var sessions = JsonNode.Parse(await host.Http.GetStringAsync("/forwarding/json", ct))!;
        await host.SendAsync([datagram]);
        var copy = await collector.ReceiveAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        var state = JsonNode.Parse(await host.Http.GetStringAsync("/app/fwd/scripts/main.js/json", ct))!;

        Assert.Equal(["copy"], sessions.AsObject().Select(p => p.Key));
        Assert.Equal(datagram, copy.Buffer);
        Assert.StartsWith("setForwarding elsewhere: forbidden: ", state["refused"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(state["cleared"]!.GetValue<bool>());
    }

    private static async Task<JsonNode> UntilAsync(ServeTestHost host, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync("/app/watch/scripts/main.js/state/json", TestContext.Current.CancellationToken))!;
            if (done(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, "no event reached the script: " + state.ToJsonString());
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
