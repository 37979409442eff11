using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Sluice.Api;

/// <summary>
/// Request bodies read strictly: bytes that are not UTF-8 are the client's error (400), not replacement characters
/// stored in a definition nor an exception when a field is read later. Kestrel's <c>http.maxbody</c> bounds the size.
/// </summary>
internal static class RequestBody
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as a JSON document (System.Text.Json's default depth limit of 64 applies).</summary>
    /// <exception cref="JsonException">The body is not UTF-8 or not JSON.</exception>
    public static async Task<JsonDocument> ParseJsonAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await ReadAsync(request).ConfigureAwait(false);
        if (!Utf8.IsValid(bytes.Span))
        {
            throw new JsonException("the body is not valid UTF-8");
        }

        return JsonDocument.Parse(bytes);
    }

    /// <summary>The body as text.</summary>
    /// <exception cref="FormatException">The body is not UTF-8.</exception>
    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await ReadAsync(request).ConfigureAwait(false);
        try
        {
            return Strict.GetString(bytes.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException("the body is not valid UTF-8", e);
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
