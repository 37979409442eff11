using Sluice.Configuration;
using Sluice.Serve;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Sluice.Tests.Configuration;

public sealed class SflowRtPropertiesTests
{
    [Fact]
    public void Parse_DashDProperties_BecomeConfigurationKeysAndTheRestIsKept()
    {
        var (properties, others) = SflowRtProperties.Parse(["-Dhttp.port=8009", "-Dsflow.rcvpktsbuffer=4096000", "-Dhttp.readonly", "--demo"]);

        Assert.Equal("8009", properties["http:port"]);
        Assert.Equal("4096000", properties["sflow:rcvpktsbuffer"]);
        Assert.Equal("yes", properties["http:readonly"]);
        Assert.Equal(["--demo"], others);
    }

    [Fact]
    public void Parse_PropertyFiles_AreReadButCommandLineWins()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sluice-props-{Environment.ProcessId}.conf");
        File.WriteAllLines(file, ["# sFlow-RT style", "http.port=8100", "prometheus.type = yes", "", "! comment", "sflow.port=6400"]);
        try
        {
            var (properties, _) = SflowRtProperties.Parse([$"-Dsystem.propertyFiles={file}", "-Dhttp.port=8200"]);

            Assert.Equal("8200", properties["http:port"]);
            Assert.Equal("yes", properties["prometheus:type"]);
            Assert.Equal("6400", properties["sflow:port"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ServeSettings_FromProperties_MapsSflowRtNames()
    {
        var (properties, _) = SflowRtProperties.Parse([
            "-Dhttp.hostname=127.0.0.1", "-Dhttp.port=8009", "-Dhttp.readonly=yes", "-Dsflow.hostname=::1", "-Dsflow.port=6400",
            "-Dsflow.rcvpktsbuffer=8000000", "-Dsflow.file=x.pcap", "-Dprometheus.metric.prefix=rt_", "-Dprometheus.type=yes"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(properties).Build();

        var settings = ServeSettings.From(configuration);

        Assert.Equal("127.0.0.1", settings.HttpHostname);
        Assert.Equal(8009, settings.HttpPort);
        Assert.True(settings.HttpReadonly);
        Assert.Equal("::1", settings.Engine.SflowHostname);
        Assert.Equal(6400, settings.Engine.SflowPort);
        Assert.Equal(8_000_000, settings.Engine.ReceiveBufferBytes);
        Assert.Equal("x.pcap", settings.ReplayFile);
        Assert.Equal("rt_", settings.PrometheusPrefix);
        Assert.True(settings.PrometheusTypes);
    }

    [Fact]
    public void ServeSettings_ForwardingProperties_SetAllowListRateAndLimits()
    {
        var (properties, _) = SflowRtProperties.Parse([
            "-Dforwarding.allow=127.0.0.0/8, 10.0.0.0/8", "-Dforwarding.maxrate=500", "-Dforwarding.maxsessions=4", "-Dtenant.maxtenants=2"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(properties).Build();

        var forwarding = ServeSettings.From(configuration).Engine.Forwarding;

        Assert.Equal(["127.0.0.0/8", "10.0.0.0/8"], forwarding.Allow.Select(b => b.ToString()));
        Assert.True(forwarding.Allows(System.Net.IPAddress.Parse("10.0.0.30")));
        Assert.False(forwarding.Allows(System.Net.IPAddress.Parse("192.0.2.1")));
        Assert.Equal(500, forwarding.MaxDatagramsPerSecond);
        Assert.Equal(4, forwarding.MaxSessions);
        Assert.Equal(2, forwarding.MaxTenants);
    }

    [Fact]
    public void ServeSettings_MalformedAllowList_RefusesToStart()
    {
        var (properties, _) = SflowRtProperties.Parse(["-Dforwarding.allow=127.0.0.0/8,everything"]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(properties).Build();

        var error = Assert.Throws<FormatException>(() => ServeSettings.From(configuration));
        Assert.Contains("everything", error.Message, StringComparison.Ordinal);
    }
}
