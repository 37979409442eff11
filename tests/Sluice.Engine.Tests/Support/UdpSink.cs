using System.Net;
using System.Net.Sockets;

namespace Sluice.Engine.Tests.Support;

/// <summary>A UDP receiver on a loopback address and an ephemeral port, standing in for a collector.</summary>
internal sealed class UdpSink : IDisposable
{
    private readonly UdpClient _client;

    public UdpSink(string address = "127.0.0.1")
    {
        _client = new UdpClient(new IPEndPoint(IPAddress.Parse(address), 0));
        _client.Client.ReceiveBufferSize = 4 * 1024 * 1024;
        Address = address;
        Port = ((IPEndPoint)_client.Client.LocalEndPoint!).Port;
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>Receives <paramref name="count"/> datagrams, failing after a bounded wait.</summary>
    public async Task<List<byte[]>> ReceiveAsync(int count, TimeSpan? timeout = null)
    {
        var received = new List<byte[]>();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (received.Count < count)
        {
            var result = await _client.ReceiveAsync(cancel.Token);
            received.Add(result.Buffer);
        }

        return received;
    }

    /// <summary>Every datagram that arrives within <paramref name="quiet"/> of the previous one (none at all is an empty list).</summary>
    public async Task<List<byte[]>> DrainAsync(TimeSpan quiet)
    {
        var received = new List<byte[]>();
        while (true)
        {
            using var cancel = new CancellationTokenSource(quiet);
            try
            {
                received.Add((await _client.ReceiveAsync(cancel.Token)).Buffer);
            }
            catch (OperationCanceledException)
            {
                return received;
            }
        }
    }

    public void Dispose() => _client.Dispose();
}
