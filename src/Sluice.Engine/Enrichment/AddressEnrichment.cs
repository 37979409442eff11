using System.Numerics;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// Country and ASN of addresses for the flow language, with a fixed-size direct-mapped cache in front of the
/// database lookups: a repeated address costs a hash, one array read and a key compare, and allocates nothing.
/// </summary>
/// <remarks>
/// A miss looks up both country and ASN and replaces whatever shared the slot (one small entry object).
/// Safe for concurrent readers. Results come from DB-IP, RouteViews and NRO data (CC BY 4.0): show
/// <see cref="EnrichmentFiles.Attribution"/> wherever they are displayed.
/// </remarks>
public sealed class AddressEnrichment : IAddressEnrichment, IDisposable
{
    /// <summary>Default number of cache slots (2^16: about 3 MB of entries when full).</summary>
    public const int DefaultCacheSize = 1 << 16;

    private readonly MaxMindCountryLookup? _country;
    private readonly AsnRangeLookup _asn;
    private readonly AddressCacheEntry?[] _cache;
    private readonly int _shift;

    /// <summary>Combines the lookups (either may be missing). <paramref name="cacheSize"/> is rounded up to a power of two.</summary>
    public AddressEnrichment(MaxMindCountryLookup? country, AsnRangeLookup? asn, int cacheSize = DefaultCacheSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheSize, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheSize, 1 << 24);
        _country = country;
        _asn = asn ?? AsnRangeLookup.Empty;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)cacheSize);
        _cache = new AddressCacheEntry?[size];
        _shift = 64 - BitOperations.Log2((uint)size);
    }

    /// <summary>True when a country database is loaded.</summary>
    public bool HasCountry => _country is not null;

    /// <summary>True when any ASN ranges are loaded.</summary>
    public bool HasAsn => _asn.Ipv4RangeCount + _asn.Ipv6RangeCount > 0;

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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MaxMind.Db.InvalidDatabaseException)
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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                log?.Invoke($"ASN ranges unusable: {e.Message}");
            }
        }
        return new AddressEnrichment(country, asn, cacheSize);
    }

    /// <inheritdoc />
    public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
    {
        var entry = Lookup(address);
        country = entry?.Country ?? "";
        return entry?.Country is not null;
    }

    /// <inheritdoc />
    public bool TryGetAsn(ReadOnlySpan<byte> address, out uint asn)
    {
        var entry = Lookup(address);
        if (entry is null || entry.AsnEntry < 0)
        {
            asn = 0;
            return false;
        }
        asn = _asn.AsnOf(entry.AsnEntry);
        return true;
    }

    /// <inheritdoc />
    public bool TryGetAsnName(ReadOnlySpan<byte> address, out string name)
    {
        var entry = Lookup(address);
        if (entry is null || entry.AsnEntry < 0)
        {
            name = "";
            return false;
        }
        name = _asn.NameOf(entry.AsnEntry);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _country?.Dispose();

    private AddressCacheEntry? Lookup(ReadOnlySpan<byte> address)
    {
        if (!IpAddressKey.TryRead(address, out var isIpv4, out var ipv4, out var ipv6))
        {
            return null;
        }
        var key = IpAddressKey.CacheKey(isIpv4, ipv4, ipv6);
        // Fibonacci hashing spreads neighbouring addresses (one subnet) over different slots.
        var mixed = (ulong)(key >> 64) * 0x9E3779B97F4A7C15UL ^ (ulong)key;
        var slot = (int)((mixed * 0x9E3779B97F4A7C15UL) >> _shift);
        var cached = Volatile.Read(ref _cache[slot]);
        if (cached is not null && cached.Key == key)
        {
            return cached;
        }
        string? country = null;
        if (_country is not null && _country.TryGetCountry(address, out var found))
        {
            country = found;
        }
        var created = new AddressCacheEntry(key, country, _asn.FindEntry(address));
        Volatile.Write(ref _cache[slot], created);
        return created;
    }
}
