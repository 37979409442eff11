using System.Text.Json.Serialization;

namespace Sluice.Api;

/// <summary>The <c>license</c> object of <c>/license/json</c>.</summary>
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
