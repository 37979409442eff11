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

    [Theory]
    [InlineData("snmp:version", "3")]
    [InlineData("snmp:version", "1")]
    [InlineData("snmp:user", "admin")]
    public async Task Start_UnsupportedSnmpSettings_RefusesWithAClearMessage(string key, string value)
    {
        var error = await Assert.ThrowsAsync<FormatException>(async () => await ServeTestHost.StartAsync(("snmp:ifname", "yes"), (key, value)));

        Assert.Contains("2c", error.Message, StringComparison.Ordinal);
    }
}
