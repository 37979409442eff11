namespace Sluice.Sflow.Packets;

/// <summary>
/// Decodes the sampled packet header of an sFlow v5 <c>sampled_header</c> flow record (0:1) into
/// <see cref="PacketFields"/>. Never throws, never reads outside the header, never allocates.
/// </summary>
public static class SampledHeaderDecoder
{
    // sFlow v5, sampled_header, header_protocol enumeration.
    /// <summary>header_protocol ETHERNET-ISO88023.</summary>
    public const uint HeaderProtocolEthernet = 1;
    /// <summary>header_protocol IPv4.</summary>
    public const uint HeaderProtocolIPv4 = 11;
    /// <summary>header_protocol IPv6.</summary>
    public const uint HeaderProtocolIPv6 = 12;
    /// <summary>header_protocol IEEE80211MAC (not decoded).</summary>
    public const uint HeaderProtocolIeee80211 = 15;

    /// <summary>
    /// Resets <paramref name="fields"/> and decodes <paramref name="header"/> into it. Truncated headers are
    /// normal: whatever fits is decoded and <see cref="PacketLayers.Truncated"/> is set on the layer that ended.
    /// </summary>
    /// <returns>False when nothing could be decoded (unsupported protocol, or not even the first header).</returns>
    public static bool Decode(uint headerProtocol, ReadOnlySpan<byte> header, ref PacketFields fields)
    {
        fields.Reset();
        fields.HeaderProtocol = headerProtocol;
        switch (headerProtocol)
        {
            case HeaderProtocolEthernet:
                EthernetDecoder.Decode(header, 0, ref fields, 0);
                break;
            case HeaderProtocolIPv4:
                IPv4Decoder.Decode(header, 0, ref fields, 0);
                break;
            case HeaderProtocolIPv6:
                IPv6Decoder.Decode(header, 0, ref fields, 0);
                break;
            default:
                return false;
        }

        return (fields.Outer.Layers & ~PacketLayers.Truncated) != PacketLayers.None;
    }
}
