using Sluice.Sflow.Xdr;

namespace Sluice.Sflow.Datagrams;

/// <summary>The extended_switch flow record (sFlow v5 tag 0:1001): 802.1Q VLAN and priority in and out.</summary>
public readonly record struct ExtendedSwitch(uint SourceVlan, uint SourcePriority, uint DestinationVlan, uint DestinationPriority)
{
    public static bool TryRead(in SflowRecord record, out ExtendedSwitch value)
    {
        var reader = new SflowReader(record.Body);
        if (!reader.TryReadUInt32(out var inVlan) || !reader.TryReadUInt32(out var inPriority)
            || !reader.TryReadUInt32(out var outVlan) || !reader.TryReadUInt32(out var outPriority))
        {
            value = default;
            return false;
        }

        value = new ExtendedSwitch(inVlan, inPriority, outVlan, outPriority);
        return true;
    }
}
