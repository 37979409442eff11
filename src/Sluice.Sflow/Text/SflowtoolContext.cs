using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// What sflowtool knows about a datagram besides its bytes: who sent it and when. Live datagrams carry a
/// source address and receive time; datagrams read from a pcap file carry the record time instead
/// (sflowtool then prints <c>datagramSourceIP -</c>, zero receive time and the <c>pcapTimestamp</c> fields).
/// </summary>
public readonly record struct SflowtoolContext
{
    /// <summary>The UDP sender; <see cref="SflowAddressType.Unknown"/> prints <c>-</c>.</summary>
    public SflowAddress SourceAddress { get; init; }

    public long ReceiveSeconds { get; init; }

    public int ReceiveMicroseconds { get; init; }

    /// <summary>The pcap record time in seconds since the epoch; 0 means "not from a pcap file" (as in sflowtool).</summary>
    public long PcapSeconds { get; init; }

    public int PcapMicroseconds { get; init; }

    /// <summary>The local time zone offset sflowtool would apply (<c>localtime</c>, <c>pcapTimestamp</c>, <c>-g</c>).</summary>
    public TimeSpan UtcOffset { get; init; }

    public static SflowtoolContext FromPcap(long seconds, int microseconds, TimeSpan utcOffset = default) =>
        new() { PcapSeconds = seconds, PcapMicroseconds = microseconds, UtcOffset = utcOffset };

    public static SflowtoolContext FromSocket(SflowAddress source, DateTimeOffset received, TimeSpan utcOffset = default)
    {
        var micros = received.ToUnixTimeMilliseconds() * 1000 + (received.Ticks % TimeSpan.TicksPerMillisecond) / 10;
        return new()
        {
            SourceAddress = source,
            ReceiveSeconds = micros / 1_000_000,
            ReceiveMicroseconds = (int)(micros % 1_000_000),
            UtcOffset = utcOffset,
        };
    }
}
