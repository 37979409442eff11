using Sluice.Engine.Persistence;
using Xunit;

namespace Sluice.Engine.Tests.Persistence;

public sealed class AtomicFileTests
{
    [Fact]
    public void WriteAllText_MissingDirectory_CreatesItAndTheFile()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf(Path.Combine("store", "definitions", "flows.json"));

        AtomicFile.WriteAllText(path, "{\"a\":1}");

        Assert.Equal("{\"a\":1}", File.ReadAllText(path));
        Assert.False(File.Exists(path + AtomicFile.TemporarySuffix));
    }

    [Fact]
    public void WriteAllText_ExistingFileAndLeftoverTemporary_ReplacesBothLeavingOnlyTheFile()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("flows.json");
        File.WriteAllText(path, "old");
        File.WriteAllText(path + AtomicFile.TemporarySuffix, "half of a write that crashed");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["flows.json"], Directory.GetFiles(folder.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_TemporaryCannotBeWritten_ThrowsAndOldFileIsUntouched()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("flows.json");
        File.WriteAllText(path, "old");
        // A directory where the temporary file goes: the write fails before the rename, even for root.
        Directory.CreateDirectory(path + AtomicFile.TemporarySuffix);

        var thrown = Record.Exception(() => AtomicFile.WriteAllText(path, "new"));

        Assert.True(thrown is IOException or UnauthorizedAccessException, thrown?.ToString());
        Assert.Equal("old", File.ReadAllText(path));
    }

    [Fact]
    public void WriteAllText_NonAsciiText_IsUtf8WithoutByteOrderMark()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("maps.json");

        AtomicFile.WriteAllText(path, "{\"café\":\"→\"}");

        Assert.Equal("{\"café\":\"→\"}"u8.ToArray(), File.ReadAllBytes(path));
    }
}
