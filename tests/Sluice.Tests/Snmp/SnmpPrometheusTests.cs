using System.Net;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Xdr;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Snmp;

/// <summary>
/// <c>-Dsnmp.ifname=yes</c> end to end: counters from agents that send no port names, a real snmpd answering for
/// 127.0.0.1, nothing answering for 127.0.0.2, and the labels <c>/prometheus/metrics/ALL/ALL/txt</c> shows.
/// </summary>
public sealed class SnmpPrometheusTests
{
    private static readonly SflowAddress Answering = SflowAddress.FromIPAddress(IPAddress.Loopback);
    private static readonly SflowAddress Silent = SflowAddress.FromIPAddress(IPAddress.Parse("127.0.0.2"));

    [Fact]
    public async Task PrometheusMetrics_SnmpIfname_LabelsWithSnmpdNamesAndSkipsTheSilentAgent()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        await using var host = await ServeTestHost.StartAsync(("snmp:ifname", "yes"), ("snmp:port", snmpd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await host.SendAsync([
            CounterDatagrams.Sample(Silent, 0, 2, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 2 })),
            CounterDatagrams.Sample(Answering, 0, 3, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 3 })),
            CounterDatagrams.Sample(Answering, 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10 })),
            CounterDatagrams.Sample(Answering, 0, 1, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 1 }), CounterDatagrams.PortName("custom1")),
        ]);
        var cancel = TestContext.Current.CancellationToken;
        string text = string.Empty;

        await Eventually.UntilAsync(
            async () =>
            {
                text = await host.Http.GetStringAsync(new Uri("/prometheus/metrics/ALL/ALL/txt", UriKind.Relative), cancel);
                return text.Contains("ifname=\"xe-0/1/0\"", StringComparison.Ordinal) && host.Engine.SnmpNames!.Timeouts > 0;
            },
            TimeSpan.FromSeconds(20),
            () => Task.FromResult($"timeouts {host.Engine.SnmpNames!.Timeouts}, replies {host.Engine.SnmpNames.Replies}\n{text}\n{snmpd.Log}"));

        var lines = text.Split('\n').Where(l => l.StartsWith("sflow_ifspeed{", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("agent=\"127.0.0.1\"", StringComparison.Ordinal) && l.Contains("ifindex=\"3\"", StringComparison.Ordinal)
            && l.Contains("ifname=\"ge-0/0/3\"", StringComparison.Ordinal) && l.Contains("host=\"test-agent-1\"", StringComparison.Ordinal));
        // A port name the agent sends wins over SNMP's ("lo" for ifIndex 1).
        Assert.Contains(lines, l => l.Contains("ifindex=\"1\"", StringComparison.Ordinal) && l.Contains("ifname=\"custom1\"", StringComparison.Ordinal));
        var silent = Assert.Single(lines, l => l.Contains("agent=\"127.0.0.2\"", StringComparison.Ordinal));
        Assert.DoesNotContain("ifname=", silent, StringComparison.Ordinal);
        Assert.DoesNotContain("host=", silent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricDumpTable_SnmpIfname_ShowSnmpdNamesAsIfnameAndHostName()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        await using var host = await ServeTestHost.StartAsync(("snmp:ifname", "yes"), ("snmp:port", snmpd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await host.SendAsync([
            CounterDatagrams.Sample(Answering, 0, 3, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 3, Speed = 1_000_000_000 })),
            CounterDatagrams.Sample(Answering, 0, 1, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 1, Speed = 1_000_000_000 }), CounterDatagrams.PortName("custom1")),
        ]);
        var cancel = TestContext.Current.CancellationToken;
        var agentJson = string.Empty;
        await Eventually.UntilAsync(
            async () =>
            {
                agentJson = await host.Http.GetStringAsync(new Uri("/metric/127.0.0.1/json", UriKind.Relative), cancel);
                return agentJson.Contains("ge-0/0/3", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20),
            () => Task.FromResult($"{agentJson}\n{snmpd.Log}"));

        var values = System.Text.Json.JsonDocument.Parse(agentJson).RootElement;
        Assert.Equal("ge-0/0/3", values.GetProperty("3.ifname").GetString());
        Assert.Equal(SnmpdAgent.SysName, values.GetProperty("3.host_name").GetString());
        Assert.Equal("custom1", values.GetProperty("1.ifname").GetString()); // the agent's own port name wins
        var dump = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/dump/ALL/ifname/json", UriKind.Relative), cancel)).RootElement;
        Assert.Equal(
            ["1=custom1", "3=ge-0/0/3"],
            dump.EnumerateArray().Select(m => $"{m.GetProperty("dataSource").GetString()}={m.GetProperty("metricValue").GetString()}").Order(StringComparer.Ordinal));
        var table = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/table/ALL/host_name,ifname,ifspeed/json?ifname=ge-*", UriKind.Relative), cancel)).RootElement;
        var row = Assert.Single(table.EnumerateArray());
        Assert.Equal([SnmpdAgent.SysName, "ge-0/0/3"], row.EnumerateArray().Take(2).Select(c => c.GetProperty("metricValue").GetString()));
    }

    [Fact]
    public async Task MetricJson_SnmpV3AuthPriv_ShowsSnmpdNames()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        await using var host = await ServeTestHost.StartAsync(
            ("snmp:ifname", "yes"),
            ("snmp:port", snmpd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("snmp:version", "3"),
            ("snmp:user", "privshades"),
            ("snmp:authprotocol", "SHA"),
            ("snmp:authpasswd", "auth-pass-3"),
            ("snmp:privprotocol", "DES"),
            ("snmp:privpasswd", "priv-pass-3"));
        await host.SendAsync([CounterDatagrams.Sample(Answering, 0, 10, CounterDatagrams.Interface(new InterfaceCounters { IfIndex = 10 }))]);
        var cancel = TestContext.Current.CancellationToken;
        var json = string.Empty;

        await Eventually.UntilAsync(
            async () =>
            {
                json = await host.Http.GetStringAsync(new Uri("/metric/127.0.0.1/json", UriKind.Relative), cancel);
                return json.Contains("xe-0/1/0", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20),
            () => Task.FromResult($"timeouts {host.Engine.SnmpNames!.Timeouts}, replies {host.Engine.SnmpNames.Replies}\n{json}\n{snmpd.Log}"));

        var values = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.Equal("xe-0/1/0", values.GetProperty("10.ifname").GetString());
        Assert.Equal(SnmpdAgent.SysName, values.GetProperty("10.host_name").GetString());
    }

    [Theory]
    [InlineData("snmp:version", "1", "2c and 3")]
    [InlineData("snmp:version", "3", "snmp.user")]
    [InlineData("snmp:user", "admin", "snmp.version=3")]
    public async Task Start_UnsupportedSnmpSettings_RefusesWithAClearMessage(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<FormatException>(async () => await ServeTestHost.StartAsync(("snmp:ifname", "yes"), (key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SnmpV3PrivacyWithoutAuthentication_Refuses()
    {
        var error = await Assert.ThrowsAsync<FormatException>(async () => await ServeTestHost.StartAsync(
            ("snmp:ifname", "yes"), ("snmp:version", "3"), ("snmp:user", "u"), ("snmp:privprotocol", "AES"), ("snmp:privpasswd", "priv-pass-x")));

        Assert.Contains("snmp.authprotocol", error.Message, StringComparison.Ordinal);
    }
}
