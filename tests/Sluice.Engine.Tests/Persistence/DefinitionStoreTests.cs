using System.Text.Json.Nodes;
using Sluice.Engine.Persistence;
using Xunit;

namespace Sluice.Engine.Tests.Persistence;

public sealed class DefinitionStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Set_EveryKind_OneFilePerKindThatANewStoreLoads()
    {
        var directory = _folder.PathOf("definitions");
        var store = new DefinitionStore(directory, _warnings.Add);
        foreach (var kind in Enum.GetValues<DefinitionKind>())
        {
            store.Set(kind, "x", new JsonObject { ["kind"] = kind.ToString() });
        }

        await store.FlushAsync();
        var again = new DefinitionStore(directory, _warnings.Add);

        Assert.Equal(
            ["flows.json", "forwarding.json", "groups.json", "maps.json", "tenants.json", "thresholds.json"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var kind in Enum.GetValues<DefinitionKind>())
        {
            Assert.Equal(kind.ToString(), again.Load(kind).Single().Value["kind"]!.GetValue<string>());
        }

        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task Remove_OneKind_LeavesTheSameNameOfOtherKinds()
    {
        var store = new DefinitionStore(_folder.Root, _warnings.Add);
        store.Set(DefinitionKind.Flows, "x", new JsonObject());
        store.Set(DefinitionKind.Thresholds, "x", new JsonObject());

        store.Remove(DefinitionKind.Flows, "x");
        await store.FlushAsync();
        var again = new DefinitionStore(_folder.Root, _warnings.Add);

        Assert.Empty(again.Load(DefinitionKind.Flows));
        Assert.Single(again.Load(DefinitionKind.Thresholds));
    }

    [Fact]
    public async Task Off_SetAndLoad_KeepsNothingAndWritesNothing()
    {
        var store = DefinitionStore.Off;

        store.Set(DefinitionKind.Flows, "x", new JsonObject());
        store.Remove(DefinitionKind.Groups, "y");
        await store.FlushAsync();

        Assert.False(store.Enabled);
        Assert.Null(store.Directory);
        Assert.Empty(store.Load(DefinitionKind.Flows));
    }

    [Fact]
    public void FileName_EveryKind_DistinctJsonFile()
    {
        var names = Enum.GetValues<DefinitionKind>().Select(DefinitionStore.FileName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.EndsWith(".json", n, StringComparison.Ordinal));
    }
}
