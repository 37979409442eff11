using System.Security.Cryptography.X509Certificates;

namespace Sluice.Security;

/// <summary>Loads the HTTPS certificate named by <c>http.tls.cert</c>: a PKCS#12 file (.pfx, .p12) or PEM.</summary>
internal static class TlsCertificate
{
    /// <summary>
    /// PKCS#12 by extension, with <c>http.tls.password</c>; otherwise a PEM certificate whose private key is in
    /// <c>http.tls.key</c> (or in the same file), encrypted when a password is given.
    /// </summary>
    /// <exception cref="FormatException">The files do not give a certificate with its private key.</exception>
    public static X509Certificate2 Load(HttpSecuritySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.TlsCertificate ?? throw new FormatException("http.tls.cert is not set");
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.TlsPassword);
            }
            else
            {
                certificate = settings.TlsPassword is null
                    ? X509Certificate2.CreateFromPemFile(path, settings.TlsKey)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, settings.TlsPassword, settings.TlsKey);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new FormatException($"http.tls.cert: cannot load '{path}': {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new FormatException($"http.tls.cert: '{path}' has no private key (give it in http.tls.key)");
        }

        return certificate;
    }
}
