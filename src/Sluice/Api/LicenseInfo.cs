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
