using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Apps;

/// <summary>A script's <c>syslog()</c> events reach a real rsyslog on loopback as RFC 5424 with structured data.</summary>
public sealed class SyslogTests
{
    [Fact]
    public async Task Syslog_FromAppScript_ParsedByRsyslog()
    {
        using var rsyslog = await RsyslogServer.StartAsync();
        using var folder = new AppFolder(new Dictionary<string, string>
        {
            ["app/ddos-test/scripts/alert.js"] = $$"""
                var sent = 0;
                setIntervalHandler(function(now) {
                  if (sent++ > 0) return;
                  syslog('127.0.0.1', {{rsyslog.Port}}, 'local0', 'warning', {attack: 'udp_amplification', target: '192.0.2.7', bps: 2000000, note: 'say "hi"'});
                  syslog('127.0.0.1', {{rsyslog.Port}}, 16, 6, 'plain text event');
                }, 0.2);
                """,
        });
        await using var host = await ServeTestHost.StartAsync(folder.Properties());

        var structured = Assert.Single(await rsyslog.WaitForAsync("udp_amplification"));
        var plain = Assert.Single(await rsyslog.WaitForAsync("plain text event"));

        Assert.Equal(
            $$"""pri=132 host={{Environment.MachineName}} app=sluice procid={{Environment.ProcessId}} msgid=ddos-test sd=[sflow@32473 attack="udp_amplification" target="192.0.2.7" bps="2000000" note="say \"hi\""] msg={"attack":"udp_amplification","target":"192.0.2.7","bps":2000000,"note":"say \"hi\""}""",
            structured);
        Assert.Equal($"pri=134 host={Environment.MachineName} app=sluice procid={Environment.ProcessId} msgid=ddos-test sd=- msg=plain text event", plain);
    }
}
