using System.Buffers.Binary;
using Sluice.Engine.Ingest;
using Sluice.Engine.Tests.Support;
using Sluice.Sflow.Xdr;
using Xunit;

namespace Sluice.Engine.Tests.Ingest;

public sealed class DatagramRingTests
{
    [Fact]
    public void WriteAndDrain_ConcurrentlyAcrossManyWraps_DeliversEveryDatagramIntactAndInOrder()
    {
        using var ring = new DatagramRing(128 * 1024);
        const int total = 200_000;
        var source = EngineDatagrams.Address("2001:db8::5");
        var producer = new Thread(() =>
        {
            var random = new Random(3);
            var buffer = new byte[1500];
            for (var i = 0; i < total;)
            {
                var length = random.Next(4, 1500);
                BinaryPrimitives.WriteInt32BigEndian(buffer, i);
                buffer.AsSpan(4, length - 4).Fill((byte)i);
                if (ring.TryWrite(buffer.AsSpan(0, length), source, i))
                {
                    i++;
                }
                else
                {
                    Thread.Yield();
                }
            }

            ring.Complete();
        });
        producer.Start();

        var checker = new Checker(source);
        while (!ring.IsCompleted)
        {
            if (ring.Drain(ref checker) == 0)
            {
                ring.WaitForData(TimeSpan.FromMilliseconds(50));
            }
        }

        ring.Drain(ref checker);
        producer.Join();
        Assert.Null(checker.Error);
        Assert.Equal(total, checker.Next);
        Assert.Equal(0, ring.Count);
    }

    [Fact]
    public void TryWrite_Full_RefusesUntilDrained()
    {
        using var ring = new DatagramRing(1);
        var datagram = new byte[1000];
        var accepted = 0;
        while (ring.TryWrite(datagram, default, 0))
        {
            accepted++;
        }

        var checker = new Checker(default);
        checker.Next = int.MinValue;

        Assert.Equal(128 * 1024 / (32 + 1000), accepted);
        Assert.Equal(accepted, ring.Drain(ref checker));
        Assert.True(ring.TryWrite(datagram, default, 0));
    }

    private struct Checker(SflowAddress source) : IDatagramHandler
    {
        public int Next;
        public string? Error;

        public void Handle(ReadOnlySpan<byte> datagram, in SflowAddress from, long receivedUnixMs)
        {
            if (Next == int.MinValue || Error is not null)
            {
                return;
            }

            var sequence = BinaryPrimitives.ReadInt32BigEndian(datagram);
            if (sequence != Next || receivedUnixMs != Next || from != source || datagram[4..].IndexOfAnyExcept((byte)sequence) >= 0)
            {
                Error = $"datagram {Next}: got sequence {sequence}, time {receivedUnixMs}, source {from}";
            }

            Next++;
        }
    }
}
