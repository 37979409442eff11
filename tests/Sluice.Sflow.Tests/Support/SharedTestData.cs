using Sluice.Sflow.Pcap;
using Xunit;

namespace Sluice.Sflow.Tests.Support;

/// <summary>
/// The public captures in shared/testdata/sflow: <c>$SLUICE_SHARED</c> (the shared folder) when set, else
/// <c>../shared</c> beside the folder holding Sluice.slnx. Missing data throws, so tests fail rather than skip.
/// </summary>
internal static class SharedTestData
{
    private static readonly Lazy<string> Location = new(Locate);

    public static string SflowFolder => Location.Value;

    public static string SflowFile(string name) => Path.Combine(SflowFolder, name);

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

    private static string Locate()
    {
        var shared = Environment.GetEnvironmentVariable("SLUICE_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sluice.slnx")))
            {
                directory = directory.Parent;
            }

            if (directory is null)
            {
                throw new DirectoryNotFoundException("Sluice.slnx not found above " + AppContext.BaseDirectory);
            }

            shared = Path.Combine(directory.FullName, "..", "shared");
        }

        var folder = Path.GetFullPath(Path.Combine(shared, "testdata", "sflow"));
        return Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException($"sFlow test captures not found at {folder}; set SLUICE_SHARED to the shared folder.");
    }
}
