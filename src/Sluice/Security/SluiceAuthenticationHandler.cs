using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sluice.Security;

/// <summary>
/// ASP.NET Core authentication for <c>http.auth.*</c>: <c>Authorization: Bearer TOKEN</c> or
/// <c>Authorization: Basic base64(user:password)</c>. No header is "no result"; a wrong one fails. The challenge is
/// 401 with <c>WWW-Authenticate</c> for each configured kind, so browsers ask for a user and password.
/// </summary>
internal sealed class SluiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HttpCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Sluice";

    private const string Realm = "realm=\"sluice\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string? name = null;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && credentials.IsToken(header.Parameter))
        {
            name = "token";
        }
        else if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && Basic(header.Parameter) is var (user, password)
            && credentials.IsUser(user, password))
        {
            name = user;
        }

        if (name is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid credentials"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (credentials.AcceptsToken)
        {
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Bearer " + Realm);
        }

        if (credentials.AcceptsBasic)
        {
            Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, "Basic " + Realm + ", charset=\"UTF-8\"");
        }

        return Task.CompletedTask;
    }

    /// <summary>user:password from a Basic parameter; null when it is not base64 of UTF-8 text with a colon.</summary>
    private static (string User, string Password)? Basic(string parameter)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(parameter.Length, 1024)];
        if (parameter.Length > bytes.Length || !Convert.TryFromBase64String(parameter, bytes, out var written))
        {
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
