using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Sluice.Generate;
using Sluice.Sflowtool;
using Xunit;

namespace Sluice.Tests.Generate;

public sealed class GenerateCommandTests
{
    private static async Task<(int Code, string Errors)> RunAsync(params string[] args)
    {
        var errors = new StringWriter();
        var root = new RootCommand { GenerateCommand.Create(errors) };
        var code = await root.Parse(["generate", .. args]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (code, errors.ToString());
    }

    [Fact]
    public async Task WritePcap_ThousandDatagrams_SflowtoolDecodesEveryOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sluice-generate-{Guid.NewGuid():N}.pcap");
        try
        {
            var (code, errors) = await RunAsync("--write-pcap", path, "--count", "1000", "--seed", "7");
            Assert.Equal(0, code);
            Assert.Contains("wrote 1000 datagrams", errors, StringComparison.Ordinal);

            using var output = new MemoryStream();
            var decodeErrors = new StringWriter();
            var exit = SflowtoolProgram.Run(["-r", path, "-j"], Stream.Null, output, decodeErrors,
                TestContext.Current.CancellationToken, TimeZoneInfo.Utc);
            Assert.Equal(0, exit);
            var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1000, lines.Length);
            var samples = 0;
            foreach (var line in lines)
            {
                using var document = JsonDocument.Parse(line);
                samples += document.RootElement.GetProperty("samples").GetArrayLength();
            }

            Assert.True(samples > 5000);
            Assert.DoesNotContain("error", decodeErrors.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Send_LoopbackAtASetRate_DeliversAboutThatMany()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 8 * 1024 * 1024;
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        var received = 0;
        var sent = false;
        var receiving = Task.Run(() =>
        {
            var buffer = new byte[2048];
            receiver.ReceiveTimeout = 500;
            // A loaded machine may start the sender late: stop only once it has finished and the socket is drained.
            while (true)
            {
                try
                {
                    receiver.Receive(buffer);
                    received++;
                }
                catch (SocketException) when (Volatile.Read(ref sent))
                {
                    return;
                }
                catch (SocketException)
                {
                }
            }
        }, TestContext.Current.CancellationToken);

        var (code, errors) = await RunAsync("--target", $"127.0.0.1:{port}", "--rate", "5000", "--duration", "1");
        Volatile.Write(ref sent, true);
        await receiving;

        Assert.Equal(0, code);
        Assert.Contains("datagrams/s", errors, StringComparison.Ordinal);
        Assert.InRange(received, 4500, 5200);
    }

    [Theory]
    [InlineData("10.1.2.3:6343")]
    [InlineData("[2001:db8::1]:6343")]
    [InlineData("192.0.2.1")]
    public async Task Send_NonLoopbackTarget_IsRefused(string target)
    {
        var (code, errors) = await RunAsync("--target", target, "--duration", "1");

        Assert.Equal(2, code);
        Assert.Contains("not a loopback address", errors, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--attack", "smurf:10.0.0.1", "not an attack kind")]
    [InlineData("--attack", "dns-amplification:ten", "expected dns-amplification:ADDRESS")]
    [InlineData("--attack-share", "1.5", "Share")]
    public async Task Send_BadAttack_IsRefused(string option, string value, string reason)
    {
        var attack = option == "--attack" ? [option, value] : new[] { "--attack", "dns-amplification:10.0.0.1", option, value };

        var (code, errors) = await RunAsync([.. attack, "--duration", "1"]);

        Assert.Equal(2, code);
        Assert.Contains(reason, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 6343)]
    [InlineData("127.0.0.2:9000", "127.0.0.2", 9000)]
    [InlineData("[::1]:6344", "::1", 6344)]
    [InlineData("[::1]", "::1", 6343)]
    [InlineData("::1", "::1", 6343)]
    public void Parse_Targets_GiveAddressAndPort(string text, string address, int port)
    {
        var endpoint = GenerateTarget.Parse(text, out var error);

        Assert.Null(error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
        Assert.True(GenerateTarget.IsAllowed(endpoint!, allowRemote: false));
    }

    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("[::1")]
    public void Parse_BadTargets_SayWhy(string text)
    {
        Assert.Null(GenerateTarget.Parse(text, out var error));
        Assert.NotNull(error);
    }
}
