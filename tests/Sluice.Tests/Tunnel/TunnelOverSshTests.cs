using System.Diagnostics;
using System.Net.Sockets;
using Sluice.Tests.Support;
using Xunit;

namespace Sluice.Tests.Tunnel;

/// <summary>
/// The seed's "Secure forwarding of sFlow using ssh", end to end through a real OpenSSH server on loopback:
/// <c>sluice tunnel listen | ssh localhost sluice tunnel send -s 127.0.0.1 -p PORT</c>.
/// </summary>
public sealed class TunnelOverSshTests
{
    [Fact]
    public async Task ListenPipedThroughSsh_DeliversEveryDatagramByteIdentical()
    {
        using var sshd = await SshServer.StartAsync();
        using var analyzer = new UdpTestSocket();
        var collectorPort = UdpTestSocket.FreePort();
        using var tunnel = SluiceProcess.StartShell(
            $"{SluiceProcess.Command} tunnel listen -b 127.0.0.1 -p {collectorPort} | " +
            $"{sshd.ClientCommand} '{SluiceProcess.Command} tunnel send -s 127.0.0.1 -p {analyzer.Port}'");

        // The tunnel is ready when a probe sent to the collector port comes out at the analyzer.
        var probe = new byte[] { 0xde, 0xad };
        var ready = Stopwatch.StartNew();
        byte[]? arrived = null;
        while (arrived is null && ready.Elapsed < TimeSpan.FromSeconds(60) && !tunnel.HasExited)
        {
            await UdpTestSocket.SendAsync(collectorPort, probe);
            arrived = await analyzer.ReceiveAsync(TimeSpan.FromMilliseconds(500));
        }

        Assert.True(arrived is not null, $"tunnel never came up: {tunnel.Errors} {sshd.Log}");
        while (await analyzer.ReceiveAsync(TimeSpan.FromMilliseconds(300)) is not null)
        {
            // Drain any duplicate probes.
        }

        var random = new Random(42);
        var sent = new List<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            var datagram = new byte[random.Next(1, 1500)];
            random.NextBytes(datagram);
            sent.Add(datagram);
            await UdpTestSocket.SendAsync(collectorPort, datagram);
            if (i % 50 == 49)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        var received = new List<byte[]>();
        while (received.Count < sent.Count && await analyzer.ReceiveAsync(TimeSpan.FromSeconds(10)) is { } datagram)
        {
            received.Add(datagram);
        }

        Assert.Equal(sent.Count, received.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i], received[i]);
        }
    }

    /// <summary>An sshd on 127.0.0.1 with its own host key and a client key, in a temporary folder.</summary>
    private sealed class SshServer : IDisposable
    {
        private readonly string _folder;
        private readonly ShellProcess _process;

        private SshServer(string folder, int port, ShellProcess process)
        {
            _folder = folder;
            _process = process;
            ClientCommand =
                $"/usr/bin/ssh -p {port} -i {folder}/client_key -o BatchMode=yes -o StrictHostKeyChecking=no " +
                $"-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1";
        }

        public string ClientCommand { get; }

        public string Log => _process.Errors;

        public static async Task<SshServer> StartAsync()
        {
            Assert.True(File.Exists("/usr/sbin/sshd"), "openssh-server is not installed (.ci/run installs it)");
            var folder = Directory.CreateTempSubdirectory("sluice-sshd-").FullName;
            var port = UdpTestSocket.FreeTcpPort();
            await RunAsync($"ssh-keygen -q -t ed25519 -N '' -f {folder}/host_key && ssh-keygen -q -t ed25519 -N '' -f {folder}/client_key " +
                $"&& cp {folder}/client_key.pub {folder}/authorized_keys && chmod 600 {folder}/authorized_keys && mkdir -p /run/sshd");
            await File.WriteAllTextAsync(Path.Combine(folder, "sshd_config"), string.Join('\n',
                $"Port {port}",
                "ListenAddress 127.0.0.1",
                $"HostKey {folder}/host_key",
                $"AuthorizedKeysFile {folder}/authorized_keys",
                $"PidFile {folder}/sshd.pid",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                string.Empty));
            var process = SluiceProcess.StartShell($"exec /usr/sbin/sshd -D -e -f {folder}/sshd_config");
            var server = new SshServer(folder, port, process);
            var started = Stopwatch.StartNew();
            while (started.Elapsed < TimeSpan.FromSeconds(20))
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    return server;
                }
                catch (SocketException)
                {
                    Assert.False(process.HasExited, $"sshd exited: {process.Errors}");
                    await Task.Delay(100);
                }
            }

            server.Dispose();
            throw new TimeoutException("sshd did not start listening: " + process.Errors);
        }

        public void Dispose()
        {
            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static async Task RunAsync(string script)
        {
            using var shell = SluiceProcess.StartShell(script);
            Assert.True(await shell.WaitAsync(TimeSpan.FromSeconds(30)), "setup timed out");
            Assert.True(shell.ExitCode == 0, shell.Errors);
        }
    }
}
