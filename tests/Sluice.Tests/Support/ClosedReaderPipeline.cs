using System.Diagnostics;

namespace Sluice.Tests.Support;

/// <summary>
/// Runs <c>COMMAND | head -c 100</c> while sFlow keeps arriving on the command's UDP port, as in
/// <c>sluice sflowtool -j | head</c>: the reader exits early and the command must notice at its next write.
/// </summary>
internal static class ClosedReaderPipeline
{
    /// <summary>The pipeline's <c>PIPESTATUS</c> (command, head), or null if the command was still running after <paramref name="timeout"/>.</summary>
    public static async Task<string?> RunAsync(string command, int port, byte[] datagram, TimeSpan timeout)
    {
        using var shell = SluiceProcess.StartShell($"{command} | head -c 100 > /dev/null; echo \"rc ${{PIPESTATUS[*]}}\"");
        var clock = Stopwatch.StartNew();
        while (!shell.HasExited && clock.Elapsed < timeout)
        {
            // Keep sending: the command binds only after the runtime starts, and it sees the closed pipe only when it writes.
            await UdpTestSocket.SendAsync(port, datagram);
            await Task.Delay(50);
        }

        if (!await shell.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            return null;
        }

        return shell.Output.Trim();
    }
}
