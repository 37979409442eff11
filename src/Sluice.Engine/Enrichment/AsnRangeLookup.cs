using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// AS number and name of an address from the <c>@ip-location-db/asn</c> CSV ranges
/// (<c>start,end,asn,name</c>, inclusive, numeric or dotted addresses), held as sorted arrays and binary-searched.
/// </summary>
/// <remarks>
/// Memory: 12 bytes per IPv4 range (start, end, entry index), 36 per IPv6 range, plus one name string per AS
/// number: about 17 MB of heap for the full data set (8.7 MB of ranges, the rest names), loaded in about 0.3 s.
/// Lookups allocate nothing.
/// </remarks>
public sealed class AsnRangeLookup
{
    private readonly uint[] _v4Starts;
    private readonly uint[] _v4Ends;
    private readonly int[] _v4Entries;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;
    private readonly int[] _v6Entries;
    private readonly uint[] _asns;
    private readonly string[] _names;

    private AsnRangeLookup(Ranges<uint> v4, Ranges<UInt128> v6, uint[] asns, string[] names)
    {
        (_v4Starts, _v4Ends, _v4Entries) = (v4.Starts, v4.Ends, v4.Entries);
        (_v6Starts, _v6Ends, _v6Entries) = (v6.Starts, v6.Ends, v6.Entries);
        _asns = asns;
        _names = names;
    }

    /// <summary>A table that knows nothing, for when the data is missing.</summary>
    public static AsnRangeLookup Empty { get; } = new(Ranges<uint>.Empty, Ranges<UInt128>.Empty, [], []);

    /// <summary>Number of IPv4 ranges.</summary>
    public int Ipv4RangeCount => _v4Starts.Length;

    /// <summary>Number of IPv6 ranges.</summary>
    public int Ipv6RangeCount => _v6Starts.Length;

    /// <summary>Number of distinct AS numbers.</summary>
    public int AsnCount => _asns.Length;

    /// <summary>
    /// Loads either or both files (null skips that family). Throws <see cref="FormatException"/> with the line number on a bad row.
    /// A path ending in <c>.mmdb</c> is a MaxMind-format ASN database holding both families (see <see cref="LoadDatabase"/>).
    /// </summary>
    public static AsnRangeLookup Load(string? ipv4Path, string? ipv6Path)
    {
        if (IsDatabase(ipv4Path) || IsDatabase(ipv6Path))
        {
            return LoadDatabase(IsDatabase(ipv4Path) ? ipv4Path! : ipv6Path!);
        }

        var entryByAsn = new Dictionary<uint, int>();
        var asns = new List<uint>();
        var names = new List<string>();
        var v4 = ipv4Path is null ? Ranges<uint>.Empty : Parse<uint>(ipv4Path, entryByAsn, asns, names);
        var v6 = ipv6Path is null ? Ranges<UInt128>.Empty : Parse<UInt128>(ipv6Path, entryByAsn, asns, names);
        return new AsnRangeLookup(v4, v6, [.. asns], [.. names]);
    }

    /// <summary>True for a MaxMind-format database file name (<c>.mmdb</c>) rather than CSV ranges.</summary>
    public static bool IsDatabase(string? path) => path is not null && path.EndsWith(".mmdb", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Flattens a MaxMind-format ASN database (GeoLite2-ASN's <c>autonomous_system_number</c> and
    /// <c>autonomous_system_organization</c>), the file sFlow-RT's <c>geo.asn</c> names, into the same ranges as the
    /// CSV data, so lookups stay allocation-free binary searches. Networks without a number are left out. Throws
    /// <see cref="MaxMind.Db.InvalidDatabaseException"/>, <see cref="MaxMind.Db.DeserializationException"/> (a record of
    /// the wrong shape) or I/O errors for a bad file.
    /// </summary>
    public static AsnRangeLookup LoadDatabase(string path)
    {
        using var reader = new MaxMind.Db.Reader(path, MaxMind.Db.FileAccessMode.MemoryMapped);
        var entryByAsn = new Dictionary<uint, int>();
        var asns = new List<uint>();
        var names = new List<string>();
        var v4 = new List<(uint First, uint Last, int Entry)>();
        var v6 = new List<(UInt128 First, UInt128 Last, int Entry)>();
        foreach (var node in reader.FindAll<AsnRecord>())
        {
            if (node.Data?.Number is not { } number || number is < 0 or > uint.MaxValue)
            {
                continue;
            }

            var asn = (uint)number;
            if (!entryByAsn.TryGetValue(asn, out var entry))
            {
                entry = asns.Count;
                entryByAsn.Add(asn, entry);
                asns.Add(asn);
                names.Add(node.Data.Organization ?? "");
            }

            var range = NetworkRange.Of(node.Start, node.PrefixLength);
            if (range.IsIpv4)
            {
                v4.Add((range.FirstIpv4, range.LastIpv4, entry));
            }
            else
            {
                v6.Add((range.FirstIpv6, range.LastIpv6, entry));
            }
        }

        return new AsnRangeLookup(ToRanges(v4), ToRanges(v6), [.. asns], [.. names]);
    }

    /// <summary>The AS number and name for a 4- or 16-byte address.</summary>
    public bool TryFind(ReadOnlySpan<byte> address, out uint asn, out string name)
    {
        var entry = FindEntry(address);
        if (entry < 0)
        {
            asn = 0;
            name = "";
            return false;
        }
        asn = _asns[entry];
        name = _names[entry];
        return true;
    }

    /// <summary>Index of the (AS number, name) entry for the address, or -1.</summary>
    internal int FindEntry(ReadOnlySpan<byte> address)
    {
        if (!IpAddressKey.TryRead(address, out var isIpv4, out var ipv4, out var ipv6))
        {
            return -1;
        }
        return isIpv4 ? Find(_v4Starts, _v4Ends, _v4Entries, ipv4) : Find(_v6Starts, _v6Ends, _v6Entries, ipv6);
    }

    internal uint AsnOf(int entry) => _asns[entry];

    internal string NameOf(int entry) => _names[entry];

    private static int Find<T>(T[] starts, T[] ends, int[] entries, T value) where T : IComparable<T>
    {
        // The last range starting at or before the value; it holds the value if it ends at or after it.
        var found = SortedStarts.LastAtOrBefore(starts, value);
        return found >= 0 && ends[found].CompareTo(value) >= 0 ? entries[found] : -1;
    }

    private static Ranges<T> Parse<T>(string path, Dictionary<uint, int> entryByAsn, List<uint> asns, List<string> names)
        where T : struct, IComparable<T>
    {
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> text = bytes;
        var capacity = text.Count((byte)'\n') + 1;
        var starts = new T[capacity];
        var ends = new T[capacity];
        var entries = new int[capacity];
        var count = 0;
        var lineNumber = 0;
        var sorted = true;
        while (!text.IsEmpty)
        {
            lineNumber++;
            var newline = text.IndexOf((byte)'\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? default : text[(newline + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                continue;
            }
            if (!TrySplit(line, out var startField, out var endField, out var asnField, out var nameField)
                || !TryParseAddress(startField, out T start) || !TryParseAddress(endField, out T end)
                || !uint.TryParse(asnField, out var asn))
            {
                throw new FormatException($"{path}:{lineNumber}: expected start,end,asn,name");
            }
            if (!entryByAsn.TryGetValue(asn, out var entry))
            {
                entry = asns.Count;
                entryByAsn.Add(asn, entry);
                asns.Add(asn);
                names.Add(DecodeName(nameField));
            }
            if (count > 0 && starts[count - 1].CompareTo(start) > 0)
            {
                sorted = false;
            }
            starts[count] = start;
            ends[count] = end;
            entries[count] = entry;
            count++;
        }
        Array.Resize(ref starts, count);
        Array.Resize(ref ends, count);
        Array.Resize(ref entries, count);
        if (!sorted)
        {
            // The published files are sorted; a hand-made one may not be.
            var order = new int[count];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }
            var keys = (T[])starts.Clone();
            Array.Sort(keys, order);
            var sortedEnds = new T[count];
            var sortedEntries = new int[count];
            for (var i = 0; i < count; i++)
            {
                sortedEnds[i] = ends[order[i]];
                sortedEntries[i] = entries[order[i]];
            }
            return new Ranges<T>(keys, sortedEnds, sortedEntries);
        }
        return new Ranges<T>(starts, ends, entries);
    }

    private static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> start, out ReadOnlySpan<byte> end,
        out ReadOnlySpan<byte> asn, out ReadOnlySpan<byte> name)
    {
        start = end = asn = name = default;
        var comma = line.IndexOf((byte)',');
        if (comma < 0)
        {
            return false;
        }
        start = line[..comma];
        line = line[(comma + 1)..];
        comma = line.IndexOf((byte)',');
        if (comma < 0)
        {
            return false;
        }
        end = line[..comma];
        line = line[(comma + 1)..];
        comma = line.IndexOf((byte)',');
        // Only the name can hold commas (then it is quoted), so everything after the third comma is the name.
        asn = comma < 0 ? line : line[..comma];
        name = comma < 0 ? default : line[(comma + 1)..];
        return true;
    }

    private static string DecodeName(ReadOnlySpan<byte> field)
    {
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"')
        {
            return Encoding.UTF8.GetString(field[1..^1]).Replace("\"\"", "\"", StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetString(field);
    }

    private static bool TryParseAddress<T>(ReadOnlySpan<byte> field, out T value) where T : struct
    {
        value = default;
        if (field.IndexOfAny((byte)'.', (byte)':') >= 0)
        {
            // Dotted or colon form (asn-ipv4.csv, asn-ipv6.csv).
            Span<char> chars = stackalloc char[field.Length];
            for (var i = 0; i < field.Length; i++)
            {
                chars[i] = (char)field[i];
            }
            if (!IPAddress.TryParse(chars, out var ip))
            {
                return false;
            }
            Span<byte> raw = stackalloc byte[16];
            if (!ip.TryWriteBytes(raw, out var written))
            {
                return false;
            }
            if (!IpAddressKey.TryRead(raw[..written], out var isIpv4, out var v4, out var v6))
            {
                return false;
            }
            if (typeof(T) == typeof(uint) && ip.AddressFamily == AddressFamily.InterNetwork)
            {
                value = (T)(object)v4;
                return true;
            }
            if (typeof(T) == typeof(UInt128) && ip.AddressFamily == AddressFamily.InterNetworkV6 && !isIpv4)
            {
                value = (T)(object)v6;
                return true;
            }
            return false;
        }
        if (typeof(T) == typeof(uint))
        {
            var ok = uint.TryParse(field, out var v);
            value = (T)(object)v;
            return ok;
        }
        var ok6 = UInt128.TryParse(field, out var w);
        value = (T)(object)w;
        return ok6;
    }

    private static Ranges<T> ToRanges<T>(List<(T First, T Last, int Entry)> networks) where T : IComparable<T>
    {
        // A tree walk yields networks in address order, which the binary search needs; sort in case a writer did not.
        networks.Sort((a, b) => a.First.CompareTo(b.First));
        var starts = new T[networks.Count];
        var ends = new T[networks.Count];
        var entries = new int[networks.Count];
        for (var i = 0; i < networks.Count; i++)
        {
            (starts[i], ends[i], entries[i]) = networks[i];
        }

        return new Ranges<T>(starts, ends, entries);
    }

    private readonly record struct Ranges<T>(T[] Starts, T[] Ends, int[] Entries)
    {
        public static Ranges<T> Empty { get; } = new([], [], []);
    }
}
