using Sluice.Sflow.Pcap;
using Sluice.Testing;
using Xunit;

namespace Sluice.Sflow.Tests.Pcap;

public sealed class Ipv4ReassemblerTests
{
    private const uint Source = 0xC0000201;
    private const uint Destination = 0xC0000202;
    private const long Ns = 1_700_000_000_000_000_000;

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 3, 2, 1, 0 })]
    [InlineData(new[] { 2, 0, 3, 1 })]
    public void Add_FragmentsInAnyOrder_Reassembles(int[] order)
    {
        var datagram = TestFrames.Payload(1000);
        var reassembler = new Ipv4Reassembler();
        ReadOnlyMemory<byte> whole = default;
        for (var i = 0; i < order.Length; i++)
        {
            var (offset, data, more) = Piece(datagram, order[i], 4);
            var result = reassembler.Add(Ns, Source, Destination, 17, 7, offset, more, data, out whole);
            Assert.Equal(i == order.Length - 1 ? Ipv4ReassemblyResult.Complete : Ipv4ReassemblyResult.Incomplete, result);
        }

        Assert.Equal(datagram, whole.ToArray());
        Assert.Equal(1, reassembler.DatagramsReassembled);
        Assert.Equal(4, reassembler.FragmentsAccepted);
        Assert.Equal(0, reassembler.PendingCount);
        Assert.Equal(0, reassembler.FragmentsDropped);
    }

    [Fact]
    public void Add_InterleavedDatagrams_KeptApartByKey()
    {
        var a = TestFrames.Payload(800, 1);
        var b = TestFrames.Payload(800, 2);
        var reassembler = new Ipv4Reassembler();
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, a.AsSpan(0, 400), out _));
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns, Source, Destination, 17, 2, 0, true, b.AsSpan(0, 400), out _));
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns, Destination, Source, 17, 1, 400, false, b.AsSpan(400), out _));
        Assert.Equal(Ipv4ReassemblyResult.Complete, reassembler.Add(Ns, Source, Destination, 17, 1, 400, false, a.AsSpan(400), out var whole));
        Assert.Equal(a, whole.ToArray());
        Assert.Equal(Ipv4ReassemblyResult.Complete, reassembler.Add(Ns, Source, Destination, 17, 2, 400, false, b.AsSpan(400), out whole));
        Assert.Equal(b, whole.ToArray());
        Assert.Equal(1, reassembler.PendingCount);
    }

    [Fact]
    public void Add_ExactDuplicate_IsIgnored()
    {
        var datagram = TestFrames.Payload(800);
        var reassembler = new Ipv4Reassembler();
        reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, datagram.AsSpan(0, 400), out _);
        Assert.Equal(Ipv4ReassemblyResult.Duplicate, reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, datagram.AsSpan(0, 400), out _));
        Assert.Equal(Ipv4ReassemblyResult.Complete, reassembler.Add(Ns, Source, Destination, 17, 1, 400, false, datagram.AsSpan(400), out var whole));
        Assert.Equal(datagram, whole.ToArray());
        Assert.Equal(1, reassembler.DuplicateFragments);
    }

    [Fact]
    public void Add_OverlapWithDifferentData_RejectsWholeDatagram()
    {
        var datagram = TestFrames.Payload(800);
        var reassembler = new Ipv4Reassembler();
        reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, datagram.AsSpan(0, 400), out _);
        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 1, 392, false, datagram.AsSpan(392), out _));
        Assert.Equal(0, reassembler.PendingCount);
        Assert.Equal(1, reassembler.FragmentsRejected);
        Assert.Equal(2, reassembler.FragmentsDropped);

        // What remains of the attack afterwards starts a fresh datagram and never completes with the rejected data.
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns, Source, Destination, 17, 1, 400, false, datagram.AsSpan(400), out _));
    }

    [Fact]
    public void Add_InconsistentFragments_AreRejected()
    {
        var data = TestFrames.Payload(400);
        var reassembler = new Ipv4Reassembler();

        // Non-final fragment not a multiple of 8.
        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, data.AsSpan(0, 100), out _));

        // Two different ends.
        reassembler.Add(Ns, Source, Destination, 17, 2, 400, false, data.AsSpan(0, 100), out _);
        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 2, 600, false, data.AsSpan(0, 100), out _));

        // A fragment beyond the known end.
        reassembler.Add(Ns, Source, Destination, 17, 3, 400, false, data.AsSpan(0, 100), out _);
        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 3, 504, true, data.AsSpan(0, 96), out _));

        // Beyond 65535 bytes.
        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 4, 65_528, false, data.AsSpan(0, 100), out _));

        Assert.Equal(4, reassembler.FragmentsRejected);
        Assert.Equal(0, reassembler.PendingCount);
    }

    [Fact]
    public void Add_MoreDatagramsThanSlots_EvictsOldestAndStaysBounded()
    {
        var reassembler = new Ipv4Reassembler(new Ipv4ReassemblerOptions { MaxConcurrent = 4 });
        var data = TestFrames.Payload(800);
        for (ushort id = 0; id < 10; id++)
        {
            reassembler.Add(Ns + id, Source, Destination, 17, id, 0, true, data.AsSpan(0, 400), out _);
            Assert.True(reassembler.PendingCount <= 4);
        }

        Assert.Equal(6, reassembler.DatagramsEvicted);
        Assert.Equal(6, reassembler.FragmentsDropped);

        // The oldest ones are gone; the newest four still complete.
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns + 10, Source, Destination, 17, 0, 400, false, data.AsSpan(400), out _));
        Assert.Equal(Ipv4ReassemblyResult.Complete, reassembler.Add(Ns + 11, Source, Destination, 17, 9, 400, false, data.AsSpan(400), out var whole));
        Assert.Equal(data, whole.ToArray());
    }

    [Fact]
    public void Add_AfterTimeout_DropsExpiredDatagram()
    {
        var reassembler = new Ipv4Reassembler(new Ipv4ReassemblerOptions { Timeout = TimeSpan.FromSeconds(5) });
        var data = TestFrames.Payload(800);
        reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, data.AsSpan(0, 400), out _);
        var late = Ns + 6_000_000_000;
        Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(late, Source, Destination, 17, 1, 400, false, data.AsSpan(400), out _));
        Assert.Equal(1, reassembler.DatagramsTimedOut);
        Assert.Equal(1, reassembler.FragmentsDropped);
    }

    [Fact]
    public void Add_TooManyFragments_Rejected()
    {
        var reassembler = new Ipv4Reassembler(new Ipv4ReassemblerOptions { MaxFragmentsPerDatagram = 4 });
        var data = TestFrames.Payload(8);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Ipv4ReassemblyResult.Incomplete, reassembler.Add(Ns, Source, Destination, 17, 1, i * 8, true, data, out _));
        }

        Assert.Equal(Ipv4ReassemblyResult.Rejected, reassembler.Add(Ns, Source, Destination, 17, 1, 32, true, data, out _));
        Assert.Equal(5, reassembler.FragmentsDropped);
    }

    [Fact]
    public void Clear_PendingFragments_CountedAsDropped()
    {
        var reassembler = new Ipv4Reassembler();
        var data = TestFrames.Payload(16);
        reassembler.Add(Ns, Source, Destination, 17, 1, 0, true, data, out _);
        reassembler.Add(Ns, Source, Destination, 17, 2, 0, true, data, out _);
        reassembler.Clear();
        Assert.Equal(0, reassembler.PendingCount);
        Assert.Equal(2, reassembler.FragmentsDropped);
    }

    [Fact]
    public void Add_SteadyState_DoesNotAllocate()
    {
        var reassembler = new Ipv4Reassembler();
        var datagram = TestFrames.Payload(3000);
        Feed(reassembler, datagram, 0);
        SteadyState.AssertAllocatesNothing(60, i => Feed(reassembler, datagram, (ushort)(i + 1)));
        Assert.Equal(1 + (3 * 60), reassembler.DatagramsReassembled);
    }

    private static void Feed(Ipv4Reassembler reassembler, byte[] datagram, ushort id)
    {
        for (var piece = 0; piece < 3; piece++)
        {
            // Slices, not Piece(): the measured loop must not allocate on the test's side either.
            var size = (datagram.Length / 3) & ~7;
            var offset = piece * size;
            var length = piece == 2 ? datagram.Length - offset : size;
            reassembler.Add(Ns, Source, Destination, 17, id, offset, piece < 2, datagram.AsSpan(offset, length), out _);
        }
    }

    private static (int Offset, byte[] Data, bool More) Piece(byte[] datagram, int index, int count)
    {
        var size = (datagram.Length / count) & ~7;
        var offset = index * size;
        var length = index == count - 1 ? datagram.Length - offset : size;
        return (offset, datagram.AsSpan(offset, length).ToArray(), index < count - 1);
    }
}
