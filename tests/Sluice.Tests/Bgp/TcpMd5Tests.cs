using Microsoft.Extensions.DependencyInjection;
using Sluice.Engine.Bgp;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Bgp;

/// <summary><c>bgp.password</c>: TCP MD5 signatures (RFC 2385) against FRR, which supports them on loopback.</summary>
public sealed class TcpMd5Tests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Session_SamePasswordBothSides_IsEstablished()
    {
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:neighbors", "127.0.0.6"), ("bgp:password", "md5-s3cret"));
        var bgp = host.Services.GetRequiredService<BgpService>();
        await using var router = new FrrRouter("127.0.0.6", "md5-s3cret");

        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);

        await Eventually.UntilAsync(
            () => Task.FromResult(bgp.Neighbor("127.0.0.6")!.State == BgpSessionState.Established),
            Wait,
            () => Task.FromResult($"no session: {bgp.Neighbor("127.0.0.6")}\n{router.Log}"));
    }

    [Fact]
    public async Task Session_RouterWithoutPassword_UnsignedSynDroppedByTheKernel()
    {
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:neighbors", "127.0.0.7"), ("bgp:password", "md5-s3cret"));
        var bgp = host.Services.GetRequiredService<BgpService>();
        await using var router = new FrrRouter("127.0.0.7");
        var before = Md5Counter("TCPMD5NotFound");

        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);

        // The kernel counts a segment from a keyed peer that carries no signature, and drops it before accept.
        await Eventually.UntilAsync(() => Task.FromResult(Md5Counter("TCPMD5NotFound") > before), Wait, () => Task.FromResult($"no unsigned segment counted\n{router.Log}"));
        Assert.NotEqual(BgpSessionState.Established, bgp.Neighbor("127.0.0.7")!.State);
        Assert.Equal(0, bgp.RejectedConnections);
    }

    [Fact]
    public async Task Session_OnlyTheRouterHasAPassword_SignedSynDroppedSoTheKeyedCaseReallySigns()
    {
        await using var host = await ServeTestHost.StartAsync(
            ("bgp:start", "yes"), ("bgp:hostname", "127.0.0.1"), ("bgp:port", "0"), ("bgp:neighbors", "127.0.0.9"));
        var bgp = host.Services.GetRequiredService<BgpService>();
        await using var router = new FrrRouter("127.0.0.9", "md5-s3cret");
        var before = Md5Counter("TCPMD5Unexpected");

        await router.StartAsync(bgp.LocalEndPoint!.Port, 65000);

        // Without Sluice's key the kernel drops FRR's signed SYN: the established session above needed both keys.
        await Eventually.UntilAsync(() => Task.FromResult(Md5Counter("TCPMD5Unexpected") > before), Wait, () => Task.FromResult($"no signed segment counted\n{router.Log}"));
        Assert.NotEqual(BgpSessionState.Established, bgp.Neighbor("127.0.0.9")!.State);
    }

    [Fact]
    public async Task AddNeighbor_PasswordOverEightyBytes_IsRefused()
    {
        await using var bgp = new BgpService(new BgpServiceOptions());

        Assert.Throws<ArgumentException>(() => bgp.AddNeighbor(new BgpNeighborOptions
        {
            Address = System.Net.IPAddress.Parse("127.0.0.8"),
            LocalAs = 65000,
            Md5Password = new string('k', 81),
        }));
        Assert.Empty(bgp.Neighbors());
    }

    /// <summary>
    /// A TcpExt counter from /proc/net/netstat: TCPMD5NotFound counts segments without the signature their peer's key
    /// requires, TCPMD5Unexpected signed segments from a peer without a key.
    /// </summary>
    private static long Md5Counter(string name)
    {
        var lines = File.ReadAllLines("/proc/net/netstat").Where(l => l.StartsWith("TcpExt:", StringComparison.Ordinal)).ToArray();
        var names = lines[0].Split(' ');
        var values = lines[1].Split(' ');
        return long.Parse(values[Array.IndexOf(names, name)], System.Globalization.CultureInfo.InvariantCulture);
    }
}
