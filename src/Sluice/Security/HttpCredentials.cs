using System.Security.Cryptography;
using System.Text;

namespace Sluice.Security;

/// <summary>
/// The configured token and user/password, kept as SHA-256 digests and compared in constant time: the time a
/// wrong guess takes says nothing about how much of it was right, nor about the secret's length.
/// </summary>
internal sealed class HttpCredentials
{
    private readonly byte[]? _token;
    private readonly byte[]? _user;
    private readonly byte[]? _password;

    public HttpCredentials(HttpSecuritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _token = Digest(settings.Token);
        _user = Digest(settings.User);
        _password = Digest(settings.Password);
    }

    public bool AcceptsToken => _token is not null;

    public bool AcceptsBasic => _user is not null;

    public bool IsToken(ReadOnlySpan<char> presented) => _token is not null && Matches(presented, _token);

    public bool IsUser(ReadOnlySpan<char> user, ReadOnlySpan<char> password)
    {
        if (_user is null || _password is null)
        {
            return false;
        }

        // Both are compared whatever the first gives, so a right user name does not answer slower or faster.
        var userMatches = Matches(user, _user);
        var passwordMatches = Matches(password, _password);
        return userMatches & passwordMatches;
    }

    private static byte[]? Digest(string? secret) => secret is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool Matches(ReadOnlySpan<char> presented, byte[] expected)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = new byte[Encoding.UTF8.GetByteCount(presented)];
        Encoding.UTF8.GetBytes(presented, bytes);
        SHA256.HashData(bytes, digest);
        return CryptographicOperations.FixedTimeEquals(digest, expected);
    }
}
