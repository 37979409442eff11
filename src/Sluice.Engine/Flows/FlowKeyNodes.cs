using System.Globalization;

namespace Sluice.Engine.Flows;

// The compiled forms of keys and key functions (sflow-rt-api.md §3.4). Each node that transforms a child's text
// owns a scratch buffer, allocated once at compile time.

/// <summary>A plain key from <see cref="FlowKeys"/>.</summary>
internal sealed class FieldKey(string text, FlowKeyField field) : FlowKey(text)
{
    public FlowKeyField Field { get; } = field;

    public override int Write(FlowSampleContext context, Span<char> destination) => context.WriteField(Field, destination);

    public override int WriteBytes(FlowSampleContext context, Span<byte> destination) =>
        Field.HasBytes ? Field.WriteBytes(context, destination) : base.WriteBytes(context, destination);

    public override bool TryGetNumber(FlowSampleContext context, out double value)
    {
        if (Field.IsNumeric)
        {
            var found = Field.TryGetNumber(context, out var number);
            value = number;
            return found;
        }

        return base.TryGetNumber(context, out value);
    }
}

/// <summary>A literal argument (the <c>then</c>/<c>else</c> of <c>if:</c>).</summary>
internal sealed class LiteralKey(string text) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination) => FlowFormat.Text(Text, destination);
}

/// <summary><c>group:key:set1:set2...</c>: the first group set with a prefix containing the address.</summary>
internal sealed class GroupKey(string text, FlowKey key, string[] sets, IFlowGroups? groups) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        Span<byte> address = stackalloc byte[16];
        var length = groups is null ? -1 : key.WriteBytes(context, address);
        if (length is not (4 or 16))
        {
            return -1;
        }

        foreach (var set in sets)
        {
            if (groups!.TryGetGroup(set, address[..length], out var label))
            {
                return FlowFormat.Text(label, destination);
            }
        }

        return -1;
    }
}

/// <summary><c>country:key</c>, <c>asn:key[:name]</c>: address enrichment.</summary>
internal sealed class AddressLookupKey(string text, FlowKey key, AddressLookup lookup, Enrichment.IAddressEnrichment? enrichment) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        Span<byte> address = stackalloc byte[16];
        var length = enrichment is null ? -1 : key.WriteBytes(context, address);
        if (length is not (4 or 16))
        {
            return -1;
        }

        var bytes = address[..length];
        switch (lookup)
        {
            case AddressLookup.Country:
                return enrichment!.TryGetCountry(bytes, out var country) ? FlowFormat.Text(country, destination) : -1;
            case AddressLookup.AsnName:
                return enrichment!.TryGetAsnName(bytes, out var name) ? FlowFormat.Text(name, destination) : -1;
            default:
                return enrichment!.TryGetAsn(bytes, out var asn) ? FlowFormat.Number(asn, destination) : -1;
        }
    }
}

internal enum AddressLookup
{
    Country,
    Asn,
    AsnName,
}

/// <summary><c>oui:mackey:name</c>: the vendor of the MAC's block.</summary>
internal sealed class OuiKey(string text, FlowKey key, Enrichment.IOuiNames? names) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        Span<byte> mac = stackalloc byte[16];
        return names is not null && key.WriteBytes(context, mac) == 6 && names.TryGetName(mac[..6], out var name)
            ? FlowFormat.Text(name, destination)
            : -1;
    }
}

/// <summary>
/// <c>link:ifindexkey</c> (<c>link:inputifindex</c>): the name of the topology link that the interface ends, at the
/// sample's agent; missing on edge ports and without a topology, so <c>link:inputifindex=null</c> selects samples that
/// entered from an edge port. Reads the topology's current snapshot (one volatile read) and allocates nothing.
/// </summary>
internal sealed class LinkKey(string text, FlowKey key, Topology.ITopologyLinks? links) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        if (links is null || !key.TryGetNumber(context, out var number) || number is < 0 or > uint.MaxValue || number != Math.Floor(number))
        {
            return -1;
        }

        return links.TryGetLinkName(context.Agent, (uint)number, out var link) ? FlowFormat.Text(link, destination) : -1;
    }
}

/// <summary><c>mask:key:bits</c>: the network address of the key's address at that prefix length.</summary>
internal sealed class MaskKey(string text, FlowKey key, int bits) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        Span<byte> address = stackalloc byte[16];
        var length = WriteBytes(context, address);
        return length < 0 ? -1 : FlowFormat.Address(address[..length], destination);
    }

    public override int WriteBytes(FlowSampleContext context, Span<byte> destination)
    {
        var length = key.WriteBytes(context, destination);
        if (length is not (4 or 16))
        {
            return -1;
        }

        var keep = Math.Min(bits, length * 8);
        for (var i = 0; i < length; i++)
        {
            var bitsHere = Math.Clamp(keep - (i * 8), 0, 8);
            destination[i] &= (byte)(0xFF00 >> bitsHere);
        }

        return length;
    }
}

/// <summary><c>map:key:name</c>: the label the named map gives the key's text.</summary>
internal sealed class MapKey(string text, FlowKey key, string map, IFlowMaps? maps) : FlowKey(text)
{
    private readonly char[] _scratch = new char[MaxLength];

    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var length = maps is null ? -1 : key.Write(context, _scratch);
        return length >= 0 && maps!.TryGetValue(map, _scratch.AsSpan(0, length), out var value) ? FlowFormat.Text(value, destination) : -1;
    }
}

/// <summary><c>null:key[:default]</c>: the value, or the default (text <c>null</c>) when missing.</summary>
internal sealed class NullKey(string text, FlowKey key, string fallback) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var length = key.Write(context, destination);
        return length >= 0 ? length : FlowFormat.Text(fallback, destination);
    }
}

/// <summary><c>or:k1:k2...</c>: the first key that has a value.</summary>
internal sealed class OrKey(string text, FlowKey[] keys) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        foreach (var key in keys)
        {
            var length = key.Write(context, destination);
            if (length >= 0)
            {
                return length;
            }
        }

        return -1;
    }

    public override int WriteBytes(FlowSampleContext context, Span<byte> destination)
    {
        foreach (var key in keys)
        {
            var length = key.WriteBytes(context, destination);
            if (length >= 0)
            {
                return length;
            }
        }

        return -1;
    }
}

/// <summary><c>first:key:sep:tok1:tok2...</c>: the first part of the split key that is one of the tokens.</summary>
internal sealed class FirstKey(string text, FlowKey key, string separator, string[] tokens) : FlowKey(text)
{
    private readonly char[] _scratch = new char[MaxLength];

    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var length = key.Write(context, _scratch);
        if (length < 0)
        {
            return -1;
        }

        var rest = _scratch.AsSpan(0, length);
        while (true)
        {
            var cut = separator.Length == 0 ? -1 : rest.IndexOf(separator);
            var part = cut < 0 ? rest : rest[..cut];
            foreach (var token in tokens)
            {
                if (part.SequenceEqual(token))
                {
                    return FlowFormat.Text(token, destination);
                }
            }

            if (cut < 0)
            {
                return -1;
            }

            rest = rest[(cut + separator.Length)..];
        }
    }
}

/// <summary><c>prefix:key:sep:n</c> and <c>suffix:key:sep:n</c>: the first or last n parts, re-joined.</summary>
internal sealed class PartsKey(string text, FlowKey key, string separator, int count, bool fromEnd) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var length = key.Write(context, destination);
        if (length < 0)
        {
            return -1;
        }

        var value = destination[..length];
        if (fromEnd)
        {
            var start = length;
            for (var i = 0; i < count; i++)
            {
                var cut = value[..start].LastIndexOf(separator);
                if (cut < 0)
                {
                    return length;
                }

                start = cut;
                if (i == count - 1)
                {
                    start += separator.Length;
                }
            }

            value[start..].CopyTo(destination);
            return length - start;
        }

        var end = 0;
        for (var i = 0; i < count; i++)
        {
            var cut = value[end..].IndexOf(separator);
            if (cut < 0)
            {
                return length;
            }

            end += cut + (i == count - 1 ? 0 : separator.Length);
        }

        return end;
    }
}

/// <summary><c>range:key:min[:max]</c>: <c>true</c> when min ≤ value ≤ max.</summary>
internal sealed class RangeKey(string text, FlowKey key, double min, double max) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination) =>
        key.TryGetNumber(context, out var value) ? FlowFormat.Boolean(value >= min && value <= max, destination) : -1;
}

/// <summary><c>eq:k1:k2</c>: <c>true</c> when both keys have the same text.</summary>
internal sealed class EqKey(string text, FlowKey left, FlowKey right) : FlowKey(text)
{
    private readonly char[] _left = new char[MaxLength];
    private readonly char[] _right = new char[MaxLength];

    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var l = left.Write(context, _left);
        var r = right.Write(context, _right);
        return l < 0 || r < 0 ? -1 : FlowFormat.Boolean(_left.AsSpan(0, l).SequenceEqual(_right.AsSpan(0, r)), destination);
    }
}

/// <summary><c>if:cond:match:then:else</c>.</summary>
internal sealed class IfKey(string text, FlowKey condition, string match, FlowKey then, FlowKey otherwise) : FlowKey(text)
{
    private readonly char[] _scratch = new char[MaxLength];

    public override int Write(FlowSampleContext context, Span<char> destination) =>
        Choose(context).Write(context, destination);

    public override int WriteBytes(FlowSampleContext context, Span<byte> destination) =>
        Choose(context).WriteBytes(context, destination);

    private FlowKey Choose(FlowSampleContext context)
    {
        var length = condition.Write(context, _scratch);
        return length >= 0 && _scratch.AsSpan(0, length).SequenceEqual(match) ? then : otherwise;
    }
}

/// <summary><c>concat:sep:k1:k2...</c>: the values joined; missing when any is missing.</summary>
internal sealed class ConcatKey(string text, string separator, FlowKey[] keys) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var written = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0)
            {
                if (!separator.AsSpan().TryCopyTo(destination[written..]))
                {
                    return -1;
                }

                written += separator.Length;
            }

            var length = keys[i].Write(context, destination[written..]);
            if (length < 0)
            {
                return -1;
            }

            written += length;
        }

        return written;
    }
}

/// <summary><c>uri:key:component</c>: scheme, host, port, path, query, fragment, file or extension of a URL.</summary>
internal sealed class UriKey(string text, FlowKey key, string component) : FlowKey(text)
{
    public override int Write(FlowSampleContext context, Span<char> destination)
    {
        var length = key.Write(context, destination);
        if (length < 0)
        {
            return -1;
        }

        ReadOnlySpan<char> url = destination[..length];
        ReadOnlySpan<char> scheme = default, host = default, port = default;
        var schemeEnd = url.IndexOf("://");
        if (schemeEnd > 0)
        {
            scheme = url[..schemeEnd];
            url = url[(schemeEnd + 3)..];
            var authorityEnd = url.IndexOfAny('/', '?', '#');
            var authority = authorityEnd < 0 ? url : url[..authorityEnd];
            url = authorityEnd < 0 ? default : url[authorityEnd..];
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && authority[(colon + 1)..].IndexOfAnyExceptInRange('0', '9') < 0)
            {
                host = authority[..colon];
                port = authority[(colon + 1)..];
            }
            else
            {
                host = authority;
            }
        }

        var hash = url.IndexOf('#');
        var fragment = hash < 0 ? default : url[(hash + 1)..];
        url = hash < 0 ? url : url[..hash];
        var question = url.IndexOf('?');
        var query = question < 0 ? default : url[(question + 1)..];
        var path = question < 0 ? url : url[..question];
        var file = path[(path.LastIndexOf('/') + 1)..];
        var dot = file.LastIndexOf('.');
        var extension = dot < 0 ? default : file[(dot + 1)..];
        var part = component switch
        {
            "scheme" => scheme,
            "host" => host,
            "port" => port,
            "path" => path,
            "query" => query,
            "fragment" => fragment,
            "file" => file,
            "extension" => extension,
            _ => default,
        };
        if (part.IsEmpty)
        {
            return -1;
        }

        // Parts are slices of the destination; span copies handle the overlap.
        part.CopyTo(destination);
        return part.Length;
    }
}

internal static class FlowNumbers
{
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
