using System.Buffers.Binary;
using Sluice.Sflow.Xdr;

namespace Sluice.Engine.Ingest;

/// <summary>
/// A shard's queue: one fixed byte ring holding datagrams back to back, each behind a small header (length,
/// receive time, source). Producers copy in under a lock (the UDP receiver is nearly always the only one); the
/// single consumer reads entries in place, with no allocation, no pooling and no per-datagram wake-up: it only
/// sleeps after finding the ring empty, and producers only signal when it does.
/// </summary>
internal sealed class DatagramRing : IDisposable
{
    // Entry: int32 length (-1 marks "wrap to the start"), int64 receive time, byte address type, 16 address bytes,
    // padding to 32, then the datagram padded to a multiple of 8.
    private const int HeaderSize = 32;
    private const int WrapMarker = -1;

    private static readonly int SpinsBeforeSleep = Environment.ProcessorCount > 2 ? 32 : 0;

    private readonly byte[] _buffer;
    private readonly Lock _producers = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private long _head;
    private long _tail;
    private long _enqueued;
    private long _dequeued;
    private int _sleeping;
    private bool _completed;

    public DatagramRing(int capacityBytes)
    {
        _buffer = new byte[Math.Max(capacityBytes, 128 * 1024) & ~7];
    }

    public int CapacityBytes => _buffer.Length;

    /// <summary>Datagrams waiting.</summary>
    public int Count => (int)(Volatile.Read(ref _enqueued) - Volatile.Read(ref _dequeued));

    public long Enqueued => Volatile.Read(ref _enqueued);

    public long Dequeued => Volatile.Read(ref _dequeued);

    /// <summary>Copies the datagram in; false when there is no room (the caller counts the drop).</summary>
    public bool TryWrite(ReadOnlySpan<byte> datagram, in SflowAddress source, long receivedUnixMs)
    {
        var size = HeaderSize + ((datagram.Length + 7) & ~7);
        lock (_producers)
        {
            if (_completed)
            {
                return false;
            }

            var head = _head;
            var free = _buffer.Length - (head - Volatile.Read(ref _tail));
            var offset = (int)(head % _buffer.Length);
            var toEnd = _buffer.Length - offset;
            var needed = size <= toEnd ? size : toEnd + size;
            if (needed > free)
            {
                return false;
            }

            if (size > toEnd)
            {
                // Not enough room before the end: mark the rest as skipped and start at the beginning.
                if (toEnd >= 4)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(offset), WrapMarker);
                }

                head += toEnd;
                offset = 0;
            }

            var entry = _buffer.AsSpan(offset, size);
            BinaryPrimitives.WriteInt32LittleEndian(entry, datagram.Length);
            BinaryPrimitives.WriteInt64LittleEndian(entry[4..], receivedUnixMs);
            entry[12] = (byte)source.Type;
            entry.Slice(13, 16).Clear();
            source.CopyTo(entry[13..]);
            datagram.CopyTo(entry[HeaderSize..]);
            Volatile.Write(ref _head, head + size);
            Interlocked.Increment(ref _enqueued);
        }

        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _signal.Release();
        }

        return true;
    }

    /// <summary>
    /// Hands every waiting datagram to <paramref name="handler"/> in order; returns how many. The span is only
    /// valid during the call.
    /// </summary>
    public int Drain<THandler>(ref THandler handler)
        where THandler : IDatagramHandler, allows ref struct
    {
        var head = Volatile.Read(ref _head);
        var tail = _tail;
        var count = 0;
        while (tail < head)
        {
            var offset = (int)(tail % _buffer.Length);
            var toEnd = _buffer.Length - offset;
            if (toEnd < HeaderSize || BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(offset)) == WrapMarker)
            {
                tail += toEnd;
                continue;
            }

            var entry = _buffer.AsSpan(offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(entry);
            var received = BinaryPrimitives.ReadInt64LittleEndian(entry[4..]);
            var source = (Sflow.Xdr.SflowAddressType)entry[12] switch
            {
                SflowAddressType.IPv4 => SflowAddress.FromIPv4(entry.Slice(13, 4)),
                SflowAddressType.IPv6 => SflowAddress.FromIPv6(entry.Slice(13, 16)),
                _ => default,
            };
            handler.Handle(entry.Slice(HeaderSize, length), source, received);
            tail += HeaderSize + ((length + 7) & ~7);
            Volatile.Write(ref _tail, tail);
            Interlocked.Increment(ref _dequeued);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Waits for datagrams after the ring was found empty; false on timeout or completion. It spins briefly first,
    /// which saves the producer a wake-up when the next batch is microseconds away, but only with cores to spare:
    /// on a two-core machine the spinning worker takes the CPU that the receiver and the other worker need.
    /// </summary>
    public bool WaitForData(TimeSpan timeout)
    {
        for (var spin = 0; spin < SpinsBeforeSleep; spin++)
        {
            if (Volatile.Read(ref _head) != _tail)
            {
                return true;
            }

            Thread.SpinWait(20);
        }

        Volatile.Write(ref _sleeping, 1);
        if (Volatile.Read(ref _head) != _tail || Volatile.Read(ref _completed))
        {
            Volatile.Write(ref _sleeping, 0);
            return true;
        }

        var signalled = _signal.Wait(timeout);
        Volatile.Write(ref _sleeping, 0);
        return signalled;
    }

    public bool IsCompleted => Volatile.Read(ref _completed) && Volatile.Read(ref _head) == _tail;

    public void Complete()
    {
        lock (_producers)
        {
            _completed = true;
        }

        _signal.Release();
    }

    public void Dispose() => _signal.Dispose();
}
