using System.Globalization;

namespace Sluice.Engine.Ingest;

/// <summary>
/// Datagrams the kernel dropped for our socket because its receive buffer was full: the <c>drops</c> column
/// of <c>/proc/net/udp</c> and <c>/proc/net/udp6</c> for the local port. Zero where /proc is not available.
/// </summary>
public static class KernelDrops
{
    public static long Read(int localPort)
    {
        return Read("/proc/net/udp", localPort) + Read("/proc/net/udp6", localPort);
    }

    internal static long Read(string path, int localPort)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadLines(path), localPort) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Sums the drops of every socket bound to <paramref name="localPort"/>. Each line is
    /// <c>sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops</c>,
    /// with addresses as <c>HEXADDR:HEXPORT</c>.
    /// </summary>
    internal static long Parse(IEnumerable<string> lines, int localPort)
    {
        long drops = 0;
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 13 || !fields[0].EndsWith(':'))
            {
                continue;
            }

            var local = fields[1];
            var colon = local.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(local.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port) || port != localPort)
            {
                continue;
            }

            if (long.TryParse(fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                drops += count;
            }
        }

        return drops;
    }
}
