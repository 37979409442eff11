using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sluice.Scripting.Tests.Support;

/// <summary>
/// A loopback HTTPS server with a self-signed certificate made for the test: it reads one HTTP/1.1 request per
/// connection, keeps its head and body, and answers 200 <c>secure ok</c>. <see cref="Client"/> trusts only this certificate.
/// </summary>
internal sealed class TestHttpsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Task _loop;

    public TestHttpsServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        _listener.Start();
        Url = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        var thumbprint = _certificate.Thumbprint;
        Client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        });
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public HttpClient Client { get; }

    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        Client.Dispose();
        _certificate.Dispose();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                await using var tls = new SslStream(connection.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate);
                Requests.Enqueue(await ReadRequestAsync(tls));
                var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nsecure ok");
                await tls.WriteAsync(answer);
            }
        }
    }

    /// <summary>The request head and body (by Content-Length) as text.</summary>
    private static async Task<string> ReadRequestAsync(SslStream tls)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var length = text[..end].Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (received.Count >= end + 4 + length)
                {
                    return text;
                }
            }

            var read = await tls.ReadAsync(buffer);
            if (read == 0)
            {
                return text;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }
}
