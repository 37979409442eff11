using Xunit;

namespace Sluice.Sflow.Tests.Text;

/// <summary>Finds shared/testdata/sflow: $SLUICE_SHARED, else ../shared next to the folder holding Sluice.slnx.</summary>
internal static class TestData
{
    public static string SflowFolder
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
            if (string.IsNullOrEmpty(shared))
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
                {
                    dir = dir.Parent;
                }

                Assert.NotNull(dir);
                shared = Path.Combine(dir.FullName, "..", "shared");
            }

            var folder = Path.GetFullPath(Path.Combine(shared, "testdata", "sflow"));
            Assert.True(Directory.Exists(folder), $"sFlow test data folder missing: {folder}");
            return folder;
        }
    }

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SflowFolder, "*.pcap").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }
}
