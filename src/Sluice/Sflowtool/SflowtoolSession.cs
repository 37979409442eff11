using System.Net;
using System.Net.Sockets;
using Sluice.Sflow.Pcap;
using Sluice.Sflow.Text;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflowtool;

/// <summary>
/// One run of <c>sluice sflowtool</c>: the output chosen on the command line, fed one datagram at a time by the
/// pcap or socket input. Forwarding replaces decoding entirely, as in sflowtool.
/// </summary>
internal sealed class SflowtoolSession : IDisposable
{
    private readonly SflowtoolOptions _options;
    private readonly TextWriter _errors;
    private readonly SflowtoolStdout? _text;
    private readonly SflowtoolOutput? _output;
    private readonly SflowtoolSampleStates? _states;
    private readonly SflowtoolPcapOutput? _pcapOutput;
    private readonly PcapWriter? _pcap;
    private readonly Socket? _forward4;
    private readonly Socket? _forward6;
    private readonly byte[] _frame = new byte[UdpFrameBuilder.GetFrameLength(false, UdpFrameBuilder.MaxIPv4Payload)];
    private readonly bool _fixedOffset;
    private TimeSpan _utcOffset;

    public SflowtoolSession(SflowtoolOptions options, Stream output, TextWriter errors)
    {
        _options = options;
        _errors = errors;
        var local = options.TimeZone;
        _fixedOffset = !local.SupportsDaylightSavingTime;
        _utcOffset = local.BaseUtcOffset;
        var filter = options.VlanFilter;
        // As in sflowtool, any -f target turns the run into a relay, whatever format option came later.
        switch (options.ForwardingTargets.Count > 0 ? SflowtoolFormat.Forward : options.Format)
        {
            case SflowtoolFormat.Forward:
                foreach (var target in options.ForwardingTargets)
                {
                    if (target.AddressFamily == AddressFamily.InterNetwork)
                    {
                        _forward4 ??= new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    }
                    else
                    {
                        _forward6 ??= new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                    }
                }

                return;
            case SflowtoolFormat.Pcap or SflowtoolFormat.PcapDiscards or SflowtoolFormat.PcapDatagrams:
                // sflowtool writes the file header at start-up, so a reader sees it before the first packet.
                _pcap = new PcapWriter(output, new PcapWriterOptions { FlushEachRecord = true }, leaveOpen: true);
                if (options.Format == SflowtoolFormat.PcapDatagrams)
                {
                    _output = new SflowtoolDiscardOutput(errors);
                }
                else
                {
                    _states = new SflowtoolSampleStates();
                    _pcapOutput = new SflowtoolPcapOutput(_pcap, options.Format == SflowtoolFormat.PcapDiscards, options.RedactPayload, _states, filter, errors);
                    _output = _pcapOutput;
                }

                return;
        }

        _text = new SflowtoolStdout(output);
        switch (options.Format)
        {
            case SflowtoolFormat.Json:
                _output = new SflowtoolJsonWriter(_text, errors, options.JsonIndented);
                break;
            case SflowtoolFormat.Grep:
                _output = new SflowtoolTextWriter(_text, errors, grep: true);
                break;
            case SflowtoolFormat.Line:
                _states = new SflowtoolSampleStates();
                _output = new SflowtoolLineOutput(_text, _states, filter, errors);
                break;
            case SflowtoolFormat.CommonLog:
                _states = new SflowtoolSampleStates();
                _output = new SflowtoolCommonLogOutput(_text, _states, filter, errors);
                break;
            case SflowtoolFormat.Fields:
                _states = filter is null ? null : new SflowtoolSampleStates();
                _output = new SflowtoolFieldsOutput(_text, options.Fields, _states, filter, errors);
                break;
            default:
                _output = new SflowtoolTextWriter(_text, errors);
                break;
        }
    }

    /// <summary>Socket input flushes after every datagram; file input only at the end.</summary>
    public bool Live
    {
        set
        {
            if (_text is not null)
            {
                _text.FlushEachDatagram = value;
            }
        }
    }

    /// <summary>Handles one datagram read from a pcap record.</summary>
    public void FromPcap(ReadOnlySpan<byte> datagram, long timestampNs)
    {
        if (Forward(datagram))
        {
            return;
        }

        var seconds = timestampNs / 1_000_000_000;
        var micros = (int)(timestampNs % 1_000_000_000 / 1000);
        var context = SflowtoolContext.FromPcap(seconds, micros, Offset(seconds));
        Format(datagram, context, seconds, timestampNs / 1000 * 1000);
    }

    /// <summary>Handles one datagram received on a socket.</summary>
    public void FromSocket(ReadOnlySpan<byte> datagram, SflowAddress source, DateTimeOffset received)
    {
        if (Forward(datagram))
        {
            return;
        }

        var seconds = received.ToUnixTimeSeconds();
        var context = SflowtoolContext.FromSocket(source, received, Offset(seconds));
        var timestampNs = context.ReceiveSeconds * 1_000_000_000 + context.ReceiveMicroseconds * 1000L;
        if (_options.Format == SflowtoolFormat.PcapDatagrams && _pcap is not null)
        {
            // -M: the datagram in a dummy Ethernet/IPv4/UDP frame, 0.0.0.0 to 0.0.0.0, port 6343 both ways.
            var any = IpAddressBytes.FromIPv4(0);
            var length = UdpFrameBuilder.Write(_frame, [0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 1], any, 6343, any, 6343, datagram);
            _pcap.WriteRecord(timestampNs, _frame.AsSpan(0, length));
        }

        Format(datagram, context, seconds, timestampNs);
    }

    public void Flush()
    {
        _text?.FlushNow();
        _pcap?.Flush();
    }

    public void Dispose()
    {
        Flush();
        _text?.Dispose();
        _pcap?.Dispose();
        _forward4?.Dispose();
        _forward6?.Dispose();
    }

    private void Format(ReadOnlySpan<byte> datagram, in SflowtoolContext context, long seconds, long timestampNs)
    {
        if (_output is null)
        {
            return;
        }

        _states?.Decode(datagram, seconds, context.UtcOffset);
        if (_pcapOutput is not null)
        {
            _pcapOutput.TimestampNs = timestampNs;
        }

        SflowtoolFormatter.Format(datagram, context, _output);
    }

    private TimeSpan Offset(long seconds)
    {
        if (!_fixedOffset)
        {
            _utcOffset = _options.TimeZone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(seconds));
        }

        return _utcOffset;
    }

    private bool Forward(ReadOnlySpan<byte> datagram)
    {
        if (_options.ForwardingTargets.Count == 0)
        {
            return false;
        }

        foreach (var target in _options.ForwardingTargets)
        {
            var socket = target.AddressFamily == AddressFamily.InterNetwork ? _forward4 : _forward6;
            try
            {
                var sent = socket!.SendTo(datagram, SocketFlags.None, target);
                if (sent != datagram.Length)
                {
                    _errors.Write($"sendto returned {sent} (expected {datagram.Length}): short write\n");
                }
            }
            catch (SocketException e)
            {
                _errors.Write($"sendto returned -1 (expected {datagram.Length}): {e.Message}\n");
            }
        }

        return true;
    }

    /// <summary>An output that prints nothing: <c>-M</c> still decodes so that decode errors reach stderr.</summary>
    private sealed class SflowtoolDiscardOutput(TextWriter errors) : SflowtoolOutput(errors)
    {
        public override bool IsStructured => false;

        public override void StartDatagram()
        {
        }

        public override void EndDatagram()
        {
        }

        public override void StartSample()
        {
        }

        public override void EndSample()
        {
        }

        public override void StartArray(string name)
        {
        }

        public override void EndArray()
        {
        }

        public override void StartObject()
        {
        }

        public override void EndObject()
        {
        }

        public override void Field(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
        {
        }

        public override void ArrayValue(ReadOnlySpan<char> value)
        {
        }

        public override void TextLine(ReadOnlySpan<char> line)
        {
        }
    }
}
