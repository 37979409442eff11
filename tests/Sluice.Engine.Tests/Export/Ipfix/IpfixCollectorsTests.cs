using System.Net;
using Sluice.Engine.Export.Ipfix;
using Sluice.Engine.Flows;
using Xunit;

namespace Sluice.Engine.Tests.Export.Ipfix;

public sealed class IpfixCollectorsTests
{
    [Fact]
    public void Parse_AddressesWithAndWithoutPort_DefaultsTo4739()
    {
        var endpoints = IpfixCollectors.Parse(["127.0.0.1", "127.0.0.1:2055", "::1", "[::1]:9995"]);

        Assert.Equal(
            [new IPEndPoint(IPAddress.Loopback, 4739), new IPEndPoint(IPAddress.Loopback, 2055), new IPEndPoint(IPAddress.IPv6Loopback, 4739), new IPEndPoint(IPAddress.IPv6Loopback, 9995)],
            endpoints);
    }

    [Theory]
    [InlineData("collector.example")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("")]
    public void Parse_NotAnAddress_ThrowsNamingIt(string text)
    {
        var error = Assert.Throws<FlowSyntaxException>(() => IpfixCollectors.Parse(["127.0.0.1", text]));

        Assert.Equal(text, error.Token);
        Assert.Equal(1, error.Position);
    }
}
