using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Engine.Persistence;
using Sluice.Tests.Apps;
using Sluice.Tests.Serve;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Persistence;

/// <summary>
/// Issue 11 item 6: what is defined over REST survives a restart of <c>sluice serve</c> (the same <c>store.dir</c>),
/// what apps define does not, and a damaged store is set aside without stopping the server.
/// </summary>
public sealed class DefinitionRestoreServiceTests : IDisposable
{
    private static readonly (string, string, uint)[] Packets =
    [
        ("10.0.0.1", "192.0.2.9", 1000), ("10.0.0.1", "192.0.2.9", 1000), ("10.0.0.1", "192.0.2.9", 1000),
    ];

    /// <summary>Every listing a restart must bring back as it was (statistics included: no traffic yet).</summary>
    private static readonly string[] Listings =
    [
        "/group/json", "/map/json", "/flow/json", "/threshold/json", "/forwarding/json", "/forwarding/copy/json",
        "/tenant/json", "/tenant/customer/json",
    ];

    private readonly AppFolder _folder = new(new Dictionary<string, string>());

    private string Definitions => Path.Combine(_folder.PathOf("store"), "definitions");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Restart_EveryKindDefinedOverRest_SameJsonAndTheFlowCountsTraffic()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var forwarded = new UdpTestSocket();
        using var tenantCollector = new UdpTestSocket();
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var host = await StartAsync())
        {
            await PutAsync(host, "/group/site/json", """{"inside":["10.0.0.0/8"],"outside":["0.0.0.0/0"]}""");
            await PutAsync(host, "/map/ports/json", """{"dns":["53"],"web":["80","443"]}""");
            await PutAsync(host, "/flow/zones/json", """{"keys":"group:ipsource:site,map:udpdestinationport:ports","value":"bytes","t":600,"n":10}""");
            await PutAsync(host, "/threshold/busy/json", """{"metric":"zones","value":1000,"byFlow":true,"timeout":60}""");
            await PutAsync(host, "/forwarding/copy/json", $$"""{"address":"127.0.0.1","port":{{forwarded.Port}},"agents":["192.0.2.1"]}""");
            await PutAsync(host, "/tenant/customer/json", $$$"""{"collectorAddress":"127.0.0.1","collectorPort":{{{tenantCollector.Port}}},"filters":{"cidr":["10.0.0.0/8"]}}""");
            foreach (var path in Listings)
            {
                before[path] = await host.Http.GetStringAsync(path, cancel);
            }
        }

        await using var restarted = await StartAsync();

        foreach (var path in Listings)
        {
            Assert.Equal(before[path], await restarted.Http.GetStringAsync(path, cancel));
        }

        Assert.Contains("\"zones\"", before["/flow/json"], StringComparison.Ordinal);
        await restarted.SendAsync(Enumerable.Range(1, 5).Select(i => FlowDatagrams.Flows("192.0.2.1", (uint)i, 100, 3, Packets)));
        using var flows = JsonDocument.Parse(await restarted.Http.GetStringAsync("/activeflows/ALL/zones/json", cancel));
        var top = flows.RootElement.EnumerateArray().Single();
        Assert.Equal("inside,dns", top.GetProperty("key").GetString());
        Assert.True(top.GetProperty("value").GetDouble() > 0);
        Assert.NotNull(await forwarded.ReceiveAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(await tenantCollector.ReceiveAsync(TimeSpan.FromSeconds(10)));
        await Eventually.UntilAsync(
            async () => (await restarted.Http.GetStringAsync("/events/json?maxEvents=10", cancel)).Contains("\"busy\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            () => restarted.Http.GetStringAsync("/events/json", cancel));
    }

    [Fact]
    public async Task Restart_AfterDeleteOverRest_StaysDeleted()
    {
        await using (var host = await StartAsync())
        {
            await PutAsync(host, "/flow/kept/json", """{"keys":"ipsource","value":"bytes"}""");
            await PutAsync(host, "/flow/gone/json", """{"keys":"ipdestination","value":"bytes"}""");
            await PutAsync(host, "/group/gone/json", """{"a":["10.0.0.0/8"]}""");
            Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync("/flow/gone/json", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync("/group/gone/json", TestContext.Current.CancellationToken)).StatusCode);
        }

        await using var restarted = await StartAsync();

        Assert.Equal(["kept"], await NamesAsync(restarted, "/flow/json"));
        Assert.Empty(await NamesAsync(restarted, "/group/json"));
    }

    [Fact]
    public async Task Start_CorruptFlowsFile_SetAsideOtherKindsLoadAndNewFlowsAreStored()
    {
        Directory.CreateDirectory(Definitions);
        var flows = Path.Combine(Definitions, "flows.json");
        File.WriteAllText(flows, """{"pair":{"keys":"ipsource,ipdestination","value":"by""");
        File.WriteAllText(Path.Combine(Definitions, "thresholds.json"), """{"load":{"metric":"load_one","value":1}}""");

        await using (var host = await StartAsync())
        {
            Assert.Empty(await NamesAsync(host, "/flow/json"));
            Assert.Equal(["load"], await NamesAsync(host, "/threshold/json"));
            var aside = Assert.Single(Directory.GetFiles(Definitions, "flows.json.corrupt-*"));
            Assert.EndsWith("\"value\":\"by", File.ReadAllText(aside), StringComparison.Ordinal);
            await PutAsync(host, "/flow/fresh/json", """{"keys":"ipsource","value":"frames"}""");
        }

        await using var restarted = await StartAsync();

        Assert.Equal(["fresh"], await NamesAsync(restarted, "/flow/json"));
        Assert.Equal(["load"], await NamesAsync(restarted, "/threshold/json"));
    }

    [Fact]
    public async Task Start_LeftoverTemporaryFile_IgnoredAndTheStoredFlowLoads()
    {
        await using (var host = await StartAsync())
        {
            await PutAsync(host, "/flow/pair/json", """{"keys":"ipsource,ipdestination","value":"bytes"}""");
        }

        // What a crash between writing the temporary file and renaming it leaves behind.
        File.WriteAllText(Path.Combine(Definitions, "flows.json" + AtomicFile.TemporarySuffix), """{"pair":{"keys":"ipsource","val""");

        await using var restarted = await StartAsync();

        using var pair = JsonDocument.Parse(await restarted.Http.GetStringAsync("/flow/pair/json", TestContext.Current.CancellationToken));
        Assert.Equal("ipsource,ipdestination", pair.RootElement.GetProperty("keys").GetString());
        Assert.Empty(Directory.GetFiles(Definitions, "*.corrupt-*"));
    }

    [Fact]
    public async Task Start_DefinitionsThatNoLongerValidate_SkippedAndDroppedTheRestLoad()
    {
        Directory.CreateDirectory(Definitions);
        File.WriteAllText(Path.Combine(Definitions, "flows.json"), """
            {"bad":{"keys":"ipsorce","value":"bytes"},"good":{"keys":"ipsource","value":"bytes"},"odd":[1,2]}
            """);
        File.WriteAllText(Path.Combine(Definitions, "groups.json"), """{"bad":{"a":["10.0.0.0/99"]},"good":{"a":["10.0.0.0/8"]},"nulls":{"a":null}}""");
        File.WriteAllText(Path.Combine(Definitions, "forwarding.json"), """{"far":{"address":"10.1.2.3","port":6343},"near":{"address":"127.0.0.1","port":6343}}""");

        await using (var host = await StartAsync(("forwarding:allow", "127.0.0.0/8")))
        {
            Assert.Equal(["good"], await NamesAsync(host, "/flow/json"));
            Assert.Equal(["good"], await NamesAsync(host, "/group/json"));
            Assert.Equal(["near"], await NamesAsync(host, "/forwarding/json"));
        }

        // Dropped from the files too: the store holds what is defined, and the log holds what was skipped.
        Assert.Equal(["good"], NamesIn("flows.json"));
        Assert.Equal(["good"], NamesIn("groups.json"));
        Assert.Equal(["near"], NamesIn("forwarding.json"));
    }

    [Fact]
    public async Task Restart_DefinitionsMadeByAnApp_NotStoredOnlyTheRestOnes()
    {
        File.WriteAllText(AppScript(), """
            setGroups('appgroup', {a: ['10.0.0.0/8']});
            setMap('appmap', {a: ['1']});
            setFlow('appflow', {keys: 'ipsource', value: 'bytes'});
            setThreshold('appthreshold', {metric: 'appflow', value: 1});
            setForwarding('appforward', {address: '127.0.0.1', port: 6343});
            setTenant('apptenant', {collectorAddress: '127.0.0.1', collectorPort: 6343, filters: {cidr: ['10.0.0.0/8']}});
            """);
        await using (var host = await StartAsync())
        {
            await host.Services.GetAppHost().LoadedAsync();
            await PutAsync(host, "/flow/restflow/json", """{"keys":"ipdestination","value":"frames"}""");
            Assert.Equal(["appflow", "restflow"], await NamesAsync(host, "/flow/json"));
            Assert.Equal(["appthreshold"], await NamesAsync(host, "/threshold/json"));
            Assert.Equal(["appgroup"], await NamesAsync(host, "/group/json"));
            Assert.Equal(["appforward"], await NamesAsync(host, "/forwarding/json"));
        }

        File.Delete(AppScript());
        await using var restarted = await StartAsync();

        Assert.Equal(["restflow"], await NamesAsync(restarted, "/flow/json"));
        foreach (var path in new[] { "/threshold/json", "/group/json", "/map/json", "/forwarding/json", "/tenant/json" })
        {
            Assert.Empty(await NamesAsync(restarted, path));
        }

        Assert.Equal(["flows.json"], Directory.GetFiles(Definitions).Select(Path.GetFileName));
        Assert.DoesNotContain("app", File.ReadAllText(Path.Combine(Definitions, "flows.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_StoreDefinitionsNo_NothingWrittenOrRestored()
    {
        await using (var host = await StartAsync(("store:definitions", "no")))
        {
            await PutAsync(host, "/flow/pair/json", """{"keys":"ipsource","value":"bytes"}""");
        }

        await using var restarted = await StartAsync(("store:definitions", "no"));

        Assert.Empty(await NamesAsync(restarted, "/flow/json"));
        Assert.False(Directory.Exists(Definitions));
    }

    private string AppScript()
    {
        var path = _folder.PathOf(Path.Combine("app", "maker", "scripts", "make.js"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private Task<ServeTestHost> StartAsync(params (string, string)[] more) =>
        ServeTestHost.StartAsync(_folder.Properties([("store:definitions", "yes"), .. more]));

    private static async Task PutAsync(ServeTestHost host, string path, string json)
    {
        using var response = await host.Http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static async Task<List<string>> NamesAsync(ServeTestHost host, string path) =>
        [.. JsonNode.Parse(await host.Http.GetStringAsync(path, TestContext.Current.CancellationToken))!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private List<string> NamesIn(string file) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Definitions, file)))!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
}
