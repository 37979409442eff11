using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary><c>sflow.allow</c>: datagrams from UDP sources outside the list are counted as rejected and never decoded.</summary>
public sealed class SourceAllowListTests
{
    [Fact]
    public async Task Receive_SourceOutsideAllowList_CountedAsRejectedAndNotDecoded()
    {
        await using var host = await ServeTestHost.StartAsync(("sflow:allow", "127.0.0.2/32, 2001:db8::/32"));
        var port = host.Engine.Receiver!.LocalEndPoint.Port;
        var datagram = FlowDatagrams.Flows("10.0.0.1", 1, 100, 3, ("10.1.1.1", "10.2.2.2", 1000));

        // 127.0.0.1 is not allowed, even though the datagram claims agent 10.0.0.1; 127.0.0.2 is.
        await SendFromAsync(IPAddress.Loopback, port, datagram, 3);
        await WaitAsync(() => host.Engine.Receiver.Rejected == 3);
        await SendFromAsync(IPAddress.Parse("127.0.0.2"), port, FlowDatagrams.Flows("10.0.0.2", 1, 100, 3, ("10.1.1.1", "10.2.2.2", 1000)), 1);
        await WaitAsync(() => host.Engine.ShardStatistics.Sum(s => s.Decoded) == 1);

        using var analyzer = JsonDocument.Parse(await host.Http.GetStringAsync(new Uri("/analyzer/json", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal(3, analyzer.RootElement.GetProperty("sFlowDatagramsRejected").GetInt64());
        Assert.Equal(1, analyzer.RootElement.GetProperty("sFlowDatagramsReceived").GetInt64());
        Assert.Equal(["10.0.0.2"], host.Engine.Agents.Select(a => a.Name));
    }

    [Fact]
    public async Task Receive_NoAllowList_AcceptsEverySource()
    {
        await using var host = await ServeTestHost.StartAsync();

        await host.SendAsync([FlowDatagrams.Flows("10.0.0.1", 1, 100, 3, ("10.1.1.1", "10.2.2.2", 1000))]);

        Assert.Equal(0, host.Engine.Receiver!.Rejected);
        Assert.Single(host.Engine.Agents);
    }

    [Fact]
    public void Build_AllowListEntryNotAPrefix_RefusesToStart()
    {
        var properties = new Dictionary<string, string?> { ["http:port"] = "0", ["sflow:port"] = "0", ["sflow:allow"] = "10.0.0.0/8,10.1" };

        var error = Assert.Throws<FormatException>(() => Sluice.Serve.ServeHost.Build(properties));

        Assert.Equal("sflow.allow: '10.1' is not an IP prefix", error.Message);
    }

    private static async Task SendFromAsync(IPAddress source, int port, byte[] datagram, int count)
    {
        using var udp = new UdpClient(new IPEndPoint(source, 0));
        for (var i = 0; i < count; i++)
        {
            await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, port), TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the receiver");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
