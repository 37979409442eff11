using System.Net;
using Sluice.Engine.Enrichment.Snmp;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Snmp;

/// <summary>The SNMPv2c client against a real snmpd on loopback.</summary>
public sealed class SnmpClientTests
{
    private static readonly SnmpOid SysName = SnmpOid.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly SnmpOid IfName = SnmpOid.Parse("1.3.6.1.2.1.31.1.1.1.1");

    [Fact]
    public async Task GetAsync_SysNameAndIfNames_ReturnsWhatSnmpdServes()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient("public", TimeSpan.FromSeconds(1), 1);

        var reply = await client.GetAsync(snmpd.EndPoint, [SysName, IfName.Append(3), IfName.Append(1001), IfName.Append(7)], TestContext.Current.CancellationToken);

        Assert.Equal(BerTag.Response, reply.PduType);
        Assert.Equal(0, reply.ErrorStatus);
        Assert.Equal(SnmpdAgent.SysName, reply.VarBinds[0].Value.Text);
        Assert.Equal("ge-0/0/3", reply.VarBinds[1].Value.Text);
        Assert.Equal("port1001", reply.VarBinds[2].Value.Text);
        Assert.Equal(BerTag.NoSuchInstance, reply.VarBinds[3].Value.Tag);
    }

    [Fact]
    public async Task GetNextAsync_IfNameColumn_WalksInIfIndexOrder()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient("public", TimeSpan.FromSeconds(1), 1);
        var walked = new List<(uint, string?)>();
        var oid = IfName;
        while (true)
        {
            var reply = await client.GetNextAsync(snmpd.EndPoint, [oid], TestContext.Current.CancellationToken);
            var bind = reply.VarBinds[0];
            if (bind.Value.IsException || !bind.Oid.StartsWith(IfName))
            {
                break;
            }

            walked.Add((bind.Oid.Arcs[^1], bind.Value.Text));
            oid = bind.Oid;
        }

        Assert.Equal(SnmpdAgent.IfNames.Select(p => (p.Key, (string?)p.Value)).OrderBy(p => p.Key), walked);
    }

    [Fact]
    public async Task GetAsync_WrongCommunity_TimesOut()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient("not-public", TimeSpan.FromMilliseconds(200), 1);

        await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync(snmpd.EndPoint, [SysName], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAsync_NothingListening_TimesOutAfterRetries()
    {
        using var client = new SnmpClient("public", TimeSpan.FromMilliseconds(100), 2);

        await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 9), [SysName], TestContext.Current.CancellationToken));
    }
}
