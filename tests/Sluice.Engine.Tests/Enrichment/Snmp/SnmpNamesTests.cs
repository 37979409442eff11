using System.Net;
using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Agents;
using Sluice.Engine.Enrichment.Snmp;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Enrichment.Snmp;

/// <summary>The background name lookups' schedule: an agent that never answers is asked again only after a doubling backoff.</summary>
public sealed class SnmpNamesTests
{
    [Fact]
    public async Task Scan_AgentNeverAnswers_AsksAgainOnlyAfterADoublingBackoff()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000));
        var agent = new AgentState(SflowAddress.FromIPAddress(IPAddress.Parse("127.0.0.2")), 0);
        agent.GetOrAddDataSource(0, 3, 10);
        var options = new SnmpOptions
        {
            Enabled = true,
            Port = 9, // discard: nothing answers SNMP there
            Timeout = TimeSpan.FromMilliseconds(50),
            Retries = 0,
            Backoff = TimeSpan.FromSeconds(30),
            ScanInterval = TimeSpan.FromDays(1), // only the first pass and the test's own Scan calls
        };
        await using var names = new SnmpNames(options, () => [agent], time);

        names.Start();
        await UntilAsync(() => names.Timeouts == 1);
        var duringBackoff = names.Scan();
        time.Advance(TimeSpan.FromSeconds(31));
        var afterBackoff = names.Scan();
        await UntilAsync(() => names.Timeouts == 2);
        time.Advance(TimeSpan.FromSeconds(31));
        var duringDoubledBackoff = names.Scan();
        time.Advance(TimeSpan.FromSeconds(30));
        var afterDoubledBackoff = names.Scan();

        Assert.Equal([0, 1, 0, 1], new[] { duringBackoff, afterBackoff, duringDoubledBackoff, afterDoubledBackoff });
        Assert.Null(names.HostName("127.0.0.2"));
        Assert.Null(names.IfName("127.0.0.2", 3));
        Assert.Equal(0, names.Replies);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
