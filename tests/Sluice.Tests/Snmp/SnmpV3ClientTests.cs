using Sluice.Engine.Enrichment.Snmp;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Snmp;

/// <summary>The SNMPv3 (USM) client against a real snmpd on loopback whose users were made with createUser.</summary>
public sealed class SnmpV3ClientTests
{
    private static readonly SnmpOid SysName = SnmpOid.Parse("1.3.6.1.2.1.1.5.0");
    private static readonly SnmpOid IfName = SnmpOid.Parse("1.3.6.1.2.1.31.1.1.1.1");

    public static TheoryData<string> Users => [.. SnmpdAgent.V3Users.Select(u => u.Name)];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task GetAsync_V3User_ReturnsSysNameAndIfName(string name)
    {
        var user = SnmpdAgent.V3Users.Single(u => u.Name == name);
        await using var snmpd = await SnmpdAgent.StartAsync();
        // One attempt with a generous wait: a retransmission under load would bring a second, legitimately dropped reply.
        using var client = new SnmpClient(user, TimeSpan.FromSeconds(5), 0);

        var reply = await client.GetAsync(snmpd.EndPoint, [SysName, IfName.Append(3)], TestContext.Current.CancellationToken);
        var again = await client.GetNextAsync(snmpd.EndPoint, [IfName.Append(3)], TestContext.Current.CancellationToken);

        Assert.Equal(BerTag.Response, reply.PduType);
        Assert.Equal(0, reply.ErrorStatus);
        Assert.Equal([SnmpdAgent.SysName, "ge-0/0/3"], reply.VarBinds.Select(b => b.Value.Text));
        Assert.Equal(IfName.Append(10), again.VarBinds[0].Oid);
        Assert.Equal("xe-0/1/0", again.VarBinds[0].Value.Text);
        Assert.Equal(0, client.Dropped);
    }

    [Fact]
    public async Task GetAsync_WrongAuthPassword_ReportsWrongDigests()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient(new SnmpV3User("authsha", SnmpAuthProtocol.Sha, "not-the-password"), TimeSpan.FromSeconds(1), 0);

        var error = await Assert.ThrowsAsync<SnmpReportException>(() => client.GetAsync(snmpd.EndPoint, [SysName], TestContext.Current.CancellationToken));

        Assert.Contains("usmStatsWrongDigests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_UnknownUser_ReportsUnknownUserNames()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient(new SnmpV3User("nobody", SnmpAuthProtocol.Md5, "auth-pass-1"), TimeSpan.FromSeconds(1), 0);

        var error = await Assert.ThrowsAsync<SnmpReportException>(() => client.GetAsync(snmpd.EndPoint, [SysName], TestContext.Current.CancellationToken));

        Assert.Contains("usmStatsUnknownUserNames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WrongPrivPassword_GetsNoUsableReply()
    {
        await using var snmpd = await SnmpdAgent.StartAsync();
        using var client = new SnmpClient(
            new SnmpV3User("privshaaes", SnmpAuthProtocol.Sha, "auth-pass-5", SnmpPrivProtocol.Aes, "wrong-priv-pass"), TimeSpan.FromMilliseconds(500), 0);

        // snmpd cannot decrypt what the wrong key encrypted: it answers with a decryptionErrors report (or, for some
        // versions, not at all); either way no names come back.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(snmpd.EndPoint, [SysName], TestContext.Current.CancellationToken));

        Assert.True(error is SnmpReportException or TimeoutException, error.ToString());
    }

    [Fact]
    public async Task GetAsync_SilentAgent_TimesOutInsteadOfDiscovering()
    {
        using var client = new SnmpClient(SnmpdAgent.V3Users[0], TimeSpan.FromMilliseconds(200), 1);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            client.GetAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("127.0.0.2"), 9), [SysName], TestContext.Current.CancellationToken));
    }
}
