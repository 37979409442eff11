using System.Net;
using System.Net.Sockets;
using Sluice.Engine.Bgp.FlowSpec;

namespace Sluice.Engine.Bgp.Wire;

/// <summary>
/// Writes the messages this speaker sends: UPDATEs of one FlowSpec rule or unicast route each, their withdrawals, the
/// End-of-RIB marker (RFC 4724 §2), KEEPALIVE, NOTIFICATION and ROUTE-REFRESH. Attributes go in type-code order, as
/// RFC 4271 §5 recommends.
/// </summary>
public static class BgpMessageEncoder
{
    /// <summary>An UPDATE announcing <paramref name="rule"/> in MP_REACH_NLRI (RFC 8955 §4), actions as extended communities.</summary>
    public static byte[] Announce(FlowSpecRule rule, BgpUpdateContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var attributes = Common(context, BgpRoute.OriginIgp, [], null, null);
        attributes.Add(PathAttributes.Optional, PathAttributes.MpReachNlri, body =>
        {
            body.WriteUInt16(rule.Nlri.Family.Afi);
            body.WriteByte(rule.Nlri.Family.Safi);

            // No next hop, unless redirect-to-IP carries one (RFC 8955 §4; draft-ietf-idr-flowspec-redirect-ip).
            var nextHop = rule.Actions.RedirectNextHop?.GetAddressBytes() ?? [];
            body.WriteByte((byte)nextHop.Length);
            body.WriteBytes(nextHop);
            body.WriteByte(0);
            rule.Nlri.WriteTo(body);
        });
        AddCommunities(attributes, rule.Actions.Communities);
        return Update(attributes, null, context);
    }

    /// <summary>An UPDATE withdrawing <paramref name="nlri"/> in MP_UNREACH_NLRI.</summary>
    public static byte[] Withdraw(FlowSpecNlri nlri, BgpUpdateContext context)
    {
        ArgumentNullException.ThrowIfNull(nlri);
        var attributes = new AttributeList();
        attributes.Add(PathAttributes.Optional, PathAttributes.MpUnreachNlri, body =>
        {
            body.WriteUInt16(nlri.Family.Afi);
            body.WriteByte(nlri.Family.Safi);
            nlri.WriteTo(body);
        });
        return Update(attributes, null, context);
    }

    /// <summary>An UPDATE announcing a unicast route: IPv4 in the NLRI field with NEXT_HOP, IPv6 in MP_REACH_NLRI.</summary>
    public static byte[] Announce(BgpRoute route, BgpUpdateContext context)
    {
        ArgumentNullException.ThrowIfNull(route);
        var attributes = Common(context, route.Origin, route.AsPath, route.IsIPv6 ? null : route.NextHop, route.LocalPref);
        if (route.Med is { } med)
        {
            attributes.Add(PathAttributes.Optional, PathAttributes.MultiExitDisc, body => body.WriteUInt32(med));
        }

        if (route.IsIPv6)
        {
            attributes.Add(PathAttributes.Optional, PathAttributes.MpReachNlri, body =>
            {
                body.WriteUInt16(BgpFamily.AfiIPv6);
                body.WriteByte(BgpFamily.SafiUnicast);
                var global = route.NextHop.GetAddressBytes();
                var linkLocal = route.NextHopLinkLocal?.GetAddressBytes() ?? [];
                body.WriteByte((byte)(global.Length + linkLocal.Length));
                body.WriteBytes(global);
                body.WriteBytes(linkLocal);
                body.WriteByte(0);
                BgpPrefixes.Write(body, route.Prefix);
            });
        }

        AddCommunities(attributes, route.Communities);
        return Update(attributes, route.IsIPv6 ? null : route.Prefix, context);
    }

    /// <summary>An UPDATE withdrawing a unicast prefix.</summary>
    public static byte[] Withdraw(IPNetwork prefix, BgpUpdateContext context)
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Update);
        if (prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            var withdrawn = writer.Reserve16();
            BgpPrefixes.Write(writer, prefix);
            writer.Patch16(withdrawn);
            writer.WriteUInt16(0);
        }
        else
        {
            writer.WriteUInt16(0);
            var attributes = new AttributeList();
            attributes.Add(PathAttributes.Optional, PathAttributes.MpUnreachNlri, body =>
            {
                body.WriteUInt16(BgpFamily.AfiIPv6);
                body.WriteByte(BgpFamily.SafiUnicast);
                BgpPrefixes.Write(body, prefix);
            });
            attributes.WriteTo(writer);
        }

        writer.EndMessage(context.MaxMessageLength);
        return writer.ToArray();
    }

    /// <summary>The End-of-RIB marker: an empty UPDATE for IPv4 unicast, an empty MP_UNREACH_NLRI for the others.</summary>
    public static byte[] EndOfRib(BgpFamily family)
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Update);
        writer.WriteUInt16(0);
        if (family == BgpFamily.IPv4Unicast)
        {
            writer.WriteUInt16(0);
        }
        else
        {
            var attributes = new AttributeList();
            attributes.Add(PathAttributes.Optional, PathAttributes.MpUnreachNlri, body =>
            {
                body.WriteUInt16(family.Afi);
                body.WriteByte(family.Safi);
            });
            attributes.WriteTo(writer);
        }

        writer.EndMessage();
        return writer.ToArray();
    }

    /// <summary>A KEEPALIVE: the header alone (RFC 4271 §4.4).</summary>
    public static byte[] Keepalive()
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Keepalive);
        writer.EndMessage();
        return writer.ToArray();
    }

    /// <summary>A NOTIFICATION (RFC 4271 §4.5).</summary>
    public static byte[] Notification(BgpNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Notification);
        writer.WriteByte(notification.Code);
        writer.WriteByte(notification.Subcode);

        // The data is cut to fit a message when it quotes a long attribute.
        writer.WriteBytes(notification.Data.Span[..Math.Min(notification.Data.Length, 4096 - 21)]);
        writer.EndMessage();
        return writer.ToArray();
    }

    /// <summary>A ROUTE-REFRESH for one family (RFC 2918 §3).</summary>
    public static byte[] RouteRefresh(BgpFamily family)
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.RouteRefresh);
        writer.WriteUInt16(family.Afi);
        writer.WriteByte(0);
        writer.WriteByte(family.Safi);
        writer.EndMessage();
        return writer.ToArray();
    }

    /// <summary>An UPDATE with no withdrawn routes, the attributes and, for IPv4 unicast, the NLRI field.</summary>
    private static byte[] Update(AttributeList attributes, IPNetwork? nlri, BgpUpdateContext context)
    {
        var writer = new BgpMessageWriter();
        writer.BeginMessage(BgpMessageType.Update);
        writer.WriteUInt16(0);
        attributes.WriteTo(writer);
        if (nlri is { } prefix)
        {
            BgpPrefixes.Write(writer, prefix);
        }

        writer.EndMessage(context.MaxMessageLength);
        return writer.ToArray();
    }

    /// <summary>
    /// ORIGIN, AS_PATH (with AS4_PATH when a 2-octet peer cannot carry an AS), NEXT_HOP, and LOCAL_PREF for internal
    /// peers only (RFC 4271 §5.1.5: never to external ones).
    /// </summary>
    private static AttributeList Common(BgpUpdateContext context, byte origin, IReadOnlyList<uint> path, IPAddress? nextHop, uint? localPref)
    {
        var attributes = new AttributeList();
        attributes.Add(PathAttributes.Transitive, PathAttributes.Origin, body => body.WriteByte(origin));
        var full = new List<uint>(path.Count + 1);
        if (!context.Internal)
        {
            full.Add(context.LocalAs);
        }

        full.AddRange(path);
        attributes.Add(PathAttributes.Transitive, PathAttributes.AsPath, body => WriteSegments(body, full, context.FourOctetAs));
        if (nextHop is not null)
        {
            attributes.Add(PathAttributes.Transitive, PathAttributes.NextHop, body => body.WriteBytes(nextHop.GetAddressBytes()));
        }

        if (context.Internal)
        {
            attributes.Add(PathAttributes.Transitive, PathAttributes.LocalPref, body => body.WriteUInt32(localPref ?? 100));
        }

        if (!context.FourOctetAs && full.Exists(a => a > ushort.MaxValue))
        {
            // RFC 6793 §4.2.2: a 2-octet peer gets AS_TRANS in AS_PATH and the real path in AS4_PATH.
            attributes.Add(PathAttributes.Optional | PathAttributes.Transitive, PathAttributes.As4Path, body => WriteSegments(body, full, fourOctet: true));
        }

        return attributes;
    }

    private static void WriteSegments(BgpMessageWriter body, List<uint> path, bool fourOctet)
    {
        for (var start = 0; start < path.Count; start += 255)
        {
            var count = Math.Min(255, path.Count - start);
            body.WriteByte(PathAttributes.AsSequence);
            body.WriteByte((byte)count);
            for (var i = start; i < start + count; i++)
            {
                if (fourOctet)
                {
                    body.WriteUInt32(path[i]);
                }
                else
                {
                    body.WriteUInt16(path[i] > ushort.MaxValue ? BgpOpenMessage.AsTrans : (ushort)path[i]);
                }
            }
        }
    }

    private static void AddCommunities(AttributeList attributes, BgpCommunities communities)
    {
        if (communities.Standard.Count > 0)
        {
            attributes.Add(PathAttributes.Optional | PathAttributes.Transitive, PathAttributes.Communities, body =>
            {
                foreach (var community in communities.Standard)
                {
                    body.WriteUInt32(community);
                }
            });
        }

        if (communities.Extended.Count > 0)
        {
            attributes.Add(PathAttributes.Optional | PathAttributes.Transitive, PathAttributes.ExtendedCommunities, body =>
            {
                foreach (var community in communities.Extended)
                {
                    body.WriteUInt32((uint)(community >> 32));
                    body.WriteUInt32((uint)community);
                }
            });
        }

        if (communities.Large.Count > 0)
        {
            attributes.Add(PathAttributes.Optional | PathAttributes.Transitive, PathAttributes.LargeCommunities, body =>
            {
                foreach (var community in communities.Large)
                {
                    body.WriteUInt32(community.GlobalAdministrator);
                    body.WriteUInt32(community.LocalData1);
                    body.WriteUInt32(community.LocalData2);
                }
            });
        }
    }

    /// <summary>Path attributes collected in any order and written in type-code order, as RFC 4271 §5 recommends.</summary>
    private sealed class AttributeList
    {
        private readonly SortedList<byte, (byte Flags, byte[] Value)> _attributes = [];

        public void Add(byte flags, byte type, Action<BgpMessageWriter> value)
        {
            var body = new BgpMessageWriter();
            value(body);
            _attributes.Add(type, (flags, body.ToArray()));
        }

        /// <summary>The Total Path Attribute Length and the attributes; the extended length form only when a value needs it.</summary>
        public void WriteTo(BgpMessageWriter writer)
        {
            var total = writer.Reserve16();
            foreach (var (type, (flags, value)) in _attributes)
            {
                if (value.Length > byte.MaxValue)
                {
                    writer.WriteByte((byte)(flags | PathAttributes.ExtendedLength));
                    writer.WriteByte(type);
                    writer.WriteUInt16(checked((ushort)value.Length));
                }
                else
                {
                    writer.WriteByte(flags);
                    writer.WriteByte(type);
                    writer.WriteByte((byte)value.Length);
                }

                writer.WriteBytes(value);
            }

            writer.Patch16(total);
        }
    }
}
