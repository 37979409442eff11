using System.Text.Json.Serialization;

namespace Sluice.Api;

/// <summary>The <c>analyzer</c> object of <c>/license/json</c>.</summary>
internal sealed record LicenseAnalyzer(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("bps")] long Bps);
