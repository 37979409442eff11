namespace Sluice.Sflow.Tests.Packets;

/// <summary>Finds the shared sFlow captures: <c>../shared/testdata/sflow</c> beside the repository, or <c>$SLUICE_SHARED/testdata/sflow</c>.</summary>
internal static class PacketTestData
{
    public static string SflowDirectory()
    {
        var tried = new List<string>();
        var root = FindRepositoryRoot();
        if (root is not null)
        {
            var candidate = Path.GetFullPath(Path.Combine(root, "..", "shared", "testdata", "sflow"));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            tried.Add(candidate);
        }

        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            var candidate = Path.GetFullPath(Path.Combine(shared, "testdata", "sflow"));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            tried.Add(candidate);
        }

        // Missing captures must fail the run, never skip it silently.
        throw new DirectoryNotFoundException(
            $"sFlow test captures not found (tried: {string.Join(", ", tried)}); set SLUICE_SHARED to the shared folder.");
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
