using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Sluice.Security;

/// <summary>
/// Sluice's HTTP security properties (none are sFlow-RT's; docs/security.md): <c>http.auth.token</c> (a bearer
/// token), <c>http.auth.user</c> and <c>http.auth.password</c> (HTTP basic), <c>http.auth.scope</c>
/// (<c>write</c>, the default, or <c>all</c>), <c>http.tls.cert</c>, <c>http.tls.key</c>, <c>http.tls.password</c>
/// (HTTPS from a PEM certificate and key or a PKCS#12 file) and <c>http.maxbody</c> (largest request body in bytes).
/// </summary>
internal sealed record HttpSecuritySettings
{
    /// <summary>4 MiB: a topology of some 25,000 links fits; anything bigger is not a REST definition.</summary>
    public const long DefaultMaxRequestBodyBytes = 4 * 1024 * 1024;

    public string? Token { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    public HttpAuthScope Scope { get; init; } = HttpAuthScope.Write;

    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }

    public string? TlsPassword { get; init; }

    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>True when a token or a user is configured, so some requests need credentials.</summary>
    public bool AuthenticationEnabled => !string.IsNullOrEmpty(Token) || !string.IsNullOrEmpty(User);

    /// <summary>Whether a request with <paramref name="method"/> must carry valid credentials.</summary>
    public bool RequiresCredentials(string method) =>
        AuthenticationEnabled && (Scope == HttpAuthScope.All || !IsRead(method));

    /// <summary>GET and HEAD read; every other method (PUT, POST, DELETE, PATCH, OPTIONS, ...) counts as a write.</summary>
    public static bool IsRead(string method) =>
        Microsoft.AspNetCore.Http.HttpMethods.IsGet(method) || Microsoft.AspNetCore.Http.HttpMethods.IsHead(method);

    /// <exception cref="FormatException">
    /// A setting is incomplete or unknown (a user without a password, a scope without credentials, a key without a
    /// certificate): refusing to start beats running less protected than the operator meant.
    /// </exception>
    public static HttpSecuritySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new HttpSecuritySettings
        {
            Token = Value(configuration, "http:auth:token"),
            User = Value(configuration, "http:auth:user"),
            Password = Value(configuration, "http:auth:password"),
            Scope = Value(configuration, "http:auth:scope") switch
            {
                null => HttpAuthScope.Write,
                var s when s.Equals("write", StringComparison.OrdinalIgnoreCase) => HttpAuthScope.Write,
                var s when s.Equals("all", StringComparison.OrdinalIgnoreCase) => HttpAuthScope.All,
                var s => throw new FormatException($"http.auth.scope: '{s}' is neither 'write' nor 'all'"),
            },
            TlsCertificate = Value(configuration, "http:tls:cert"),
            TlsKey = Value(configuration, "http:tls:key"),
            TlsPassword = Value(configuration, "http:tls:password"),
            MaxRequestBodyBytes = MaxBody(Value(configuration, "http:maxbody")),
        };

        if (string.IsNullOrEmpty(settings.User) != string.IsNullOrEmpty(settings.Password))
        {
            throw new FormatException("http.auth.user and http.auth.password go together: set both or neither");
        }

        if (settings.User?.Contains(':', StringComparison.Ordinal) == true)
        {
            throw new FormatException("http.auth.user: HTTP basic authentication cannot carry a ':' in the user name");
        }

        if (configuration["http:auth:scope"] is not null && !settings.AuthenticationEnabled)
        {
            throw new FormatException("http.auth.scope is set but there are no credentials: set http.auth.token or http.auth.user and http.auth.password");
        }

        if (settings.TlsCertificate is null && (settings.TlsKey is not null || settings.TlsPassword is not null))
        {
            throw new FormatException("http.tls.key and http.tls.password need http.tls.cert");
        }

        return settings;
    }

    private static string? Value(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : null;

    private static long MaxBody(string? text) =>
        text is null ? DefaultMaxRequestBodyBytes
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes
        : throw new FormatException($"http.maxbody: '{text}' is not a positive number of bytes");
}
