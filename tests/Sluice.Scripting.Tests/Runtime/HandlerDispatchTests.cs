using System.Diagnostics;
using System.Globalization;
using Sluice.Engine.Thresholds;
using Sluice.Scripting.Services;
using Sluice.Scripting.Tests.Support;
using Xunit;

namespace Sluice.Scripting.Tests.Runtime;

/// <summary>setFlowHandler and setEventHandler against in-test services: filtering, record fields, loss accounting, throughput.</summary>
public sealed class HandlerDispatchTests
{
    private const string FlowCounter = """
        var count = 0, sum = 0, last = null;
        setFlowHandler(function(rec) { count++; sum += rec.value; last = rec; if (count === +getSystemProperty('expect')) sharedSet('done', count); }, ['tcp']);
        setHttpHandler(function() { return {count: count, sum: sum, last: last}; });
        """;

    [Fact]
    public async Task FlowHandler_NamedDefinitions_ReceivesRecordsWithSflowRtFields()
    {
        var records = new TestFlowRecords();
        await using var host = await ScriptTestHost.StartAsync(App(FlowCounter), s => s with { FlowRecords = records }, properties: Expect(2));

        records.Publish(Record("tcp", 100, 1));
        records.Publish(Record("udp", 1_000, 2));
        records.Publish(Record("tcp", 50, 3));
        await Eventually.TrueAsync(() => Shared(host, "done") == 2, "two tcp records handled");
        var body = (await host.RequestAsync("a", "main.js", "json")).Body;

        Assert.Equal(
            """{"count":2,"sum":150,"last":{"flowID":3,"name":"tcp","flowKeys":"10.0.0.1,10.0.0.2","value":50,"values":[1,2.5],"start":1700000000000,"end":1700000001000,"agent":"192.0.2.1","dataSource":"7"}}""",
            body);
        var status = host.Script("a", "main.js").Status();
        Assert.Equal((2, 0), (status.FlowsReceived, status.FlowsLost));
    }

    [Fact]
    public async Task FlowHandler_ScriptBusy_ExcessRecordsCountedLost()
    {
        var records = new TestFlowRecords();
        const string busy = """
            var handled = 0;
            setFlowHandler(function(rec) { while (!sharedGet('go')) {} handled++; sharedSet('handled', handled); });
            """;
        await using var host = await ScriptTestHost.StartAsync(App(busy), s => s with { FlowRecords = records }, queueCapacity: 10);
        var script = host.Script("a", "main.js");

        for (var i = 1; i <= 500; i++)
        {
            records.Publish(Record("tcp", i, i));
        }

        script.Stores.Shared["go"] = "true";
        var status = script.Status();
        await Eventually.TrueAsync(() => Shared(host, "handled") == 500 - status.FlowsLost, "the queued records handled");

        Assert.Equal(500, status.FlowsReceived);
        Assert.InRange(status.FlowsLost, 500 - 11, 500 - 10);
    }

    [Fact]
    public async Task FlowHandler_ScriptStopped_Unsubscribes()
    {
        var records = new TestFlowRecords();
        var host = await ScriptTestHost.StartAsync(App("setFlowHandler(function(rec) {});"), s => s with { FlowRecords = records });
        Assert.Equal(1, records.Count);

        await host.DisposeAsync();

        Assert.Equal(0, records.Count);
    }

    [Fact]
    public async Task EventHandler_ThresholdFunctions_DelegateToService()
    {
        var thresholds = new TestThresholds();
        thresholds.Triggered["large|10.0.0.1|3.tcp|k1"] = true;
        const string script = """
            setThreshold('large', {metric:'tcp', value:1000, byFlow:true, timeout:2});
            setThreshold('other', {metric:'udp', value:1});
            clearThreshold('other');
            var events = [];
            setEventHandler(function(evt) { events.push(evt); sharedSet('events', events.length); }, ['large']);
            setHttpHandler(function() {
              return {events: events, on: thresholdTriggered('large', '10.0.0.1', '3.tcp', 'k1'), off: thresholdTriggered('large', '10.0.0.2', '3.tcp', 'k1')};
            });
            """;
        await using var host = await ScriptTestHost.StartAsync(App(script), s => s with { Thresholds = thresholds });

        thresholds.Publish(Event("other", 1));
        thresholds.Publish(Event("large", 2));
        await Eventually.TrueAsync(() => Shared(host, "events") == 1, "the large event handled");
        var body = (await host.RequestAsync("a", "main.js", "json")).Body;

        Assert.Equal(["large"], thresholds.Definitions.Keys);
        Assert.Equal("""{"metric":"tcp","value":1000,"byFlow":true,"timeout":2}""", thresholds.Definitions["large"]);
        Assert.Equal(
            """{"events":[{"eventID":2,"thresholdID":"large","metric":"tcp","value":1500.5,"threshold":1000,"agent":"10.0.0.1","dataSource":"3","flowKey":"k1","timestamp":1700000000000}],"on":true,"off":false}""",
            body);
        Assert.Equal((1, 0), (host.Script("a", "main.js").Status().EventsReceived, host.Script("a", "main.js").Status().EventsLost));
    }

    [Fact]
    public async Task FlowHandler_Throughput_AllRecordsHandled()
    {
        const int count = 200_000;
        var records = new TestFlowRecords();
        await using var host = await ScriptTestHost.StartAsync(App(FlowCounter), s => s with { FlowRecords = records }, properties: Expect(count), queueCapacity: count);
        var batch = Enumerable.Range(1, count).Select(i => Record("tcp", 1, i)).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var record in batch)
        {
            records.Publish(record);
        }

        await Eventually.TrueAsync(() => Shared(host, "done") == count, "every record handled", seconds: 300);
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flow handler: {count} records in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} records/s"));
        Assert.Equal(0, host.Script("a", "main.js").Status().FlowsLost);
    }

    [Fact]
    public async Task EventHandler_Throughput_AllEventsHandled()
    {
        const int count = 100_000;
        var thresholds = new TestThresholds();
        const string script = "var n = 0; setEventHandler(function(evt) { n++; if (n === +getSystemProperty('expect')) sharedSet('done', n); });";
        await using var host = await ScriptTestHost.StartAsync(App(script), s => s with { Thresholds = thresholds }, properties: Expect(count), queueCapacity: count);
        var batch = Enumerable.Range(1, count).Select(i => Event("t", i)).ToArray();

        var clock = Stopwatch.StartNew();
        foreach (var evt in batch)
        {
            thresholds.Publish(evt);
        }

        await Eventually.TrueAsync(() => Shared(host, "done") == count, "every event handled", seconds: 300);
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"event handler: {count} events in {clock.Elapsed.TotalSeconds:F2} s = {count / clock.Elapsed.TotalSeconds:F0} events/s"));
        Assert.Equal(0, host.Script("a", "main.js").Status().EventsLost);
    }

    private static Dictionary<string, string> App(string source) => new() { ["app/a/scripts/main.js"] = source };

    private static Dictionary<string, string> Expect(int count) => new() { ["expect"] = count.ToString(CultureInfo.InvariantCulture) };

    private static ScriptFlowRecord Record(string name, double value, long id) => new()
    {
        FlowId = id,
        Name = name,
        FlowKeys = "10.0.0.1,10.0.0.2",
        Value = value,
        Values = [1, 2.5],
        Start = 1_700_000_000_000,
        End = 1_700_000_001_000,
        Agent = "192.0.2.1",
        DataSource = "7",
    };

    private static ThresholdEvent Event(string threshold, long id) => new()
    {
        EventId = id,
        ThresholdId = threshold,
        Metric = "tcp",
        Value = 1500.5,
        Threshold = 1000,
        Agent = "10.0.0.1",
        DataSource = "3",
        FlowKey = "k1",
        Timestamp = 1_700_000_000_000,
    };

    private static int Shared(ScriptTestHost host, string key) =>
        host.Apps.Scripts.Values.First().Stores.Shared.TryGetValue(key, out var json) ? int.Parse(json, CultureInfo.InvariantCulture) : -1;
}
