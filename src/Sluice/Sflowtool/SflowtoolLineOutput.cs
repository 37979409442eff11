using System.Globalization;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Text;

namespace Sluice.Sflowtool;

/// <summary>
/// sflowtool's <c>-l</c>: a <c>FLOW,...</c> line per flow sample and a <c>CNTR,...</c> line per counter sample
/// (sflowtool.md §3.4), with sflowtool's C formats (signed <c>%d</c> for ports, VLANs and sizes).
/// </summary>
internal sealed class SflowtoolLineOutput : SflowtoolSampleOutput
{
    private readonly TextWriter _out;
    private readonly char[] _line = new char[512];
    private int _length;

    public SflowtoolLineOutput(TextWriter output, SflowtoolSampleStates states, SflowtoolVlanFilter? filter, TextWriter errors)
        : base(states, filter, errors)
    {
        _out = output;
    }

    public override void Flush() => _out.Flush();

    protected override void OnSample(SflowtoolSampleState s)
    {
        _length = 0;
        if (s.Kind == SampleKind.Flow)
        {
            Text("FLOW,");
            Agent();
            Signed((int)s.InputPort).Comma().Signed((int)s.OutputPort).Comma();
            Mac(s.EthSource).Comma().Mac(s.EthDestination).Comma();
            Text("0x").Hex(s.EthType, 4).Comma();
            Signed((int)s.InVlan).Comma().Signed((int)s.OutVlan).Comma();
            Ip(s.IpSource, s.IpSourceLength).Comma().Ip(s.IpDestination, s.IpDestinationLength).Comma();
            Signed((int)s.IpProtocol).Comma().Text("0x").Hex(s.IpTos, 2).Comma().Signed((int)s.IpTtl).Comma();
            Signed((int)s.SourcePort).Comma().Signed((int)s.DestinationPort).Comma().Text("0x").Hex(s.TcpFlags, 2).Comma();
            Signed((int)s.SampledPacketSize).Comma();
            Signed((int)(s.SampledPacketSize - s.Stripped - (uint)s.OffsetToIPv4)).Comma();
            Signed((int)s.MeanSkipCount);
        }
        else if (s.Kind == SampleKind.Counters)
        {
            Text("CNTR,");
            Agent();
            for (var i = 0; i < s.Counters.Length; i++)
            {
                if (i > 0)
                {
                    Comma();
                }

                Unsigned(s.Counters[i]);
            }
        }
        else
        {
            return; // sflowtool has no -l line for discard or RT samples
        }

        _line[_length++] = '\n';
        _out.Write(_line, 0, _length);
    }

    /// <summary>sflowtool's address text: dotted quad, uncompressed lower-case IPv6, or <c>-</c>.</summary>
    public static int FormatAddress(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        if (bytes.Length == 4)
        {
            destination.TryWrite(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}", out var written);
            return written;
        }

        if (bytes.Length == 16)
        {
            var at = 0;
            for (var i = 0; i < 16; i++)
            {
                if (i > 0 && i % 2 == 0)
                {
                    destination[at++] = ':';
                }

                destination[at++] = "0123456789abcdef"[bytes[i] >> 4];
                destination[at++] = "0123456789abcdef"[bytes[i] & 0xF];
            }

            return at;
        }

        destination[0] = '-';
        return 1;
    }

    private void Agent()
    {
        var agent = States.Agent.Bytes;
        Ip(agent, agent.Length).Comma();
    }

    private SflowtoolLineOutput Comma()
    {
        _line[_length++] = ',';
        return this;
    }

    private SflowtoolLineOutput Text(string text)
    {
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    private SflowtoolLineOutput Signed(int value)
    {
        value.TryFormat(_line.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    private SflowtoolLineOutput Unsigned(ulong value)
    {
        value.TryFormat(_line.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    // C's %0Nx: at least N lower-case digits.
    private SflowtoolLineOutput Hex(uint value, int digits)
    {
        value.TryFormat(_line.AsSpan(_length), out var written, digits == 4 ? "x4" : "x2", CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    private SflowtoolLineOutput Mac(byte[] mac)
    {
        for (var i = 0; i < 6; i++)
        {
            _line[_length++] = "0123456789abcdef"[mac[i] >> 4];
            _line[_length++] = "0123456789abcdef"[mac[i] & 0xF];
        }

        return this;
    }

    private SflowtoolLineOutput Ip(ReadOnlySpan<byte> address, int length)
    {
        _length += FormatAddress(address[..length], _line.AsSpan(_length));
        return this;
    }
}
