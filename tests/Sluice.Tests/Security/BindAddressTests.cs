using System.Net;
using System.Net.Sockets;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary><c>http.hostname</c>, <c>sflow.hostname</c> and <c>bgp.hostname</c> bind each listener to that one address only.</summary>
public sealed class BindAddressTests
{
    [Fact]
    public async Task Listeners_HostnamesSet_BindThatAddressAndNoOther()
    {
        const string Address = "127.0.0.3";
        await using var host = await ServeTestHost.StartAsync(
            ("http:hostname", Address), ("sflow:hostname", Address), ("bgp:start", "yes"), ("bgp:hostname", Address), ("bgp:port", "0"));
        var bgp = host.Services.GetService(typeof(Engine.Bgp.BgpService)) as Engine.Bgp.BgpService;

        var http = new Uri(host.Http.BaseAddress!.ToString());
        Assert.Equal(Address, http.Host);
        Assert.Equal(IPAddress.Parse(Address), host.Engine.Receiver!.LocalEndPoint.Address);
        Assert.Equal(IPAddress.Parse(Address), bgp!.LocalEndPoint!.Address);

        // The same ports on 127.0.0.1 have no listener: the sockets are not bound to every address.
        Assert.False(await CanConnectAsync(IPAddress.Loopback, http.Port));
        Assert.False(await CanConnectAsync(IPAddress.Loopback, bgp.LocalEndPoint.Port));
        Assert.True(await CanConnectAsync(IPAddress.Parse(Address), http.Port));
    }

    private static async Task<bool> CanConnectAsync(IPAddress address, int port)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(address, port, TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
