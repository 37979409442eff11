using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// Test data outside this project. The public captures: <c>$SLUICE_SHARED/testdata/sflow</c>, else
/// <c>../shared</c> beside the folder holding Sluice.slnx. sflowtool's <c>-g</c>, <c>-l</c> and <c>-L</c> outputs for
/// them: <c>tests/testdata/captures/public</c> in the repository (override: <c>$SLUICE_SFLOWTOOL_REFERENCES</c>).
/// Missing data throws, so tests fail rather than skip.
/// </summary>
internal static class SharedTestData
{
    private static readonly Lazy<string> Root = new(LocateRepository);
    private static readonly Lazy<string> Sflow = new(LocateSflow);
    private static readonly Lazy<string> References = new(LocateReferences);

    public static string RepositoryRoot => Root.Value;

    public static string SflowFolder => Sflow.Value;

    public static string ReferenceFolder => References.Value;

    public static string SflowFile(string name) => Path.Combine(SflowFolder, name);

    public static string ReferenceFile(string name) => Path.Combine(ReferenceFolder, name);

    /// <summary>Capture names (without <c>.pcap</c>), for theories that run once per capture.</summary>
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SflowFolder, "*.pcap").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    private static string LocateRepository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sluice.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string LocateSflow()
    {
        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            shared = Path.Combine(RepositoryRoot, "..", "shared");
        }

        var folder = Path.GetFullPath(Path.Combine(shared, "testdata", "sflow"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"sFlow test captures not found at {folder}; set SLUICE_SHARED to the shared folder.");
    }

    private static string LocateReferences()
    {
        var folder = Environment.GetEnvironmentVariable("SLUICE_SFLOWTOOL_REFERENCES");
        if (string.IsNullOrEmpty(folder))
        {
            folder = Path.Combine(RepositoryRoot, "tests", "testdata", "captures", "public");
        }

        folder = Path.GetFullPath(folder);
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"sflowtool reference outputs not found at {folder}; set SLUICE_SFLOWTOOL_REFERENCES.");
    }
}
