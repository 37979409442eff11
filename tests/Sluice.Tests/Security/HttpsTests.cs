using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sluice.Tests.Serve;
using Xunit;

namespace Sluice.Tests.Security;

/// <summary><c>http.tls.*</c>: HTTPS from a PEM certificate and key, or from a PKCS#12 file, made in the test.</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sluice-tls-");
    private readonly X509Certificate2 _certificate = SelfSigned();

    public void Dispose()
    {
        _certificate.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Get_PemCertificateAndKey_ServesHttpsWithThatCertificate()
    {
        var cert = Path.Combine(_directory.FullName, "cert.pem");
        var key = Path.Combine(_directory.FullName, "key.pem");
        await File.WriteAllTextAsync(cert, _certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        using (var rsa = _certificate.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        }

        await using var host = await ServeTestHost.StartAsync(("http:tls:cert", cert), ("http:tls:key", key));

        await AssertServesHttpsAsync(host);
    }

    [Fact]
    public async Task Get_Pkcs12WithPassword_ServesHttpsWithThatCertificate()
    {
        var pfx = Path.Combine(_directory.FullName, "sluice.pfx");
        await File.WriteAllBytesAsync(pfx, _certificate.Export(X509ContentType.Pfx, "pfx-pass"), TestContext.Current.CancellationToken);

        await using var host = await ServeTestHost.StartAsync(("http:tls:cert", pfx), ("http:tls:password", "pfx-pass"));

        await AssertServesHttpsAsync(host);
    }

    [Fact]
    public void Build_CertificateWithoutKey_RefusesToStart()
    {
        var cert = Path.Combine(_directory.FullName, "alone.pem");
        File.WriteAllText(cert, _certificate.ExportCertificatePem());
        var properties = new Dictionary<string, string?> { ["http:port"] = "0", ["sflow:port"] = "0", ["http:tls:cert"] = cert };

        var error = Assert.Throws<FormatException>(() => Sluice.Serve.ServeHost.Build(properties));

        Assert.StartsWith("http.tls.cert:", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertServesHttpsAsync(ServeTestHost host)
    {
        Assert.Equal("https", host.Http.BaseAddress!.Scheme);
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            // Trust exactly the test's certificate, and remember what the server showed.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.Thumbprint;
                return certificate?.Thumbprint == _certificate.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = host.Http.BaseAddress };

        using var response = await client.GetAsync(new Uri("/analyzer/json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_certificate.Thumbprint, presented);
        Assert.Contains("sFlowDatagramsReceived", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
