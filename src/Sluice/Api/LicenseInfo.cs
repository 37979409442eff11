using System.Text.Json.Serialization;

namespace Sluice.Api;

/// <summary>
/// <c>/license/json</c> in the shape sFlow-RT's status page reads. Sluice is open source, so the license is
/// always valid, unlimited and never expires.
/// </summary>
internal sealed record LicenseInfo(
    [property: JsonPropertyName("license")] LicenseDetails License,
    [property: JsonPropertyName("analyzer")] LicenseAnalyzer Analyzer)
{
    public static LicenseInfo Open(string host, long bitsPerSecond) => new(
        new LicenseDetails("production", null, true, 0, true, 0, true, "Apache-2.0", string.Empty, "Sluice"),
        new LicenseAnalyzer(host, bitsPerSecond));
}

internal sealed record LicenseDetails(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("host_ok")] bool HostOk,
    [property: JsonPropertyName("max_bps")] long MaxBps,
    [property: JsonPropertyName("max_bps_ok")] bool MaxBpsOk,
    [property: JsonPropertyName("expires")] long Expires,
    [property: JsonPropertyName("expires_ok")] bool ExpiresOk,
    [property: JsonPropertyName("license")] string License,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("product")] string Product);

internal sealed record LicenseAnalyzer(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("bps")] long Bps);
