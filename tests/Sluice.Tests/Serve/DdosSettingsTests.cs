using System.Net;
using Microsoft.Extensions.Configuration;
using Sluice.Engine.Ddos;
using Sluice.Engine.Flows;
using Sluice.Serve;
using Xunit;

namespace Sluice.Tests.Serve;

public sealed class DdosSettingsTests
{
    [Theory]
    [InlineData("10.0.0.1", "local")]
    [InlineData("10.200.3.4", "local")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("203.0.113.9", "external")]
    public void From_LocalGroupEqualToBuiltInPrivate_LocalGroupWins(string address, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ddos_protect:group:local"] = "10.0.0.0/8" })
            .Build();
        var groups = new FlowGroups();

        groups.SetGroups(DdosProtect.GroupSetName, DdosSettings.From(configuration).Groups);

        Assert.True(groups.TryGetGroup(DdosProtect.GroupSetName, IPAddress.Parse(address).GetAddressBytes(), out var label));
        Assert.Equal(expected, label);
    }

    [Fact]
    public void From_EmptyGroupProperty_RemovesTheBuiltInGroup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ddos_protect:group:private"] = string.Empty })
            .Build();

        var groups = DdosSettings.From(configuration).Groups;

        Assert.Equal(["external", "multicast"], groups.Keys.Order(StringComparer.Ordinal));
    }
}
