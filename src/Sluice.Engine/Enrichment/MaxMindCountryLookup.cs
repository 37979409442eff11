using System.Net;
using MaxMind.Db;

namespace Sluice.Engine.Enrichment;

/// <summary>
/// Country of an address from a MaxMind-format database whose records carry <c>country_code</c>
/// (DB-IP country lite, as installed by <c>npm ci --prefix data</c>).
/// </summary>
/// <remarks>
/// Opening starts a background walk of the database into a <see cref="CountryRangeTable"/> (about half a second for
/// DB-IP's data); from then on a lookup is a binary search that allocates nothing. Until then, and if the walk fails,
/// each call asks the memory-mapped database itself, which builds an <see cref="IPAddress"/> and decodes the record
/// (a few small allocations). <see cref="AddressEnrichment"/> caches answers either way.
/// </remarks>
public sealed class MaxMindCountryLookup : IDisposable
{
    private readonly Reader _reader;
    private readonly CancellationTokenSource _stopIndexing = new();
    private readonly Task _indexing;
    private CountryRangeTable? _table;

    private MaxMindCountryLookup(Reader reader, string path, bool index)
    {
        _reader = reader;
        Path = path;
        _indexing = index ? Task.Run(Index) : Task.CompletedTask;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The database's type from its metadata, e.g. <c>DBIP-Country-Lite</c>.</summary>
    public string DatabaseType => _reader.Metadata.DatabaseType;

    /// <summary>When the database was built (UTC).</summary>
    public DateTime BuildDate => _reader.Metadata.BuildDate;

    /// <summary>True once lookups use the flattened ranges rather than the database.</summary>
    public bool Indexed => Volatile.Read(ref _table) is not null;

    /// <summary>Opens the database; throws <see cref="InvalidDatabaseException"/> or I/O errors for a bad file.</summary>
    public static MaxMindCountryLookup Open(string path) => Open(path, index: true);

    /// <summary>As <see cref="Open(string)"/>; without <paramref name="index"/> every lookup asks the database (for tests of that path).</summary>
    internal static MaxMindCountryLookup Open(string path, bool index) => new(new Reader(path, FileAccessMode.MemoryMapped), path, index);

    /// <summary>Waits until the background index is built (or has failed, leaving lookups on the database); false on timeout.</summary>
    public bool WaitUntilIndexed(TimeSpan timeout) => _indexing.Wait(timeout);

    /// <summary>The upper-case ISO 3166 code of a 4- or 16-byte address, if the database has one.</summary>
    public bool TryGetCountry(ReadOnlySpan<byte> address, out string country)
    {
        country = "";
        if (address.Length != 4 && address.Length != 16)
        {
            return false;
        }

        var table = Volatile.Read(ref _table);
        if (table is not null)
        {
            var index = table.Find(address);
            if (index == 0)
            {
                return false;
            }

            country = CountryCodes.FromIndex(index);
            return true;
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A damaged region answers "unknown" for that address rather than failing the shard worker that asked: the
            // reader's decoder throws more than InvalidDatabaseException on garbage (DeserializationException, for one).
            return false;
        }

        return TryIntern(record?.CountryCode, out country);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopIndexing.Cancel();
        // The walk reads the mapped file: let it stop before the mapping goes.
        _indexing.Wait();
        _stopIndexing.Dispose();
        _reader.Dispose();
    }

    private static bool TryIntern(string? code, out string country)
    {
        // DB-IP marks addresses it cannot place with ZZ; for the flow language that is "unknown".
        if (string.IsNullOrEmpty(code) || code.Equals("ZZ", StringComparison.OrdinalIgnoreCase))
        {
            country = "";
            return false;
        }

        country = CountryCodes.Intern(code);
        return true;
    }

    private void Index()
    {
        try
        {
            var table = CountryRangeTable.Build(Networks(), _stopIndexing.Token);
            Volatile.Write(ref _table, table);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopped, or a damaged region the reader's decoder chokes on (it throws more than InvalidDatabaseException):
            // lookups stay on the database, which answers the same, only with allocations, and Dispose must not throw.
        }
    }

    private IEnumerable<(IPAddress Start, int PrefixLength, int Country)> Networks()
    {
        foreach (var node in _reader.FindAll<CountryRecord>())
        {
            var country = TryIntern(node.Data?.CountryCode, out var code) ? CountryCodes.IndexOf(code) : 0;
            yield return (node.Start, node.PrefixLength, Math.Max(country, 0));
        }
    }
}
