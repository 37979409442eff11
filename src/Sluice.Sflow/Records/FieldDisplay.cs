namespace Sluice.Sflow.Records;

/// <summary>How a field is conventionally shown (sflowtool's formatting rules, sflowtool.md §3.1).</summary>
public enum FieldDisplay : byte
{
    Number,

    /// <summary>Signed decimal of a 32-bit value.</summary>
    SignedDecimal,

    /// <summary>Hundredths of a percent printed as <c>%.2f</c>; 0xFFFFFFFF prints <c>unknown</c>.</summary>
    Percent,

    /// <summary>A float printed as <c>%.3f</c>.</summary>
    Float3,

    /// <summary>16 lower-case hex digits of a 64-bit value.</summary>
    Hex64,

    /// <summary>Six bytes as 12 lower-case hex digits.</summary>
    Mac,

    /// <summary>Sixteen bytes as 8-4-4-4-12 lower-case hex.</summary>
    Uuid,

    /// <summary>Four or sixteen bytes as an IP address.</summary>
    IPAddress,

    /// <summary>Text, printed raw; omitted by sflowtool when empty.</summary>
    Text,

    /// <summary>Text that sflowtool prints even when empty.</summary>
    TextAlways,

    /// <summary>Text that sflowtool URL-encodes.</summary>
    UrlEncoded,

    /// <summary>Bytes as upper-case hex joined by <c>-</c>.</summary>
    HexBytes,

    /// <summary>Not printed on its own (consumed by a record-specific formatter).</summary>
    Hidden,

    /// <summary>A list of 32-bit MPLS label stack entries, each shown as <c>label.exp.bos.ttl</c>, joined by <c>-</c>.</summary>
    MplsLabelStack,

    /// <summary>A list of 32-bit 802.1Q tags, each shown as <c>0xTPID</c> then <c>pri.cfi.vlan</c>, joined by <c>-</c>.</summary>
    VlanTagStack,

    /// <summary>A list of 32-bit values shown in decimal joined by <c>-</c> (BGP communities, v2 AS paths).</summary>
    DashList,

    /// <summary>The host sFlow packet direction enum: <c>unknown</c>, <c>received</c>, <c>sent</c>.</summary>
    PacketDirection,

    /// <summary>The sFlow application status enum (<c>SUCCESS</c>, <c>OTHER</c>, ...).</summary>
    AppStatus,

    /// <summary>The four LACP port-state octets (actor admin, actor oper, partner admin, partner oper) of one word.</summary>
    LacpPortState,
}
