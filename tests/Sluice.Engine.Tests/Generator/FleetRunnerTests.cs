using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Generator;
using Sluice.Engine.Ingest;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Generator;

public sealed class FleetRunnerTests
{
    private sealed class CountingSink : IDatagramSink
    {
        public int Count { get; private set; }

        public int Bad { get; private set; }

        public bool Submit(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
        {
            Count++;
            if (!SflowDecoder.TryReadHeader(datagram, out var header) || header.Agent != source)
            {
                Bad++;
            }

            return true;
        }
    }

    [Fact]
    public async Task RunAsync_SetRate_SubmitsAboutRateTimesDuration()
    {
        var sink = new CountingSink();
        var result = await FleetRunner.RunAsync(new AgentFleet(new FleetOptions()), sink, 20_000, TimeSpan.FromSeconds(1),
            TestContext.Current.CancellationToken);

        Assert.Equal(sink.Count, result.Datagrams);
        Assert.Equal(0, sink.Bad);
        // Pacing holds the rate down; how close it gets from below depends on the CPU the test is given (the
        // end-to-end load benchmark measures that), so only a token lower bound here.
        Assert.InRange(result.Datagrams, 1_000, 21_000);
        Assert.InRange(result.Rate, 1_000, 21_000);
    }

    [Fact]
    public async Task RunAsync_NaturalRate_FollowsTheFleetClock()
    {
        var sink = new CountingSink();
        var fleet = new AgentFleet(new FleetOptions { Agents = 2, Interfaces = 8 });
        var result = await FleetRunner.RunAsync(fleet, sink, 0, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.InRange(result.Datagrams, fleet.NaturalDatagramsPerSecond * 0.1, fleet.NaturalDatagramsPerSecond * 1.3);
        Assert.InRange(fleet.LastDatagramMs, 100, 1100);
    }

    [Fact]
    public async Task RunAsync_LoopbackSocket_DeliversTheDatagrams()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.ReceiveBufferSize = 8 * 1024 * 1024;
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var received = 0;
        var sent = false;
        var receiving = Task.Run(() =>
        {
            var buffer = new byte[2048];
            receiver.ReceiveTimeout = 500;
            // A loaded machine may start the runner late: stop only once it has finished and the socket is drained.
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

        var result = await FleetRunner.RunAsync(new AgentFleet(new FleetOptions()), sender, receiver.LocalEndPoint!, 5000,
            TimeSpan.FromSeconds(0.5), TestContext.Current.CancellationToken);
        Volatile.Write(ref sent, true);
        await receiving;

        Assert.InRange(result.Datagrams, 2000, 2700);
        Assert.InRange(received, result.Datagrams * 0.95, result.Datagrams);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsPromptly()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await FleetRunner.RunAsync(new AgentFleet(new FleetOptions()), new CountingSink(), 1000, TimeSpan.Zero,
            cancel.Token);

        // The runner measures from its own start, a little after the token's clock began: only an upper bound holds.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {result.Elapsed}");
        Assert.True(result.Datagrams > 0, "it ran before it was cancelled");
        Assert.True(result.Datagrams <= (result.Elapsed.TotalSeconds * 1000) + 50, $"{result.Datagrams} datagrams in {result.Elapsed} at 1000/s");
    }
}
