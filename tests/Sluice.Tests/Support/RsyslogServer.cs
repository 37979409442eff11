using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Sluice.Tests.Support;

/// <summary>
/// A real rsyslog (Debian's <c>rsyslog</c>) in the foreground on a free loopback UDP port, with its own configuration
/// (peers.md §8): every message goes to <c>raw.log</c> as received and to <c>fields.log</c> as its parsed RFC 5424
/// fields. Ready once a probe message shows up; disposing stops it and removes its folder.
/// </summary>
internal sealed class RsyslogServer : IDisposable
{
    private const string Daemon = "/usr/sbin/rsyslogd";

    private readonly Process _process;
    private readonly string _folder;

    private RsyslogServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string FieldsLog => ReadShared(Path.Combine(_folder, "fields.log"));

    public string RawLog => ReadShared(Path.Combine(_folder, "raw.log"));

    public static async Task<RsyslogServer> StartAsync()
    {
        Assert.True(File.Exists(Daemon), "rsyslog is not installed (scripts/test-deps.sh installs it)");
        var folder = Directory.CreateTempSubdirectory("sluice-rsyslog-").FullName;
        var port = FreeUdpPort();
        await File.WriteAllTextAsync(Path.Combine(folder, "rsyslog.conf"), $"""
            global(workDirectory="{folder}")
            module(load="imudp")
            input(type="imudp" address="127.0.0.1" port="{port}")
            template(name="raw" type="string" string="%rawmsg%\n")
            template(name="fields" type="string" string="pri=%pri% host=%hostname% app=%app-name% procid=%procid% msgid=%msgid% sd=%structured-data% msg=%msg%\n")
            action(type="omfile" file="{folder}/raw.log" template="raw")
            action(type="omfile" file="{folder}/fields.log" template="fields")
            """);
        var start = new ProcessStartInfo(Daemon) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-n", "-f", Path.Combine(folder, "rsyslog.conf"), "-i", Path.Combine(folder, "rsyslogd.pid") })
        {
            start.ArgumentList.Add(argument);
        }

        var server = new RsyslogServer(Process.Start(start)!, folder, port);
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Lines of <c>fields.log</c> that contain <paramref name="text"/>, waiting (bounded) for at least one.</summary>
    public async Task<string[]> WaitForAsync(string text, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var lines = FieldsLog.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).ToArray();
            if (lines.Length > 0)
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"rsyslog logged nothing with '{text}'; fields.log:\n{FieldsLog}");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Sends probes until one is logged: rsyslog has bound its port and writes its files.</summary>
    private async Task WaitReadyAsync()
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!FieldsLog.Contains("readiness-probe", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, "rsyslog did not start");
            var probe = Encoding.ASCII.GetBytes("<14>1 2026-01-01T00:00:00Z test probe - readiness-probe - ready");
            await udp.SendAsync(probe, new IPEndPoint(IPAddress.Loopback, Port));
            await Task.Delay(100);
        }
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }
}
