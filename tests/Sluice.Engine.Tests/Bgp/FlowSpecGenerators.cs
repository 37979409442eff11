using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Engine.Bgp.FlowSpec;

namespace Sluice.Engine.Tests.Bgp;

/// <summary>FsCheck generators of FlowSpec components: any valid wire form, or the canonical forms the text syntax writes.</summary>
internal static class FlowSpecGenerators
{
    public static readonly FlowSpecComponentType[] Types = Enum.GetValues<FlowSpecComponentType>();

    /// <summary>The largest value the match syntax accepts for each list component.</summary>
    public static ulong TextMaximum(FlowSpecComponentType type) => type switch
    {
        FlowSpecComponentType.Protocol or FlowSpecComponentType.IcmpType or FlowSpecComponentType.IcmpCode => byte.MaxValue,
        FlowSpecComponentType.TcpFlags => 0xFFF,
        FlowSpecComponentType.Dscp => 63,
        FlowSpecComponentType.Fragment => byte.MaxValue,
        FlowSpecComponentType.FlowLabel => 0xFFFFF,
        _ => ushort.MaxValue,
    };

    public static Gen<FlowSpecPrefix> Prefix(bool ipv6) =>
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255), ipv6 ? 16 : 4)
        from length in Gen.Choose(0, ipv6 ? 128 : 32)
        from offset in ipv6 ? Gen.Choose(0, length) : Gen.Constant(0)
        select new FlowSpecPrefix(new IPAddress(bytes.Select(b => (byte)b).ToArray()), length, offset);

    /// <summary>Any operator (bit for bit, with any value size) and a value that fits it.</summary>
    public static Gen<FlowSpecTerm> WireTerm(bool bitmask) =>
        from and in Gen.Elements(true, false)
        from comparison in bitmask ? Gen.Choose(0, 3) : Gen.Choose(0, 7)
        from lengthCode in Gen.Choose(0, 3)
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        let raw = ((ulong)(uint)high << 32) | (uint)low
        let bits = 8 << lengthCode
        let value = bits == 64 ? raw : raw & ((1UL << bits) - 1)
        select new FlowSpecTerm((byte)((and ? FlowSpecTerm.And : 0) | (lengthCode << 4) | comparison), value);

    /// <summary>Terms as the text parser builds them: values within the component's range, smallest value size.</summary>
    public static Gen<FlowSpecTerm> TextTerm(FlowSpecComponentType type, bool ipv6)
    {
        var bitmask = FlowSpecComponent.IsBitmaskType(type);
        var maximum = (int)Math.Min(TextMaximum(type), int.MaxValue - 1);
        return from and in Gen.Elements(true, false)
               from comparison in bitmask ? Gen.Choose(0, 3) : Gen.Choose(1, 6)
               from raw in Gen.Choose(0, maximum)
               let value = type == FlowSpecComponentType.Fragment && ipv6 ? (ulong)raw & ~1UL : (ulong)raw
               select FlowSpecTerm.Create((byte)comparison, value, and);
    }

    public static Gen<FlowSpecComponent> Component(FlowSpecComponentType type, bool ipv6, bool text)
    {
        if (type is FlowSpecComponentType.DestinationPrefix or FlowSpecComponentType.SourcePrefix)
        {
            return Prefix(ipv6).Select(p => FlowSpecComponent.ForPrefix(type, p));
        }

        var term = text ? TextTerm(type, ipv6) : WireTerm(FlowSpecComponent.IsBitmaskType(type));
        return Gen.Choose(1, 4).SelectMany(count => Gen.ListOf(term, count)).Select(terms => FlowSpecComponent.ForTerms(type, terms.ToList()));
    }

    /// <summary>A rule of a random selection of the family's components, in type order.</summary>
    public static Gen<FlowSpecNlri> Nlri(bool ipv6, bool text) =>
        from mask in Gen.Choose(1, (1 << 13) - 1)
        let types = Types.Where(t => (mask & (1 << ((int)t - 1))) != 0 && (ipv6 || t != FlowSpecComponentType.FlowLabel)).ToArray()
        where types.Length > 0
        from components in Gen.CollectToList(types.Select(t => Component(t, ipv6, text)))
        select new FlowSpecNlri(ipv6, components.ToList());
}
