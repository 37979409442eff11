using System.Buffers.Binary;
using System.Collections.Frozen;
using Sluice.Sflow.Datagrams;
using Sluice.Sflow.Records;
using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Text;

/// <summary>
/// Prints one record body: the sflowtool banner line (<c>extendedType SWITCH</c>, <c>flowSampleType HTTP</c>, ...)
/// then the fields. Records with sflowtool-specific shapes are validated against their layout first and then
/// printed by a small record-specific routine; all others go through the generic field sink.
/// </summary>
internal static class SflowtoolRecordPrinter
{
    // The first line sflowtool prints for a record (sflowtool.md §4.2), by flow record tag.
    private static readonly FrozenDictionary<uint, (string Name, string Value)> FlowBanners =
        new Dictionary<uint, (string, string)>
        {
            [FlowRecordTags.ExtendedSwitch.Value] = ("extendedType", "SWITCH"),
            [FlowRecordTags.ExtendedRouter.Value] = ("extendedType", "ROUTER"),
            [FlowRecordTags.ExtendedUser.Value] = ("extendedType", "USER"),
            [FlowRecordTags.ExtendedUrl.Value] = ("extendedType", "URL"),
            [FlowRecordTags.ExtendedMpls.Value] = ("extendedType", "MPLS"),
            [FlowRecordTags.ExtendedNat.Value] = ("extendedType", "NAT"),
            [FlowRecordTags.ExtendedNatPort.Value] = ("extendedType", "NAT PORT"),
            [FlowRecordTags.ExtendedDecapOut.Value] = ("extendedType", "out_decap"),
            [FlowRecordTags.ExtendedDecapIn.Value] = ("extendedType", "in_decap"),
            [FlowRecordTags.ExtendedVniOut.Value] = ("extendedType", "out_VNI"),
            [FlowRecordTags.ExtendedVniIn.Value] = ("extendedType", "in_VNI"),
            [FlowRecordTags.ExtendedEgressQueue.Value] = ("extendedType", "egress_queue"),
            [FlowRecordTags.ExtendedFunction.Value] = ("extendedType", "function"),
            [FlowRecordTags.ExtendedTransitDelay.Value] = ("extendedType", "transit_delay"),
            [FlowRecordTags.ExtendedQueueDepth.Value] = ("extendedType", "queue_depth"),
            [FlowRecordTags.ExtendedHardwareTrap.Value] = ("extendedType", "hw_trap"),
            [FlowRecordTags.ExtendedLinuxDropReason.Value] = ("extendedType", "linux_reason"),
            [FlowRecordTags.ExtendedTimestamp.Value] = ("extendedType", "timestamp"),
            [FlowRecordTags.ExtendedSocketIPv4.Value] = ("extendedType", "socket4"),
            [FlowRecordTags.ExtendedSocketIPv6.Value] = ("extendedType", "socket6"),
            [FlowRecordTags.ExtendedProxySocketIPv4.Value] = ("extendedType", "proxy_socket4"),
            [FlowRecordTags.ExtendedProxySocketIPv6.Value] = ("extendedType", "proxy_socket6"),
            [FlowRecordTags.ExtendedEntities.Value] = ("extendedType", "entities"),
            [FlowRecordTags.MemcacheOperation.Value] = ("flowSampleType", "memcache"),
            [FlowRecordTags.HttpRequestDeprecated.Value] = ("flowSampleType", "http"),
            [FlowRecordTags.HttpRequest.Value] = ("flowSampleType", "http"),
            [FlowRecordTags.AppOperation.Value] = ("flowSampleType", "applicationOperation"),
        }.ToFrozenDictionary();

    // Tunnel records reuse the sampled Ethernet/IPv4/IPv6 printers under a field prefix.
    private static readonly FrozenDictionary<uint, string> TunnelPrefixes = new Dictionary<uint, string>
    {
        [FlowRecordTags.ExtendedL2TunnelOut.Value] = "tunnel_l2_out_",
        [FlowRecordTags.ExtendedL2TunnelIn.Value] = "tunnel_l2_in_",
        [FlowRecordTags.ExtendedIPv4TunnelOut.Value] = "tunnel_ipv4_out_",
        [FlowRecordTags.ExtendedIPv4TunnelIn.Value] = "tunnel_ipv4_in_",
        [FlowRecordTags.ExtendedIPv6TunnelOut.Value] = "tunnel_ipv6_out_",
        [FlowRecordTags.ExtendedIPv6TunnelIn.Value] = "tunnel_ipv6_in_",
    }.ToFrozenDictionary();

    public static RecordWalkResult Print(SflowtoolEmitter e, RecordLayout layout, ReadOnlySpan<byte> body, uint version)
    {
        var tag = layout.Tag;
        if (!layout.IsCounter && FlowBanners.TryGetValue(tag.Value, out var banner))
        {
            e.Field(banner.Name, banner.Value);
        }

        if (IsSpecial(layout))
        {
            var result = RecordWalker.Validate(layout, body, version);
            if (!result.IsSuccess)
            {
                // Print what the generic rules can, as sflowtool prints fields before it notices the error.
                var partial = new SflowtoolFieldSink(e);
                RecordWalker.Walk(layout, body, version, ref partial);
                return result;
            }

            PrintSpecial(e, layout, body, version);
            return result;
        }

        var sink = new SflowtoolFieldSink(e);
        return RecordWalker.Walk(layout, body, version, ref sink);
    }

    private static bool IsSpecial(RecordLayout layout)
    {
        var tag = layout.Tag;
        if (layout.IsCounter)
        {
            return tag == CounterRecordTags.HostAdapters || tag == CounterRecordTags.Sfp;
        }

        return tag == FlowRecordTags.SampledHeader || tag == FlowRecordTags.SampledEthernet
            || tag == FlowRecordTags.SampledIPv4 || tag == FlowRecordTags.SampledIPv6
            || tag == FlowRecordTags.ExtendedGateway || tag == FlowRecordTags.Extended80211Payload
            || tag == FlowRecordTags.ExtendedUser
            || TunnelPrefixes.ContainsKey(tag.Value);
    }

    // Only called on bodies the layout walker accepted, so every read below is in bounds.
    private static void PrintSpecial(SflowtoolEmitter e, RecordLayout layout, ReadOnlySpan<byte> body, uint version)
    {
        var tag = layout.Tag;
        var r = new SflowReader(body);
        if (layout.IsCounter)
        {
            if (tag == CounterRecordTags.HostAdapters)
            {
                PrintAdapters(e, ref r);
            }
            else
            {
                PrintSfp(e, ref r);
            }

            return;
        }

        TunnelPrefixes.TryGetValue(tag.Value, out var prefix);
        prefix ??= string.Empty;
        if (tag == FlowRecordTags.SampledHeader)
        {
            PrintHeader(e, ref r, version);
        }
        else if (tag == FlowRecordTags.Extended80211Payload)
        {
            r.TryReadUInt32(out var cipher);
            e.Field("cipher_suite", cipher);
            PrintHeader(e, ref r, 5);
        }
        else if (tag == FlowRecordTags.ExtendedUser)
        {
            PrintUser(e, ref r, version);
        }
        else if (tag == FlowRecordTags.ExtendedGateway)
        {
            PrintGateway(e, ref r, version);
        }
        else if (tag == FlowRecordTags.SampledEthernet || tag == FlowRecordTags.ExtendedL2TunnelIn || tag == FlowRecordTags.ExtendedL2TunnelOut)
        {
            PrintEthernet(e, ref r, prefix);
        }
        else if (tag == FlowRecordTags.SampledIPv4 || tag == FlowRecordTags.ExtendedIPv4TunnelIn || tag == FlowRecordTags.ExtendedIPv4TunnelOut)
        {
            PrintIP(e, ref r, prefix, ipv6: false);
        }
        else
        {
            PrintIP(e, ref r, prefix, ipv6: true);
        }
    }

    private static void PrintHeader(SflowtoolEmitter e, ref SflowReader r, uint version)
    {
        e.Field("flowSampleType", "HEADER");
        r.TryReadUInt32(out var protocol);
        e.Field("headerProtocol", protocol);
        r.TryReadUInt32(out var frameLength);
        e.Field("sampledPacketSize", frameLength);
        uint stripped = 0;
        if (version > 4)
        {
            r.TryReadUInt32(out stripped);
            e.Field("strippedBytes", stripped);
        }

        r.TryReadOpaque(out var header);
        e.Field("headerLen", (uint)header.Length);
        e.Clear().AppendHex(header, upper: true, separator: '-').Emit("headerBytes");
        SflowtoolHeaderDecoder.Decode(e, protocol, frameLength, stripped, header);
    }

    // sFlow v5 sampled_ethernet: printed type, length, source, destination (not wire order).
    private static void PrintEthernet(SflowtoolEmitter e, ref SflowReader r, string prefix)
    {
        e.Clear().Append(prefix).Append("ETHERNET").Emit("flowSampleType");
        r.TryReadUInt32(out var length);
        r.TryReadFixed(6, out var src);
        r.TryReadFixed(6, out var dst);
        r.TryReadUInt32(out var type);
        e.RecordPrefix = prefix;
        e.Field("ethernet_type", type);
        e.Field("ethernet_len", length);
        e.Clear().AppendHex(src).Emit("ethernet_src");
        e.Clear().AppendHex(dst).Emit("ethernet_dst");
        e.RecordPrefix = string.Empty;
    }

    // sFlow v5 sampled_ipv4/ipv6: sflowtool prints the length twice and chooses port names by protocol.
    private static void PrintIP(SflowtoolEmitter e, ref SflowReader r, string prefix, bool ipv6)
    {
        e.Clear().Append(prefix).Append(ipv6 ? "IPV6" : "IPV4").Emit("flowSampleType");
        r.TryReadUInt32(out var length);
        r.TryReadUInt32(out var protocol);
        r.TryReadFixed(ipv6 ? 16 : 4, out var src);
        r.TryReadFixed(ipv6 ? 16 : 4, out var dst);
        r.TryReadUInt32(out var srcPort);
        r.TryReadUInt32(out var dstPort);
        r.TryReadUInt32(out var tcpFlags);
        r.TryReadUInt32(out var tosOrPriority);
        e.RecordPrefix = prefix;
        e.Field("sampledPacketSize", length);
        e.Field("IPSize", length);
        e.Clear().AppendIP(src).Emit(ipv6 ? "srcIP6" : "srcIP");
        e.Clear().AppendIP(dst).Emit(ipv6 ? "dstIP6" : "dstIP");
        e.Field("IPProtocol", protocol);
        e.Field(ipv6 ? "priority" : "IPTOS", tosOrPriority);
        switch (protocol)
        {
            case 1:
                // sflowtool takes the ICMP type from the destination port field (noted in its source).
                e.Field("ICMPType", dstPort);
                break;
            case 6:
                e.Field("TCPSrcPort", srcPort);
                e.Field("TCPDstPort", dstPort);
                e.Field("TCPFlags", tcpFlags);
                break;
            case 17:
                e.Field("UDPSrcPort", srcPort);
                e.Field("UDPDstPort", dstPort);
                break;
        }

        e.RecordPrefix = string.Empty;
    }

    private static void PrintGateway(SflowtoolEmitter e, ref SflowReader r, uint version)
    {
        e.Field("extendedType", "GATEWAY");
        if (version == 2)
        {
            // sFlow v2 gateway: flat AS path; dst_peer_as is its first AS, dst_as its last.
            r.TryReadUInt32(out var myAs2);
            r.TryReadUInt32(out var srcAs2);
            r.TryReadUInt32(out var srcPeerAs2);
            r.TryReadUInt32(out var pathLength);
            uint first = 0, last = 0;
            var path = r.Buffer.Slice(r.Position, (int)pathLength * 4);
            if (pathLength > 0)
            {
                first = BinaryPrimitives.ReadUInt32BigEndian(path);
                last = BinaryPrimitives.ReadUInt32BigEndian(path[^4..]);
            }

            e.Field("my_as", myAs2);
            e.Field("src_as", srcAs2);
            e.Field("src_peer_as", srcPeerAs2);
            e.Field("dst_as", last);
            e.Field("dst_peer_as", first);
            e.Field("dst_as_path_len", pathLength);
            if (pathLength > 0)
            {
                AppendWords(e.Clear(), path);
                e.Emit("dst_as_path");
            }

            return;
        }

        if (version >= 5)
        {
            r.TryReadAddress(out var nextHop);
            e.Clear().AppendAddress(nextHop).Emit("bgp_nexthop");
        }

        r.TryReadUInt32(out var myAs);
        r.TryReadUInt32(out var srcAs);
        r.TryReadUInt32(out var srcPeerAs);
        e.Field("my_as", myAs);
        e.Field("src_as", srcAs);
        e.Field("src_peer_as", srcPeerAs);
        r.TryReadUInt32(out var segments);
        uint dstAs = 0, dstPeerAs = 0;
        if (segments > 0)
        {
            e.Clear();
            for (uint s = 0; s < segments; s++)
            {
                r.TryReadUInt32(out var type);
                r.TryReadUInt32(out var count);
                if (count == 0)
                {
                    continue;
                }

                var asns = r.Buffer.Slice(r.Position, (int)count * 4);
                r.TrySkip((int)count * 4);
                if (s == 0)
                {
                    dstPeerAs = BinaryPrimitives.ReadUInt32BigEndian(asns);
                }

                // AS_SET (1) in parentheses; segments are concatenated with no separator (as sflowtool does).
                if (type == 1)
                {
                    e.Append('(');
                }

                AppendWords(e, asns);
                if (type == 1)
                {
                    e.Append(')');
                }

                if (s == segments - 1)
                {
                    dstAs = BinaryPrimitives.ReadUInt32BigEndian(asns[^4..]);
                }
            }

            e.Emit("dst_as_path");
        }

        e.Field("dst_as", dstAs);
        e.Field("dst_peer_as", dstPeerAs);
        r.TryReadUInt32(out var communities);
        if (communities > 0)
        {
            AppendWords(e.Clear(), r.Buffer.Slice(r.Position, (int)communities * 4));
            e.Emit("BGP_communities");
        }

        r.TrySkip((int)communities * 4);
        r.TryReadUInt32(out var localPref);
        e.Field("BGP_localpref", localPref);
    }

    // sFlow v5 extended_user: sflowtool prints both character sets before both user names.
    private static void PrintUser(SflowtoolEmitter e, ref SflowReader r, uint version)
    {
        uint srcCharset = 0, dstCharset = 0;
        if (version >= 5)
        {
            r.TryReadUInt32(out srcCharset);
            e.Field("src_user_charset", srcCharset);
        }

        r.TryReadOpaque(out var src);
        if (version >= 5)
        {
            r.TryReadUInt32(out dstCharset);
            e.Field("dst_user_charset", dstCharset);
        }

        r.TryReadOpaque(out var dst);
        e.Clear().AppendText(src, 199).Emit("src_user");
        e.Clear().AppendText(dst, 199).Emit("dst_user");
    }

    private static void AppendWords(SflowtoolEmitter e, ReadOnlySpan<byte> words)
    {
        for (var i = 0; i + 4 <= words.Length; i += 4)
        {
            if (i > 0)
            {
                e.Append('-');
            }

            e.Append(BinaryPrimitives.ReadUInt32BigEndian(words[i..]));
        }
    }

    // Host sFlow host_adapters: JSON gets adaptor_list/mac_list arrays, text gets numbered field names.
    private static void PrintAdapters(SflowtoolEmitter e, ref SflowReader r)
    {
        var output = e.Output;
        r.TryReadUInt32(out var adapters);
        Span<char> prefix = stackalloc char[32];
        Span<char> macName = stackalloc char[24];
        if (output.IsStructured)
        {
            output.StartArray("adaptor_list");
        }

        for (uint i = 0; i < adapters; i++)
        {
            r.TryReadUInt32(out var ifIndex);
            r.TryReadUInt32(out var macs);
            if (output.IsStructured)
            {
                output.StartObject();
                e.Field("ifIndex", ifIndex);
                e.Field("MACs", macs);
                output.StartArray("mac_list");
                for (uint j = 0; j < macs; j++)
                {
                    r.TryReadFixed(6, out var mac);
                    output.ArrayValue(e.Clear().AppendHex(mac).Value);
                }

                output.EndArray();
                output.EndObject();
                continue;
            }

            prefix.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"adaptor_{i}_", out var p);
            e.Clear().Append(ifIndex).Emit(prefix[..p], "ifIndex");
            e.Clear().Append(macs).Emit(prefix[..p], "MACs");
            for (uint j = 0; j < macs; j++)
            {
                r.TryReadFixed(6, out var mac);
                macName.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"MAC_{j}", out var m);
                e.Clear().AppendHex(mac).Emit(prefix[..p], macName[..m]);
            }
        }

        if (output.IsStructured)
        {
            output.EndArray();
        }
    }

    // sflowtool's lane field names, including the five that carry a literal "%u" (sflowtool.md §3.3 caveat 3).
    private static readonly string[] LaneFields =
    [
        "index", "tx_bias_current_uA", "tx_power_uW.%u", "tx_power_min_uW.%u", "tx_power_max_uW.%u",
        "tx_wavelength_nM.%u", "rx_power_uW.%u", "rx_power_min_uW.%u", "rx_power_max_uW.%u", "rx_wavelength_nM.%u",
    ];

    private static void PrintSfp(SflowtoolEmitter e, ref SflowReader r)
    {
        var output = e.Output;
        r.TryReadUInt32(out var id);
        r.TryReadUInt32(out var total);
        r.TryReadUInt32(out var voltage);
        r.TryReadUInt32(out var temperature);
        r.TryReadUInt32(out var lanes);
        e.Field("sfp_module_id", id);
        e.Field("sfp_module_total_lanes", total);
        e.Field("sfp_module_supply_voltage", voltage);
        e.Field("sfp_module_temperature", temperature);
        e.Field("sfp_module_active_lanes", lanes);
        if (output.IsStructured)
        {
            // Correction: sflowtool leaves this array open when there are no lanes; we always close it.
            output.StartArray("sfp_lanes");
        }

        Span<char> name = stackalloc char[64];
        for (uint lane = 0; lane < lanes; lane++)
        {
            if (output.IsStructured)
            {
                output.StartObject();
            }

            foreach (var field in LaneFields)
            {
                r.TryReadUInt32(out var value);
                if (output.IsStructured)
                {
                    e.Field(field, value);
                }

                name.TryWrite(System.Globalization.CultureInfo.InvariantCulture, $"{field}.{lane}", out var n);
                e.Clear().Append(value).Emit("sfp_lane_", name[..n]);
            }

            if (output.IsStructured)
            {
                output.EndObject();
            }
        }

        if (output.IsStructured)
        {
            output.EndArray();
        }
    }
}
