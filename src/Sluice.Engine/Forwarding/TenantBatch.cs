using System.Buffers.Binary;
using Sluice.Sflow.Datagrams;

namespace Sluice.Engine.Forwarding;

/// <summary>
/// One agent stream's datagram being filled for one tenant on one worker: samples are copied in behind room for
/// the header, which is written when the datagram is sent, with the tenant's own sequence number for the stream.
/// The buffer is allocated once, with the batch.
/// </summary>
internal sealed class TenantBatch
{
    private readonly byte[] _buffer;
    private readonly int _headerLength;
    private uint _sequence;
    private uint _uptime;

    public TenantBatch(AgentStream stream, int capacity)
    {
        Stream = stream;
        // sample_datagram_v5: version, address type, address (4 or 16), sub-agent, sequence, uptime, sample count.
        _headerLength = 24 + stream.Agent.Bytes.Length;
        _buffer = new byte[Math.Max(capacity, _headerLength + 8)];
        Length = _headerLength;
    }

    public AgentStream Stream { get; }

    /// <summary>Bytes used, header included.</summary>
    public int Length { get; private set; }

    public int Samples { get; private set; }

    public bool IsEmpty => Samples == 0;

    /// <summary>True while the batch is on its worker's list of batches waiting for the flush timer.</summary>
    public bool Queued { get; set; }

    /// <summary>When a sample was last added (monotonic ms), for evicting the least recently used.</summary>
    public long LastUsedTickMs { get; private set; }

    /// <summary>Largest sample that fits in an empty batch.</summary>
    public int MaxSample => _buffer.Length - _headerLength;

    public bool Fits(int sampleLength) => Length + sampleLength <= _buffer.Length;

    public void Add(ReadOnlySpan<byte> sample, uint uptime, long tickMs)
    {
        sample.CopyTo(_buffer.AsSpan(Length));
        Length += sample.Length;
        Samples++;
        _uptime = uptime;
        LastUsedTickMs = tickMs;
    }

    /// <summary>Writes the header, returns the finished datagram and empties the batch for the next one.</summary>
    public ReadOnlySpan<byte> Take(out int samples)
    {
        var datagram = Write(_buffer, Stream, ++_sequence, _uptime, Samples)[..Length];
        samples = Samples;
        Samples = 0;
        Length = _headerLength;
        return datagram;
    }

    /// <summary>A datagram of one sample too large to share a batch, built in <paramref name="scratch"/> with the next sequence number.</summary>
    public ReadOnlySpan<byte> Single(Span<byte> scratch, ReadOnlySpan<byte> sample, uint uptime)
    {
        var written = Write(scratch, Stream, ++_sequence, uptime, 1);
        sample.CopyTo(written[_headerLength..]);
        return written[..(_headerLength + sample.Length)];
    }

    private static Span<byte> Write(Span<byte> buffer, in AgentStream stream, uint sequence, uint uptime, int samples)
    {
        var writer = new SflowDatagramWriter(buffer);
        writer.WriteHeader(stream.Agent, stream.SubAgent, sequence, uptime);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[(writer.Length - 4)..], (uint)samples);
        return buffer;
    }
}
