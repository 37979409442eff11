using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Sluice.Tests.Serve;

/// <summary>Groups and maps over REST (sflow-rt-api.md §1.5), and the <c>group:</c>/<c>map:</c> key functions using them.</summary>
public sealed class GroupEndpointsTests
{
    [Fact]
    public async Task GroupsAndMaps_PutGetDelete_RoundTrip()
    {
        await using var host = await ServeTestHost.StartAsync();
        var cancel = TestContext.Current.CancellationToken;

        using var put = await host.Http.PutAsJsonAsync("/group/site/json", new Dictionary<string, string[]> { ["private"] = ["10.0.0.0/8"], ["external"] = ["0.0.0.0/0"] }, cancel);
        using var bad = await host.Http.PutAsJsonAsync("/group/bad/json", new Dictionary<string, string[]> { ["x"] = ["10.0.0.0/99"] }, cancel);
        using var map = await host.Http.PutAsJsonAsync("/map/ports/json", new Dictionary<string, string[]> { ["web"] = ["80", "443"] }, cancel);
        using var group = JsonDocument.Parse(await host.Http.GetStringAsync("/group/site/json", cancel));
        using var all = JsonDocument.Parse(await host.Http.GetStringAsync("/map/json", cancel));
        using var deleted = await host.Http.DeleteAsync("/group/site/json", cancel);
        using var again = await host.Http.DeleteAsync("/group/site/json", cancel);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, map.StatusCode);
        Assert.Equal("10.0.0.0/8", group.RootElement.GetProperty("private")[0].GetString());
        Assert.Equal("443", all.RootElement.GetProperty("ports").GetProperty("web")[1].GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task ActiveFlows_GroupAndMapKeys_LabelDemoTraffic()
    {
        await using var host = await ServeTestHost.StartAsync(("demo", "yes"));
        var cancel = TestContext.Current.CancellationToken;
        (await host.Http.PutAsJsonAsync("/group/site/json", new Dictionary<string, string[]> { ["inside"] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], ["outside"] = ["0.0.0.0/0"] }, cancel)).Dispose();
        (await host.Http.PutAsJsonAsync("/map/ports/json", new Dictionary<string, string[]> { ["web"] = ["80", "443"] }, cancel)).Dispose();
        (await host.Http.PutAsJsonAsync("/flow/zones/json", new { keys = "group:ipsource:site,null:[map:tcpdestinationport:ports]:other", value = "frames", t = 2 }, cancel)).Dispose();

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(keys.Contains("inside,web") && keys.Any(k => k.StartsWith("outside,", StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
        {
            using var flows = JsonDocument.Parse(await host.Http.GetStringAsync("/activeflows/ALL/zones/json?maxFlows=20", cancel));
            keys.UnionWith(flows.RootElement.EnumerateArray().Select(f => f.GetProperty("key").GetString()!));
            await Task.Delay(250, cancel);
        }

        Assert.Contains("inside,web", keys);
        Assert.Contains(keys, k => k.StartsWith("outside,", StringComparison.Ordinal));
        Assert.All(keys, k => Assert.Matches("^(inside|outside),(web|other)$", k));
    }
}
