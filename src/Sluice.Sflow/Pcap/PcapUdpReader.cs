namespace Sluice.Sflow.Pcap;

/// <summary>
/// Reads the UDP datagrams of a classic pcap capture: <see cref="PcapReader"/> + <see cref="UdpPayloadExtractor"/>
/// + <see cref="Ipv4Reassembler"/>. Records that carry no wanted datagram are skipped and counted by reason, so a
/// CLI can report them ("12 non-UDP, 3 to other ports skipped").
/// </summary>
/// <remarks>
/// A damaged capture (truncated last record, absurd length) raises <see cref="PcapFormatException"/> from
/// <see cref="TryRead"/>; the datagrams already returned stay valid results and the counters stay readable.
/// IPv6 fragments are not reassembled: they are counted in <see cref="FragmentsDropped"/>.
/// </remarks>
public sealed class PcapUdpReader : IDisposable
{
    private readonly PcapReader _reader;
    private readonly Ipv4Reassembler? _reassembler;
    private readonly int? _port;
    private long _unreassembledFragments;
    private bool _finished;

    public PcapUdpReader(Stream stream, PcapUdpReaderOptions? options = null, bool leaveOpen = false)
    {
        options ??= new PcapUdpReaderOptions();
        _reader = new PcapReader(stream, leaveOpen);
        _port = options.Port;
        _reassembler = options.Reassemble ? new Ipv4Reassembler(options.Reassembler) : null;
    }

    /// <summary>The underlying reader, for the global header fields (link type, snaplen, version).</summary>
    public PcapReader Pcap => _reader;

    public long Records { get; private set; }

    public long Datagrams { get; private set; }

    public long NotIp { get; private set; }

    public long NotUdp { get; private set; }

    public long WrongPort { get; private set; }

    public long Truncated { get; private set; }

    public long Malformed { get; private set; }

    public long UnsupportedLinkType { get; private set; }

    public long Fragments { get; private set; }

    public long DatagramsReassembled => _reassembler?.DatagramsReassembled ?? 0;

    public long FragmentsDropped => (_reassembler?.FragmentsDropped ?? 0) + _unreassembledFragments;

    /// <summary>
    /// Reads until the next wanted UDP datagram. Returns false at the end of the capture; fragments still pending
    /// then are counted as dropped.
    /// </summary>
    public bool TryRead(out PcapUdpDatagram datagram)
    {
        datagram = default;
        while (_reader.TryReadRecord(out var record))
        {
            Records++;
            var frame = record.Span;
            var result = UdpPayloadExtractor.TryExtract(_reader.LinkType, frame, _port, out var info);
            switch (result)
            {
                case UdpExtractResult.Ok:
                    Datagrams++;
                    datagram = new PcapUdpDatagram(
                        record.Index,
                        record.TimestampNs,
                        info.Source,
                        info.SourcePort,
                        info.Destination,
                        info.DestinationPort,
                        record.Data.Slice(info.PayloadOffset, info.Payload.Length),
                        reassembled: false);
                    return true;
                case UdpExtractResult.Fragment:
                    Fragments++;
                    if (TryReassemble(record, info, out datagram))
                    {
                        Datagrams++;
                        return true;
                    }

                    break;
                default:
                    Count(result);
                    break;
            }
        }

        if (!_finished)
        {
            _finished = true;
            _reassembler?.Clear();
        }

        return false;
    }

    public void Dispose() => _reader.Dispose();

    private bool TryReassemble(in PcapRecord record, in UdpDatagramInfo info, out PcapUdpDatagram datagram)
    {
        datagram = default;
        if (_reassembler is null || info.IpVersion != 4)
        {
            _unreassembledFragments++;
            return false;
        }

        if (_reassembler.Add(record.TimestampNs, info, out var whole) != Ipv4ReassemblyResult.Complete)
        {
            return false;
        }

        var result = UdpPayloadExtractor.TryParseUdp(whole.Span, 4, info.Source, info.Destination, _port, out var udp);
        if (result != UdpExtractResult.Ok)
        {
            Count(result);
            return false;
        }

        datagram = new PcapUdpDatagram(
            record.Index,
            record.TimestampNs,
            udp.Source,
            udp.SourcePort,
            udp.Destination,
            udp.DestinationPort,
            whole.Slice(udp.PayloadOffset, udp.Payload.Length),
            reassembled: true);
        return true;
    }

    private void Count(UdpExtractResult result)
    {
        switch (result)
        {
            case UdpExtractResult.NotIp:
                NotIp++;
                break;
            case UdpExtractResult.NotUdp:
                NotUdp++;
                break;
            case UdpExtractResult.WrongPort:
                WrongPort++;
                break;
            case UdpExtractResult.Truncated:
                Truncated++;
                break;
            case UdpExtractResult.UnsupportedLinkType:
                UnsupportedLinkType++;
                break;
            default:
                Malformed++;
                break;
        }
    }
}
