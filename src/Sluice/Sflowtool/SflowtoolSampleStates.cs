using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflowtool;

/// <summary>
/// The per-sample state of every sample of one datagram, gathered by a walk of the raw records before the
/// datagram is formatted; the end-of-sample outputs read it back by sample index.
/// </summary>
internal sealed class SflowtoolSampleStates
{
    private static readonly string[] HttpMethods = ["-", "OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"];

    private readonly List<SflowtoolSampleState> _states = [];

    public SflowAddress Agent { get; private set; }

    public int Count { get; private set; }

    /// <summary>The time <c>-H</c> prints: the pcap record time if any, else the receive time.</summary>
    public long Seconds { get; private set; }

    public TimeSpan UtcOffset { get; private set; }

    public SflowtoolSampleState this[int index] => _states[index];

    public void Decode(ReadOnlySpan<byte> datagram, long seconds, TimeSpan utcOffset)
    {
        Count = 0;
        Agent = default;
        Seconds = seconds;
        UtcOffset = utcOffset;
        var visitor = new Visitor(this);
        SflowDecoder.Decode(datagram, ref visitor);
    }

    private SflowtoolSampleState Next(SampleKind kind)
    {
        if (Count == _states.Count)
        {
            _states.Add(new SflowtoolSampleState());
        }

        var state = _states[Count++];
        state.Reset(kind);
        return state;
    }

    private static void Record(SflowtoolSampleStates owner, SflowtoolSampleState s, in SflowRecord record)
    {
        var body = record.Body;
        if (record.Tag.Enterprise != 0)
        {
            return;
        }

        switch (record.Tag.Format)
        {
            case 1: // sFlow v5 sampled_header
                if (SampledHeader.TryRead(record, out var header))
                {
                    SflowtoolPacketScan.Scan(s, header.Protocol, header.FrameLength, header.Stripped, header.Header);
                }

                break;
            case 2 or 1021 or 1022: // sampled_ethernet, and the L2 tunnel records that share its layout
                if (body.Length >= 24)
                {
                    body.Slice(4, 6).CopyTo(s.EthSource);
                    body.Slice(12, 6).CopyTo(s.EthDestination);
                    s.EthType = Word(body, 20);
                }

                break;
            case 3 or 1023 or 1024: // sampled_ipv4 (and IPv4 tunnels): -t writes the 32 raw bytes
                if (body.Length >= 32)
                {
                    s.SetHeader(body[..32]);
                    s.SampledPacketSize = Word(body, 0);
                    s.SetIpSource(body.Slice(8, 4));
                    s.SetIpDestination(body.Slice(12, 4));
                    s.IpProtocol = Word(body, 4);
                    s.IpTos = Word(body, 28);
                    s.SourcePort = Word(body, 16);
                    s.DestinationPort = Word(body, 20);
                    if (s.IpProtocol == 6)
                    {
                        s.TcpFlags = Word(body, 24);
                    }
                }

                break;
            case 4 or 1025 or 1026: // sampled_ipv6 (and IPv6 tunnels): 56 raw bytes
                if (body.Length >= 56)
                {
                    s.SetHeader(body[..56]);
                    s.SampledPacketSize = Word(body, 0);
                    s.SetIpSource(body.Slice(8, 16));
                    s.SetIpDestination(body.Slice(24, 16));
                    s.IpProtocol = Word(body, 4);
                    s.SourcePort = Word(body, 40);
                    s.DestinationPort = Word(body, 44);
                    if (s.IpProtocol == 6)
                    {
                        s.TcpFlags = Word(body, 48);
                    }
                }

                break;
            case 1001: // extended_switch
                if (body.Length >= 16)
                {
                    s.InVlan = Word(body, 0);
                    s.OutVlan = Word(body, 8);
                }

                break;
            case 1013: // extended_80211_payload: cipher suite, then a sampled header
                var payload = new SflowReader(body);
                uint stripped = 0;
                if (payload.TryReadUInt32(out _) && payload.TryReadUInt32(out var protocol) && payload.TryReadUInt32(out var size)
                    && (record.Version < 5 || payload.TryReadUInt32(out stripped)) && payload.TryReadOpaque(out var bytes))
                {
                    SflowtoolPacketScan.Scan(s, protocol, size, stripped, bytes);
                }

                break;
            case 2100: // extended_socket_ipv4: sflowtool takes the addresses, and -H the remote one as client
                if (body.Length >= 12)
                {
                    s.SetIpSource(body.Slice(4, 4));
                    s.SetIpDestination(body.Slice(8, 4));
                    s.CommonLogClient = Address(body.Slice(8, 4));
                }

                break;
            case 2101: // extended_socket_ipv6
                if (body.Length >= 36)
                {
                    s.SetIpSource(body.Slice(4, 16));
                    s.SetIpDestination(body.Slice(20, 16));
                    s.CommonLogClient = Address(body.Slice(20, 16));
                }

                break;
            case 2201 or 2206: // http_request (2206 adds X-Forwarded-For and request bytes)
                s.CommonLog = CommonLog(owner, body, record.Tag.Format == 2206);
                break;
        }
    }

    private static void Counters(SflowtoolSampleState s, in SflowRecord record)
    {
        if (record.Tag != CounterRecordTags.Generic || record.Body.Length < 88)
        {
            return;
        }

        // if_counters: ifIndex, ifType, ifSpeed(64), ifDirection, ifStatus, ifInOctets(64), 6 words, ifOutOctets(64), 6 words.
        var b = record.Body;
        var at = 0;
        for (var i = 0; i < s.Counters.Length; i++)
        {
            if (i is 2 or 5 or 12)
            {
                s.Counters[i] = BinaryPrimitives.ReadUInt64BigEndian(b[at..]);
                at += 8;
            }
            else
            {
                s.Counters[i] = Word(b, at);
                at += 4;
            }
        }
    }

    private static string? CommonLog(SflowtoolSampleStates owner, ReadOnlySpan<byte> body, bool version2)
    {
        var r = new SflowReader(body);
        ulong responseBytes = 0;
        uint status = 0;
        if (!r.TryReadUInt32(out var method) || !r.TryReadUInt32(out var protocol)
            || !TryString(ref r, 255, out var uri) || !TryString(ref r, 64, out _)
            || !TryString(ref r, 255, out var referrer) || !TryString(ref r, 128, out var userAgent)
            || (version2 && !TryString(ref r, 64, out _))
            || !TryString(ref r, 32, out var authUser) || !TryString(ref r, 64, out _)
            || (version2 && !r.TryReadUInt64(out _))
            || !r.TryReadUInt64(out responseBytes) || !r.TryReadUInt32(out _) || !r.TryReadUInt32(out status))
        {
            return null;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(owner.Seconds).ToOffset(owner.UtcOffset);
        var offset = owner.UtcOffset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        var inv = CultureInfo.InvariantCulture;
        return string.Create(
            inv,
            $"- {Or(authUser)} [{time.ToString("dd/MMM/yyyy:HH:mm:ss", inv)} {sign}{offset.Hours:00}{offset.Minutes:00}] \"{(method < HttpMethods.Length ? HttpMethods[method] : "-")} {Or(uri)} HTTP/{protocol / 1000}.{protocol % 1000}\" {status} {responseBytes} \"{Or(referrer)}\" \"{Or(userAgent)}\"");
    }

    private static string Or(string value) => value.Length > 0 ? value : "-";

    // sflowtool's getString: at most bufLen - 1 bytes kept, C string (cut at the first NUL).
    private static bool TryString(ref SflowReader r, int bufferLength, out string value)
    {
        value = string.Empty;
        if (!r.TryReadOpaque(out var bytes))
        {
            return false;
        }

        if (bytes.Length >= bufferLength)
        {
            bytes = bytes[..(bufferLength - 1)];
        }

        var nul = bytes.IndexOf((byte)0);
        value = Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
        return true;
    }

    private static string Address(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = stackalloc char[40];
        return text[..SflowtoolLineOutput.FormatAddress(bytes, text)].ToString();
    }

    private static uint Word(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32BigEndian(data[at..]);

    private struct Visitor : ISflowVisitor
    {
        private readonly SflowtoolSampleStates _owner;
        private SflowtoolSampleState? _current;

        public Visitor(SflowtoolSampleStates owner)
        {
            _owner = owner;
            _current = null;
        }

        public readonly void OnDatagram(in SflowDatagramHeader header) => _owner.Agent = header.Agent;

        public void OnSample(in SflowSample sample, ReadOnlySpan<byte> body)
        {
            _current = _owner.Next(sample.Kind);
            _current.InputPort = sample.Input;
            _current.OutputPort = sample.Output;
            _current.MeanSkipCount = sample.SamplingRate;
        }

        public readonly bool OnRecord(in SflowSample sample, in SflowRecord record)
        {
            if (_current is null)
            {
                return true;
            }

            if (sample.Kind == SampleKind.Counters)
            {
                SflowtoolSampleStates.Counters(_current, record);
            }
            else if (sample.Kind is SampleKind.Flow or SampleKind.Discard)
            {
                Record(_owner, _current, record);
            }

            return true;
        }

        public readonly void OnSampleEnd(in SflowSample sample)
        {
        }
    }
}
