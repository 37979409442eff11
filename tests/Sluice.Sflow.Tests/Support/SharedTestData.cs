using Sluice.Sflow.Pcap;
using Xunit;

namespace Sluice.Sflow.Tests.Support;

/// <summary>
/// The captures the tests read: the public ones in shared/testdata/sflow (<c>$SLUICE_SHARED</c>, the shared folder,
/// when set, else <c>../shared</c> beside the folder holding Sluice.slnx) and our own from real agents in
/// tests/testdata/captures. Missing data throws, so tests fail rather than skip.
/// </summary>
internal static class SharedTestData
{
    private static readonly Lazy<string> Location = new(Locate);

    public static string SflowFolder => Location.Value;

    /// <summary>tests/testdata/captures: OVS, pmacct and hsflowd captures made on this kind of machine.</summary>
    public static string OwnCapturesFolder => Path.Combine(RepositoryRoot(), "tests", "testdata", "captures");

    public static string SflowFile(string name) => Path.Combine(SflowFolder, name);

    /// <summary>Every capture name (without <c>.pcap</c>), public and our own, for theories that run once per capture.</summary>
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { SflowFolder, OwnCapturesFolder })
        {
            foreach (var file in Directory.GetFiles(folder, "*.pcap").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    /// <summary>The file <paramref name="name"/> + <paramref name="suffix"/> in whichever capture folder holds it.</summary>
    public static string CaptureFile(string name, string suffix)
    {
        var shared = Path.Combine(SflowFolder, name + suffix);
        return File.Exists(shared) ? shared : Path.Combine(OwnCapturesFolder, name + suffix);
    }

    /// <summary>Every UDP payload of a capture with its pcap timestamp (like sflowtool, whatever the port).</summary>
    public static List<CapturedDatagram> ReadDatagrams(string path)
    {
        using var reader = new PcapUdpReader(File.OpenRead(path));
        var datagrams = new List<CapturedDatagram>();
        while (reader.TryRead(out var datagram))
        {
            var micros = (int)(datagram.TimestampNs % 1_000_000_000 / 1000);
            datagrams.Add(new CapturedDatagram(datagram.TimestampNs / 1_000_000_000, micros, datagram.Payload.ToArray()));
        }

        return datagrams;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Sluice.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string Locate()
    {
        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            shared = Path.Combine(RepositoryRoot(), "..", "shared");
        }

        var folder = Path.GetFullPath(Path.Combine(shared, "testdata", "sflow"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"sFlow test captures not found at {folder}; set SLUICE_SHARED to the shared folder.");
    }
}
