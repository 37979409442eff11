using System.Net;
using Sluice.Engine.Forwarding;
using Xunit;

namespace Sluice.Engine.Tests.Forwarding;

public sealed class ForwardingSessionsTests
{
    [Fact]
    public void Set_SeedSessions_ListedByNameWithDefaultPort()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());

        hub.Sessions.Set("SessionA", new ForwardingSpec { Address = "127.0.0.30" });
        hub.Sessions.Set("SessionB", new ForwardingSpec { Address = "127.0.0.30", Port = 7343 });
        hub.Sessions.Set("SessionC", new ForwardingSpec { Address = "127.0.0.30", Port = 8343, Agents = ["10.0.0.254"] });

        Assert.Equal(["SessionA", "SessionB", "SessionC"], hub.Sessions.All.Select(s => s.Name));
        Assert.Equal(6343, hub.Sessions.Get("SessionA")!.Spec.Port);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.30"), 8343), hub.Sessions.Get("SessionC")!.Channel.Target.EndPoint);
        Assert.True(hub.Sessions.Remove("SessionB"));
        Assert.False(hub.Sessions.Remove("SessionB"));
        Assert.Equal(["SessionA", "SessionC"], hub.Sessions.All.Select(s => s.Name));
    }

    [Theory]
    [InlineData("collector.example")]
    [InlineData("")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("239.1.1.1")]
    [InlineData("ff02::1")]
    public void Set_NotAUnicastLiteral_ThrowsFormatException(string address)
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());

        Assert.Throws<FormatException>(() => hub.Sessions.Set("s", new ForwardingSpec { Address = address }));
        Assert.Empty(hub.Sessions.All);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Set_PortOutOfRange_ThrowsFormatException(int port)
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());

        var error = Assert.Throws<FormatException>(() => hub.Sessions.Set("s", new ForwardingSpec { Address = "127.0.0.1", Port = port }));
        Assert.Contains("port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_BadAgent_ThrowsFormatExceptionNamingIt()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions());

        var error = Assert.Throws<FormatException>(() => hub.Sessions.Set("s", new ForwardingSpec { Address = "127.0.0.1", Agents = ["switch1"] }));
        Assert.Contains("switch1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_OutsideAllowList_ThrowsDeniedAndKeepsNothing()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions { Allow = [AddressBlock.Parse("127.0.0.0/8")] });

        var error = Assert.Throws<ForwardingDeniedException>(() => hub.Sessions.Set("s", new ForwardingSpec { Address = "10.0.0.30" }));
        Assert.Contains("forwarding.allow=127.0.0.0/8", error.Message, StringComparison.Ordinal);
        Assert.Empty(hub.Sessions.All);
        hub.Sessions.Set("s", new ForwardingSpec { Address = "127.0.0.30" });
        Assert.Single(hub.Sessions.All);
    }

    [Fact]
    public void Set_BeyondMaxSessions_ThrowsDeniedButReplacesExisting()
    {
        using var hub = ForwardingHub.Standalone(new ForwardingOptions { MaxSessions = 2 });
        hub.Sessions.Set("a", new ForwardingSpec { Address = "127.0.0.1", Port = 1001 });
        hub.Sessions.Set("b", new ForwardingSpec { Address = "127.0.0.1", Port = 1002 });

        Assert.Throws<ForwardingDeniedException>(() => hub.Sessions.Set("c", new ForwardingSpec { Address = "127.0.0.1", Port = 1003 }));
        hub.Sessions.Set("b", new ForwardingSpec { Address = "127.0.0.1", Port = 1004 });

        Assert.Equal(1004, hub.Sessions.Get("b")!.Spec.Port);
        Assert.Equal(2, hub.Sessions.All.Count);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("0.0.0.0", "127.0.0.5", true)]
    [InlineData("::", "::1", true)]
    public void Set_EnginesOwnSflowPort_ThrowsFormatException(string bound, string target, bool loops)
    {
        var local = new IPEndPoint(IPAddress.Parse(bound), 16343);
        using var hub = new ForwardingHub(new ForwardingOptions(), 1, () => local, (_, _) => null);

        void Set() => hub.Sessions.Set("loop", new ForwardingSpec { Address = target, Port = 16343 });

        if (loops)
        {
            Assert.Contains("loop", Assert.Throws<FormatException>(Set).Message, StringComparison.Ordinal);
        }
        else
        {
            Set();
            Assert.Single(hub.Sessions.All);
        }
    }
}
