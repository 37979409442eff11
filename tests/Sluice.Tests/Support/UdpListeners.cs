using System.Globalization;

namespace Sluice.Tests.Support;

/// <summary>Waits for a child process to bind a UDP port, by reading the kernel's socket tables (nothing is sent or bound to probe).</summary>
internal static class UdpListeners
{
    public static async Task WaitForAsync(int port, TimeSpan timeout)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
            {
                // Each line: "sl local_address:port rem_address:port st ..." with the port in hex.
                if (File.Exists(table) && File.ReadLines(table).Skip(1).Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var local, ..] && local.EndsWith(":" + hex, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"nothing bound UDP port {port} within {timeout}");
    }
}
