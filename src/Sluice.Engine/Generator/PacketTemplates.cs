using System.Buffers.Binary;
using System.Text;

namespace Sluice.Engine.Generator;

/// <summary>
/// The traffic model, built once: a few thousand packets (one per conversation and packet kind: SYN, SYN-ACK,
/// request, data, ACK, FIN, DNS query and response, ...) with their sampled headers fully encoded, and a cumulative
/// weight table that picks one per flow sample with a binary search. Picking from precomputed packets is what
/// keeps a flow sample down to a few copies.
/// </summary>
internal sealed class PacketTemplates
{
    /// <summary>sFlow v5 sampled_header: at most this many bytes of each packet are kept (sflowtool's default).</summary>
    public const int HeaderBytes = 128;

    private const int EthernetFcs = 4;
    private const byte TcpFin = 0x01;
    private const byte TcpSyn = 0x02;
    private const byte TcpPsh = 0x08;
    private const byte TcpAck = 0x10;

    private static readonly string[] DnsNames =
    [
        "www.google.com", "api.github.com", "outlook.office365.com", "www.bbc.co.uk", "cdn.jsdelivr.net",
        "time.cloudflare.com", "sflow.org", "www.wikipedia.org", "s3.amazonaws.com", "www.netflix.com",
        "update.microsoft.com", "registry.npmjs.org", "pypi.org", "www.amazon.de", "www.lemonde.fr", "www3.nhk.or.jp",
        "login.microsoftonline.com", "graph.facebook.com", "i.ytimg.com", "slack.com", "zoom.us", "www.baidu.com",
        "www.naver.com", "www.globo.com", "yandex.ru", "www.abc.net.au", "www.apple.com", "dns.google",
    ];

    private readonly List<byte[]> _headers = [];
    private readonly List<int> _frameLengths = [];
    private readonly List<ushort> _vlans = [];
    private readonly List<TrafficClass> _classes = [];
    private readonly List<double> _weights = [];
    private readonly byte[] _scratch = new byte[256];
    private FastRandom _random;

    public PacketTemplates(FleetOptions options)
    {
        _random = new FastRandom(options.Seed ^ 0x5EED_7AFF_1C00UL);
        var mix = options.Mix;
        Span<double> shares = [mix.Web, mix.Dns, mix.Ssh, mix.Ntp, mix.Icmp, mix.Other];
        var shareTotal = 0.0;
        foreach (var share in shares)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(share, nameof(options.Mix));
            shareTotal += share;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shareTotal, 0, nameof(options.Mix));
        for (var c = 0; c < shares.Length; c++)
        {
            if (shares[c] <= 0)
            {
                continue;
            }

            var conversations = Math.Max(4, (int)(options.Conversations * shares[c] / shareTotal));
            var zipfTotal = 0.0;
            for (var k = 1; k <= conversations; k++)
            {
                zipfTotal += Math.Pow(k, -mix.ZipfExponent);
            }

            for (var k = 1; k <= conversations; k++)
            {
                var weight = shares[c] / shareTotal * Math.Pow(k, -mix.ZipfExponent) / zipfTotal;
                var ipv6 = _random.NextDouble() < mix.IPv6Share;
                AddConversation((TrafficClass)c, ipv6, weight);
            }
        }

        if (options.Attack is { } attack)
        {
            // The normal weights sum to 1: the attack's weight makes it Share of all samples.
            AddAttack(attack, attack.Share / (1 - attack.Share));
        }

        Headers = [.. _headers];
        FrameLengths = [.. _frameLengths];
        Vlans = [.. _vlans];
        Classes = [.. _classes];
        Cumulative = new double[_weights.Count];
        var total = 0.0;
        var bytes = 0.0;
        for (var i = 0; i < _weights.Count; i++)
        {
            total += _weights[i];
            bytes += _weights[i] * (_frameLengths[i] - EthernetFcs);
            Cumulative[i] = total;
        }

        for (var i = 0; i < Cumulative.Length; i++)
        {
            Cumulative[i] /= total;
        }

        Cumulative[^1] = 1.0;
        MeanFrameBytes = bytes / total;
    }

    public byte[][] Headers { get; }

    /// <summary>frame_length as sFlow reports it: the whole frame including the 4-byte FCS.</summary>
    public int[] FrameLengths { get; }

    public ushort[] Vlans { get; }

    public TrafficClass[] Classes { get; }

    /// <summary>Cumulative probabilities, last = 1.</summary>
    public double[] Cumulative { get; }

    /// <summary>Mean frame size (without FCS) of a sampled packet: what interface counters grow by per packet.</summary>
    public double MeanFrameBytes { get; }

    public int Count => Headers.Length;

    /// <summary>The template for a uniform draw in [0, 1).</summary>
    public int Pick(double u) => WeightedPick.Index(Cumulative, u);

    private void AddConversation(TrafficClass traffic, bool ipv6, double weight)
    {
        var c = new Conversation { Ipv6 = ipv6, Vlan = (ushort)(10 + _random.Next(8)) };
        NextAddresses(ref c, traffic);
        c.ClientPort = (ushort)_random.Next(32768, 61000);
        switch (traffic)
        {
            case TrafficClass.Web when _random.NextDouble() < 0.15:
                // QUIC: UDP 443, full-size packets downstream, small ones up.
                c.ServerPort = 443;
                AddUdp(traffic, c, toServer: false, 1292 + 60, [], weight * 0.65);
                AddUdp(traffic, c, toServer: true, 1292 + 60, [], weight * 0.10);
                AddUdp(traffic, c, toServer: true, 90, [], weight * 0.25);
                break;
            case TrafficClass.Web:
                c.ServerPort = (ushort)(_random.NextDouble() < 0.85 ? 443 : 80);
                AddTcpConversation(traffic, c, weight, dataFrame: 1518, requestFrame: 600);
                break;
            case TrafficClass.Ssh:
                c.ServerPort = 22;
                AddTcpConversation(traffic, c, weight, dataFrame: _random.NextDouble() < 0.3 ? 1518 : 160, requestFrame: 130);
                break;
            case TrafficClass.Other when _random.NextDouble() < 0.6:
                c.ServerPort = OtherPort();
                AddTcpConversation(traffic, c, weight, dataFrame: _random.Next(200, 1519), requestFrame: _random.Next(90, 600));
                break;
            case TrafficClass.Other:
                c.ServerPort = OtherPort();
                AddUdp(traffic, c, toServer: false, _random.Next(90, 1519), [], weight * 0.5);
                AddUdp(traffic, c, toServer: true, _random.Next(90, 1519), [], weight * 0.5);
                break;
            case TrafficClass.Dns:
                c.ServerPort = 53;
                AddDns(c, weight);
                break;
            case TrafficClass.Ntp:
                c.ServerPort = 123;
                c.ClientPort = (ushort)(_random.NextDouble() < 0.5 ? 123 : c.ClientPort);
                AddNtp(c, weight);
                break;
            case TrafficClass.Icmp:
                AddIcmp(c, weight);
                break;
        }
    }

    /// <summary>The flood: one packet template per attacking source, all towards the target.</summary>
    private void AddAttack(AttackTraffic attack, double weight)
    {
        for (var source = 0; source < attack.Sources; source++)
        {
            var c = new Conversation { Ipv6 = attack.IsIPv6, Vlan = (ushort)(10 + _random.Next(8)) };
            var victim = attack.Target.GetAddressBytes();
            var attacker = new byte[16];
            if (attack.IsIPv6)
            {
                AddressRanges.WriteOutsideIPv6(ref _random, attacker);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(attacker, AddressRanges.NextOutsideIPv4(ref _random));
            }

            WriteMac(c.ClientMac, 0x001C73u);
            WriteMac(c.ServerMac, 0x001B21u);
            var share = weight / attack.Sources;
            if (attack.ServicePort == 0)
            {
                // SYN flood: spoofed clients open connections to the victim's web port.
                attacker.CopyTo(c.Client, 0);
                victim.CopyTo(c.Server, 0);
                c.ClientPort = (ushort)_random.Next(1024, 65536);
                c.ServerPort = 80;
                AddTcp(TrafficClass.Attack, c, toServer: true, TcpSyn, EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 40, share);
                continue;
            }

            // Amplification: reflectors answer, from their service port, the queries spoofed with the victim's address.
            victim.CopyTo(c.Client, 0);
            attacker.CopyTo(c.Server, 0);
            c.ClientPort = (ushort)_random.Next(1024, 65536);
            c.ServerPort = attack.ServicePort;
            AddUdp(TrafficClass.Attack, c, toServer: false, _random.Next(1200, 1519), [], share);
        }
    }

    private ushort OtherPort()
    {
        ReadOnlySpan<ushort> services = [25, 993, 3306, 5432, 6379, 8080, 9092, 1194, 5060, 3389];
        return _random.NextDouble() < 0.5 ? services[_random.Next(services.Length)] : (ushort)_random.Next(1024, 32768);
    }

    private void NextAddresses(ref Conversation c, TrafficClass traffic)
    {
        // Mostly inside clients talking to outside servers; some outside clients reaching inside servers.
        var insideClient = traffic is TrafficClass.Dns or TrafficClass.Ntp || _random.NextDouble() < 0.8;
        if (c.Ipv6)
        {
            if (insideClient)
            {
                AddressRanges.WriteInsideIPv6(ref _random, c.Client);
                AddressRanges.WriteOutsideIPv6(ref _random, c.Server);
            }
            else
            {
                AddressRanges.WriteOutsideIPv6(ref _random, c.Client);
                AddressRanges.WriteInsideIPv6(ref _random, c.Server);
            }

            if (traffic == TrafficClass.Dns)
            {
                // Google public DNS, 2001:4860:4860::8888.
                BinaryPrimitives.WriteUInt64BigEndian(c.Server, 0x2001_4860_4860_0000UL);
                BinaryPrimitives.WriteUInt64BigEndian(c.Server.AsSpan(8), 0x8888);
            }
        }
        else
        {
            var inside = AddressRanges.NextInsideIPv4(ref _random);
            var outside = traffic == TrafficClass.Dns
                ? AddressRanges.PublicResolvers[_random.Next(AddressRanges.PublicResolvers.Length)]
                : AddressRanges.NextOutsideIPv4(ref _random);
            BinaryPrimitives.WriteUInt32BigEndian(c.Client, insideClient ? inside : outside);
            BinaryPrimitives.WriteUInt32BigEndian(c.Server, insideClient ? outside : inside);
        }

        // Inside hosts get an Intel NIC OUI; the far side is the gateway router's MAC (Arista OUI).
        WriteMac(c.ClientMac, insideClient ? 0x001B21u : 0x001C73u);
        WriteMac(c.ServerMac, insideClient ? 0x001C73u : 0x001B21u);
    }

    private void WriteMac(Span<byte> mac, uint oui)
    {
        mac[0] = (byte)(oui >> 16);
        mac[1] = (byte)(oui >> 8);
        mac[2] = (byte)oui;
        mac[3] = (byte)_random.Next(256);
        mac[4] = (byte)_random.Next(256);
        mac[5] = (byte)_random.Next(256);
    }

    private void AddTcpConversation(TrafficClass traffic, in Conversation c, double weight, int dataFrame, int requestFrame)
    {
        var small = EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 32;
        var syn = small + 8;
        AddTcp(traffic, c, toServer: true, TcpSyn, syn, weight * 0.015);
        AddTcp(traffic, c, toServer: false, TcpSyn | TcpAck, syn, weight * 0.015);
        AddTcp(traffic, c, toServer: true, TcpPsh | TcpAck, Math.Max(requestFrame, small), weight * 0.05);
        AddTcp(traffic, c, toServer: false, TcpAck, Math.Max(dataFrame, small), weight * 0.45);
        AddTcp(traffic, c, toServer: false, TcpPsh | TcpAck, Math.Max(dataFrame, small), weight * 0.10);
        AddTcp(traffic, c, toServer: true, TcpAck, small, weight * 0.35);
        AddTcp(traffic, c, toServer: true, TcpFin | TcpAck, small, weight * 0.01);
        AddTcp(traffic, c, toServer: false, TcpFin | TcpAck, small, weight * 0.01);
    }

    private void AddTcp(TrafficClass traffic, in Conversation c, bool toServer, byte flags, int frameLength, double weight)
    {
        var span = _scratch.AsSpan();
        span.Clear();
        var ip = WriteEthernetAndIp(span, c, toServer, protocol: 6, frameLength);
        var tcp = span[ip..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, toServer ? c.ClientPort : c.ServerPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], toServer ? c.ServerPort : c.ClientPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], _random.NextUInt32());
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], flags == TcpSyn ? 0 : _random.NextUInt32());
        var synOptions = (flags & TcpSyn) != 0;
        tcp[12] = (byte)((synOptions ? 10 : 8) << 4);
        tcp[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], synOptions ? (ushort)64240 : (ushort)501);
        _random.Next(65536); // the checksum was once random: drawing it keeps every seed's traffic as it was
        var options = tcp[20..];
        if (synOptions)
        {
            // MSS 1460, SACK permitted, timestamps, NOP, window scale 7: what Linux sends.
            ReadOnlySpan<byte> syn = [2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7];
            syn.CopyTo(options);
            BinaryPrimitives.WriteUInt32BigEndian(options[8..], _random.NextUInt32());
        }
        else
        {
            options[0] = 1;
            options[1] = 1;
            options[2] = 8;
            options[3] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(options[4..], _random.NextUInt32());
            BinaryPrimitives.WriteUInt32BigEndian(options[8..], _random.NextUInt32());
        }

        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], TransportChecksum(span, c.Ipv6, protocol: 6, ip, frameLength - EthernetFcs - ip));
        Add(traffic, c.Vlan, frameLength, weight);
    }

    private void AddUdp(TrafficClass traffic, in Conversation c, bool toServer, int frameLength, ReadOnlySpan<byte> payload, double weight)
    {
        var span = _scratch.AsSpan();
        span.Clear();
        var minimum = EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 8 + payload.Length;
        frameLength = Math.Max(Math.Max(frameLength, minimum), 64);
        var ip = WriteEthernetAndIp(span, c, toServer, protocol: 17, frameLength);
        var udp = span[ip..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, toServer ? c.ClientPort : c.ServerPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], toServer ? c.ServerPort : c.ClientPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(frameLength - EthernetFcs - ip));
        _random.Next(1, 65536); // the checksum was once random: drawing it keeps every seed's traffic as it was
        var room = Math.Min(payload.Length, span.Length - ip - 8);
        payload[..room].CopyTo(udp[8..]);
        var checksum = TransportChecksum(span, c.Ipv6, protocol: 17, ip, frameLength - EthernetFcs - ip);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], checksum == 0 ? (ushort)0xFFFF : checksum); // RFC 768: 0 means none
        Add(traffic, c.Vlan, frameLength, weight);
    }

    private void AddDns(in Conversation c, double weight)
    {
        // A query and its response for a real name (RFC 1035 §4.1): A for IPv4 conversations, AAAA for IPv6.
        var name = DnsNames[_random.Next(DnsNames.Length)];
        var message = new byte[12 + name.Length + 2 + 4 + 16 + 16];
        var id = (ushort)_random.Next(65536);
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 0x0100); // standard query, recursion desired
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        var at = 12;
        foreach (var label in name.Split('.'))
        {
            message[at++] = (byte)label.Length;
            at += Encoding.ASCII.GetBytes(label, message.AsSpan(at));
        }

        message[at++] = 0;
        var qtype = (ushort)(c.Ipv6 ? 28 : 1);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(at), qtype);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(at + 2), 1);
        var queryLength = at + 4;
        var overhead = EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 8;
        AddUdp(TrafficClass.Dns, c, toServer: true, overhead + queryLength, message.AsSpan(0, queryLength), weight * 0.5);

        // The response: QR, RD, RA, one answer pointing back at the question name (0xC00C).
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), 0x8180);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), 1);
        var answer = message.AsSpan(queryLength);
        BinaryPrimitives.WriteUInt16BigEndian(answer, 0xC00C);
        BinaryPrimitives.WriteUInt16BigEndian(answer[2..], qtype);
        BinaryPrimitives.WriteUInt16BigEndian(answer[4..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(answer[6..], (uint)_random.Next(30, 3600));
        var dataLength = c.Ipv6 ? 16 : 4;
        BinaryPrimitives.WriteUInt16BigEndian(answer[10..], (ushort)dataLength);
        if (c.Ipv6)
        {
            AddressRanges.WriteOutsideIPv6(ref _random, answer[12..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(answer[12..], AddressRanges.NextOutsideIPv4(ref _random));
        }

        var responseLength = queryLength + 12 + dataLength;
        AddUdp(TrafficClass.Dns, c, toServer: false, overhead + responseLength, message.AsSpan(0, responseLength), weight * 0.5);
    }

    private void AddNtp(in Conversation c, double weight)
    {
        // NTPv4 (RFC 5905): LI 0, VN 4, mode 3 (client) then mode 4 (server); 48 bytes.
        Span<byte> ntp = stackalloc byte[48];
        ntp[0] = 0x23;
        BinaryPrimitives.WriteUInt64BigEndian(ntp[40..], _random.NextUInt64());
        var frame = EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 8 + 48;
        AddUdp(TrafficClass.Ntp, c, toServer: true, frame, ntp, weight * 0.5);
        ntp[0] = 0x24;
        ntp[1] = 2; // stratum
        BinaryPrimitives.WriteUInt64BigEndian(ntp[24..], _random.NextUInt64());
        AddUdp(TrafficClass.Ntp, c, toServer: false, frame, ntp, weight * 0.5);
    }

    private void AddIcmp(in Conversation c, double weight)
    {
        // Echo request and reply (RFC 792 types 8/0; RFC 4443 types 128/129), 56 bytes of data like ping.
        var frame = EthernetFcs + 14 + (c.Ipv6 ? 40 : 20) + 8 + 56;
        var identifier = (ushort)_random.Next(65536);
        var sequence = (ushort)_random.Next(65536);
        for (var reply = 0; reply < 2; reply++)
        {
            var span = _scratch.AsSpan();
            span.Clear();
            var ip = WriteEthernetAndIp(span, c, toServer: reply == 0, protocol: (byte)(c.Ipv6 ? 58 : 1), frame);
            var icmp = span[ip..];
            icmp[0] = (byte)(c.Ipv6 ? 128 + reply : (reply == 0 ? 8 : 0));
            _random.Next(65536); // the checksum was once random: drawing it keeps every seed's traffic as it was
            BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
            BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequence);

            // ICMPv6 sums a pseudo-header like UDP (RFC 4443 §2.3); ICMPv4 the message alone (RFC 792).
            var length = frame - EthernetFcs - ip;
            BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], c.Ipv6 ? TransportChecksum(span, ipv6: true, protocol: 58, ip, length) : Ipv4Checksum(icmp[..length]));
            Add(TrafficClass.Icmp, c.Vlan, frame, weight * 0.5);
        }
    }

    /// <summary>Writes Ethernet II and the IP header; returns the offset of the transport header.</summary>
    private int WriteEthernetAndIp(Span<byte> span, in Conversation c, bool toServer, byte protocol, int frameLength)
    {
        (toServer ? c.ServerMac : c.ClientMac).CopyTo(span);
        (toServer ? c.ClientMac : c.ServerMac).CopyTo(span[6..]);
        var source = toServer ? c.Client : c.Server;
        var destination = toServer ? c.Server : c.Client;
        var ipLength = frameLength - EthernetFcs - 14;
        if (c.Ipv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x86DD);
            var ip = span[14..];
            BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000u | (_random.NextUInt32() & 0xFFFFF));
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(ipLength - 40));
            ip[6] = protocol;
            ip[7] = 64;
            source.AsSpan(0, 16).CopyTo(ip[8..]);
            destination.AsSpan(0, 16).CopyTo(ip[24..]);
            return 14 + 40;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);
            var ip = span[14..];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)_random.Next(65536));
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
            ip[8] = (byte)(toServer ? 64 : 52);
            ip[9] = protocol;
            source.AsSpan(0, 4).CopyTo(ip[12..]);
            destination.AsSpan(0, 4).CopyTo(ip[16..]);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip[..20]));
            return 14 + 20;
        }
    }

    private void Add(TrafficClass traffic, ushort vlan, int frameLength, double weight)
    {
        var captured = Math.Min(HeaderBytes, frameLength - EthernetFcs);
        _headers.Add(_scratch.AsSpan(0, captured).ToArray());
        _frameLengths.Add(frameLength);
        _vlans.Add(vlan);
        _classes.Add(traffic);
        _weights.Add(weight);
    }

    /// <summary>
    /// The TCP or UDP checksum (RFC 793, RFC 768, RFC 8200 §8.1): pseudo-header plus the segment. The bytes past the
    /// scratch buffer are the payload's zero padding, which adds nothing to the sum. Templates are built once, so this
    /// costs nothing per sample.
    /// </summary>
    private static ushort TransportChecksum(ReadOnlySpan<byte> frame, bool ipv6, byte protocol, int offset, int length)
    {
        uint sum = (uint)protocol + (uint)length;
        var addresses = ipv6 ? frame.Slice(14 + 8, 32) : frame.Slice(14 + 12, 8);
        for (var i = 0; i < addresses.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(addresses[i..]);
        }

        var segment = frame.Slice(offset, Math.Min(length, frame.Length - offset));
        for (var i = 0; i + 1 < segment.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(segment[i..]);
        }

        if ((segment.Length & 1) != 0)
        {
            sum += (uint)segment[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        // RFC 1071 one's-complement sum.
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private struct Conversation
    {
        public bool Ipv6;
        public ushort Vlan;
        public ushort ClientPort;
        public ushort ServerPort;
        public byte[] Client;
        public byte[] Server;
        public byte[] ClientMac;
        public byte[] ServerMac;

        public Conversation()
        {
            Client = new byte[16];
            Server = new byte[16];
            ClientMac = new byte[6];
            ServerMac = new byte[6];
        }
    }
}
