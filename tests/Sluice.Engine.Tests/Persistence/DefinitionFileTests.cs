using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Sluice.Engine.Persistence;
using Xunit;

namespace Sluice.Engine.Tests.Persistence;

public sealed class DefinitionFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly List<string> _warnings = [];

    private string FlowsPath => _folder.PathOf("flows.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_NoFile_NothingAndNoWarning()
    {
        var file = NewFile();

        Assert.Empty(file.Load());
        Assert.Empty(_warnings);
        Assert.False(File.Exists(FlowsPath));
    }

    [Fact]
    public async Task SetAndFlush_AnotherInstanceLoads_TheSameDefinitionsInNameOrder()
    {
        var file = NewFile();
        file.Set("b", JsonNode.Parse("""{"keys":"ipsource","value":"bytes","t":5}""")!);
        file.Set("a", JsonNode.Parse("""{"keys":"ipdestination","value":"frames","filter":"ipprotocol=17"}""")!);

        await file.FlushAsync();
        var loaded = NewFile().Load();

        Assert.Equal(["a", "b"], loaded.Select(p => p.Key));
        Assert.Equal("""{"keys":"ipdestination","value":"frames","filter":"ipprotocol=17"}""", loaded[0].Value.ToJsonString());
        Assert.Equal("""{"keys":"ipsource","value":"bytes","t":5}""", loaded[1].Value.ToJsonString());
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task Set_CallerChangesItsNodeAfterwards_KeptCopyIsUnchanged()
    {
        var file = NewFile();
        var definition = new JsonObject { ["value"] = "bytes" };

        file.Set("a", definition);
        definition["value"] = "frames";
        await file.FlushAsync();

        Assert.Equal("""{"value":"bytes"}""", NewFile().Load().Single().Value.ToJsonString());
    }

    [Fact]
    public async Task Remove_KeptName_GoneFromTheFile()
    {
        var file = NewFile();
        file.Set("a", new JsonObject { ["value"] = "bytes" });
        file.Set("b", new JsonObject { ["value"] = "frames" });

        var removed = file.Remove("a");
        await file.FlushAsync();

        Assert.True(removed);
        Assert.Equal(["b"], NewFile().Load().Select(p => p.Key));
        Assert.Equal(1, file.Count);
    }

    [Fact]
    public async Task Remove_UnknownName_FalseAndNoFileWritten()
    {
        var file = NewFile();

        var removed = file.Remove("nothing");
        await file.FlushAsync();

        Assert.False(removed);
        Assert.False(File.Exists(FlowsPath));
    }

    [Fact]
    public async Task Set_ThousandsFromManyThreads_FileHoldsEveryOneAfterFlush()
    {
        var file = NewFile();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                file.Set($"flow-{t}-{i}", new JsonObject { ["value"] = "bytes", ["n"] = i });
            }
        }, TestContext.Current.CancellationToken)));
        await file.FlushAsync();

        var loaded = NewFile().Load();
        Assert.Equal(4000, loaded.Count);
        Assert.Equal(499, loaded.Single(p => p.Key == "flow-7-499").Value["n"]!.GetValue<int>());
        Assert.False(File.Exists(FlowsPath + AtomicFile.TemporarySuffix));
    }

    [Theory]
    [InlineData("{\"a\": {\"value\": \"bytes\"")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    [InlineData("\u0000\u0001 not json")]
    public void Load_CorruptFile_SetAsideWithTimestampWarnedAndEmpty(string content)
    {
        File.WriteAllText(FlowsPath, content);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 20, 30, 0, 123, TimeSpan.Zero));

        var loaded = NewFile(time).Load();

        Assert.Empty(loaded);
        Assert.False(File.Exists(FlowsPath));
        var aside = FlowsPath + ".corrupt-20261126T203000123Z";
        Assert.Equal(content, File.ReadAllText(aside));
        Assert.Contains(_warnings, w => w.Contains(aside, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_CorruptFileSetAside_NextChangeWritesAFreshFile()
    {
        File.WriteAllText(FlowsPath, "garbage");
        var file = NewFile();
        file.Load();

        file.Set("a", new JsonObject { ["value"] = "bytes" });
        await file.FlushAsync();

        Assert.Equal(["a"], NewFile().Load().Select(p => p.Key));
        Assert.Single(Directory.GetFiles(_folder.Root, "flows.json.corrupt-*"));
    }

    [Fact]
    public void Load_LeftoverTemporaryFromACrash_IgnoredAndTheFileLoads()
    {
        File.WriteAllText(FlowsPath, """{"a":{"value":"bytes"}}""");
        File.WriteAllText(FlowsPath + AtomicFile.TemporarySuffix, """{"a":{"value":"fra""");

        var loaded = NewFile().Load();

        Assert.Equal("""{"value":"bytes"}""", loaded.Single().Value.ToJsonString());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Load_NullDefinition_SkippedWithWarningOthersLoad()
    {
        File.WriteAllText(FlowsPath, """{"a":null,"b":{"value":"bytes"}}""");

        var loaded = NewFile().Load();

        Assert.Equal(["b"], loaded.Select(p => p.Key));
        Assert.Contains(_warnings, w => w.Contains("'a'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Set_DirectoryCannotBeCreated_WarnsAndALaterChangeWritesEverything()
    {
        var blocker = _folder.PathOf("store");
        File.WriteAllText(blocker, "a file where the directory should be");
        var path = Path.Combine(blocker, "flows.json");
        var file = new DefinitionFile(path, _warnings.Add);

        file.Set("a", new JsonObject { ["value"] = "bytes" });
        await file.FlushAsync();
        Assert.Contains(_warnings, w => w.Contains("not saved", StringComparison.Ordinal));

        File.Delete(blocker);
        file.Set("b", new JsonObject { ["value"] = "frames" });
        await file.FlushAsync();

        Assert.Equal(["a", "b"], new DefinitionFile(path, _warnings.Add).Load().Select(p => p.Key));
    }

    [Fact]
    public async Task File_AfterWrites_IsAnIndentedJsonObjectOfTheDefinitions()
    {
        var file = NewFile();
        file.Set("a", new JsonObject { ["value"] = "bytes" });
        await file.FlushAsync();

        var text = File.ReadAllText(FlowsPath);

        Assert.Equal("{\n  \"a\": {\n    \"value\": \"bytes\"\n  }\n}", text.ReplaceLineEndings("\n"));
    }

    private DefinitionFile NewFile(TimeProvider? time = null) => new(FlowsPath, _warnings.Add, time);
}
