namespace Sluice.Sflow.Tests.Pcap;

/// <summary>
/// Finds shared/testdata/sflow: $SLUICE_SHARED first (the shared folder itself), else ../shared next to the folder
/// holding Sluice.slnx. Missing data throws, so the tests that need it fail rather than skip.
/// </summary>
internal static class PcapTestData
{
    private static readonly Lazy<string> Location = new(Locate);

    public static string SflowDirectory => Location.Value;

    public static string SflowFile(string name) => Path.Combine(SflowDirectory, name);

    private static string Locate()
    {
        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            var fromEnvironment = Path.Combine(shared, "testdata", "sflow");
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"SLUICE_SHARED={shared} but {fromEnvironment} does not exist");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata", "sflow"));
                return Directory.Exists(candidate)
                    ? candidate
                    : throw new DirectoryNotFoundException($"test data not found at {candidate}; set SLUICE_SHARED to the shared folder");
            }
        }

        throw new DirectoryNotFoundException(
            $"no Sluice.slnx above {AppContext.BaseDirectory}; set SLUICE_SHARED to the shared folder");
    }
}
