using System.Net;
using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// Country of an address from a MaxMind-format database whose records carry <c>country_code</c>
/// (DB-IP country lite, as installed by <c>npm ci --prefix data</c>).
/// </summary>
/// <remarks>
/// The file is memory-mapped, so it is shared page cache rather than GC heap. Each call builds an
/// <see cref="IPAddress"/> and decodes the record (a few small allocations): <see cref="AddressEnrichment"/>
/// caches the answers so the steady state does not come here.
/// </remarks>
public sealed class MaxMindCountryLookup : IDisposable
{
    private readonly Reader _reader;

    private MaxMindCountryLookup(Reader reader, string path)
    {
        _reader = reader;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The database's type from its metadata, e.g. <c>DBIP-Country-Lite</c>.</summary>
    public string DatabaseType => _reader.Metadata.DatabaseType;

    /// <summary>When the database was built (UTC).</summary>
    public DateTime BuildDate => _reader.Metadata.BuildDate;

    /// <summary>Opens the database; throws <see cref="InvalidDatabaseException"/> or I/O errors for a bad file.</summary>
    public static MaxMindCountryLookup Open(string path) => new(new Reader(path, FileAccessMode.MemoryMapped), path);

    /// <summary>The upper-case ISO 3166 code of a 4- or 16-byte address, if the database has one.</summary>
    public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
    {
        country = "";
        if (address.Length != 4 && address.Length != 16)
        {
            return false;
        }
        if (address.Length == 16 && IpAddressKey.TryRead(address, out var isIpv4, out _, out _) && isIpv4)
        {
            // Not every database aliases ::ffff:0:0/96 to its IPv4 tree, so ask with the IPv4 address itself.
            address = address[12..];
        }
        CountryRecord? record;
        try
        {
            record = _reader.Find<CountryRecord>(new IPAddress(address));
        }
        catch (InvalidDatabaseException)
        {
            // A corrupt region answers "unknown" for that address rather than failing the flow.
            return false;
        }
        var code = record?.CountryCode;
        // DB-IP marks addresses it cannot place with ZZ; for the flow language that is "unknown".
        if (string.IsNullOrEmpty(code) || code.Equals("ZZ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        country = CountryCodes.Intern(code);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
