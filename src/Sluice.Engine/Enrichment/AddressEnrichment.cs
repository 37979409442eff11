using System.Numerics;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// Country and ASN of addresses for the flow language, with a fixed-size two-way set-associative cache in front of
/// the database lookups: a repeated address costs a hash, one or two slot reads and key compares, and allocates nothing.
/// </summary>
/// <remarks>
/// A miss looks up both country and ASN (the database lookup allocates) and fills the address's own slot of its pair, or
/// the other one while that is empty: two addresses that hash alike both stay cached. Slots are structs read under a
/// sequence lock (<see cref="AddressCacheSlot"/>): a hit is one 32-byte read with no reference to follow, and safe for
/// concurrent shard workers. Results come from DB-IP, RouteViews and NRO data (CC BY 4.0): show
/// <see cref="EnrichmentFiles.Attribution"/> wherever they are displayed.
/// </remarks>
public sealed class AddressEnrichment : IAddressEnrichment, IDisposable
{
    /// <summary>Default number of cache slots (2^16 of 32 bytes: 2 MB), in pairs.</summary>
    public const int DefaultCacheSize = 1 << 16;

    private readonly MaxMindCountryLookup? _country;
    private readonly AsnRangeLookup _asn;
    private readonly AddressCacheSlot[] _cache;
    private readonly int _shift;
    private long _misses;

    /// <summary>Combines the lookups (either may be missing). <paramref name="cacheSize"/> is rounded up to a power of two.</summary>
    public AddressEnrichment(MaxMindCountryLookup? country, AsnRangeLookup? asn, int cacheSize = DefaultCacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheSize, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheSize, 1 << 24);
        _country = country;
        _asn = asn ?? AsnRangeLookup.Empty;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)cacheSize);
        _cache = new AddressCacheSlot[size];
        _shift = 64 - BitOperations.Log2((uint)size);
    }

    /// <summary>True when a country database is loaded.</summary>
    public bool HasCountry => _country is not null;

    /// <summary>True when any ASN ranges are loaded.</summary>
    public bool HasAsn => _asn.Ipv4RangeCount + _asn.Ipv6RangeCount > 0;

    /// <summary>Waits until the country database is indexed (lookups allocate nothing from then on); false on timeout.</summary>
    public bool WaitUntilIndexed(TimeSpan timeout) => _country?.WaitUntilIndexed(timeout) ?? true;

    /// <summary>The ASN table in use.</summary>
    public AsnRangeLookup Asn => _asn;

    /// <summary>
    /// Opens what <paramref name="paths"/> names. Missing or broken files are reported through
    /// <paramref name="log"/> and leave that part unknown; this never throws for data problems.
    /// </summary>
    public static AddressEnrichment Load(EnrichmentPaths paths, Action<string>? log = null, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(paths);
        MaxMindCountryLookup? country = null;
        if (paths.CountryDatabase is null)
        {
            log?.Invoke("Country database not found: country: answers unknown (run npm ci --prefix data, or set -Dgeo.country=PATH)");
        }
        else
        {
            try
            {
                country = MaxMindCountryLookup.Open(paths.CountryDatabase);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MaxMind.Db.InvalidDatabaseException or MaxMind.Db.DeserializationException)
            {
                log?.Invoke($"Country database {paths.CountryDatabase} unusable: {e.Message}");
            }
        }
        var asn = AsnRangeLookup.Empty;
        if (paths.AsnIpv4 is null && paths.AsnIpv6 is null)
        {
            log?.Invoke("ASN ranges not found: asn: answers unknown (run npm ci --prefix data, or set -Dgeo.asn=PATH)");
        }
        else
        {
            try
            {
                asn = AsnRangeLookup.Load(paths.AsnIpv4, paths.AsnIpv6);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or MaxMind.Db.InvalidDatabaseException or MaxMind.Db.DeserializationException)
            {
                log?.Invoke($"ASN ranges unusable: {e.Message}");
            }
        }
        return new AddressEnrichment(country, asn, cacheSize);
    }

    /// <inheritdoc />
    public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
    {
        Lookup(address, out var index, out _);
        if (index > 0)
        {
            country = CountryCodes.FromIndex(index);
            return true;
        }

        if (index < 0 && _country is not null && _country.TryGetCountry(address, out var found))
        {
            country = found;
            return true;
        }

        country = "";
        return false;
    }

    /// <inheritdoc />
    public bool TryGetAsn(ReadOnlySpan<byte> address, out uint asn)
    {
        Lookup(address, out _, out var entry);
        asn = entry < 0 ? 0 : _asn.AsnOf(entry);
        return entry >= 0;
    }

    /// <inheritdoc />
    public bool TryGetAsnName(ReadOnlySpan<byte> address, out string name)
    {
        Lookup(address, out _, out var entry);
        name = entry < 0 ? "" : _asn.NameOf(entry);
        return entry >= 0;
    }

    /// <inheritdoc />
    public void Dispose() => _country?.Dispose();

    /// <summary>Lookups the cache could not answer, for tests and diagnostics.</summary>
    internal long Misses => Interlocked.Read(ref _misses);

    /// <summary>The cached (or looked up and cached) answer: country index (see <see cref="AddressCacheSlot.Country"/>) and ASN entry.</summary>
    private void Lookup(ReadOnlySpan<byte> address, out int country, out int asnEntry)
    {
        if (!IpAddressKey.TryReadCacheKey(address, out var high, out var low))
        {
            country = 0;
            asnEntry = -1;
            return;
        }

        // Fibonacci hashing spreads neighbouring addresses (one subnet) over different slots. The address's own slot
        // is tried first, then the other of its pair (its neighbour, usually in the same cache line).
        var mixed = (high * 0x9E3779B97F4A7C15UL) ^ low;
        var own = (int)((mixed * 0x9E3779B97F4A7C15UL) >> _shift);
        ref var slot = ref _cache[own];
        ref var other = ref _cache[own ^ 1];
        if (TryRead(ref slot, high, low, out country, out asnEntry) || TryRead(ref other, high, low, out country, out asnEntry))
        {
            return;
        }

        Interlocked.Increment(ref _misses);
        country = 0;
        if (_country is not null && _country.TryGetCountry(address, out var found))
        {
            country = CountryCodes.IndexOf(found);
        }

        asnEntry = _asn.FindEntry(address);
        var useOther = Volatile.Read(ref slot.Sequence) != 0 && Volatile.Read(ref other.Sequence) == 0;
        Write(ref useOther ? ref other : ref slot, high, low, country, asnEntry);
    }

    /// <summary>
    /// A hit when the slot holds the key and no writer touched it while it was read (the sequence is even, not 0, and
    /// unchanged). The acquire reads keep the second sequence read after the field reads on every CPU.
    /// </summary>
    private static bool TryRead(ref AddressCacheSlot slot, ulong high, ulong low, out int country, out int asnEntry)
    {
        var before = Volatile.Read(ref slot.Sequence);
        var keyHigh = Volatile.Read(ref slot.KeyHigh);
        var keyLow = Volatile.Read(ref slot.KeyLow);
        country = Volatile.Read(ref slot.Country);
        asnEntry = Volatile.Read(ref slot.AsnEntry);
        var after = Volatile.Read(ref slot.Sequence);
        return before != 0 && (before & 1) == 0 && before == after && keyHigh == high && keyLow == low;
    }

    /// <summary>
    /// Fills the slot unless another worker is filling it (that worker's answer wins; this one is simply not cached).
    /// The exchange makes the sequence odd before any field changes; the release write makes it even after.
    /// </summary>
    private static void Write(ref AddressCacheSlot slot, ulong high, ulong low, int country, int asnEntry)
    {
        var before = Volatile.Read(ref slot.Sequence);
        if ((before & 1) != 0 || Interlocked.CompareExchange(ref slot.Sequence, before + 1, before) != before)
        {
            return;
        }

        slot.KeyHigh = high;
        slot.KeyLow = low;
        slot.Country = country;
        slot.AsnEntry = asnEntry;
        // Skips 0 (never filled) when the count wraps.
        var after = before + 2;
        Volatile.Write(ref slot.Sequence, after == 0 ? 2 : after);
    }
}
