namespace Sluice.Api;

/// <summary>The HTTP server's own counters, reported in <c>/analyzer/json</c> as sFlow-RT does.</summary>
internal sealed class HttpStatistics
{
    private long _connectionsCurrent;
    private long _connectionsTotal;
    private long _messagesReceived;
    private long _messagesSent;
    private long _bytesReceived;
    private long _bytesSent;

    public long ConnectionsCurrent => Interlocked.Read(ref _connectionsCurrent);

    public long ConnectionsTotal => Interlocked.Read(ref _connectionsTotal);

    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _connectionsCurrent);
        Interlocked.Increment(ref _connectionsTotal);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _connectionsCurrent);

    public void Request() => Interlocked.Increment(ref _messagesReceived);

    public void Response() => Interlocked.Increment(ref _messagesSent);

    /// <summary>Bytes read from a connection (request lines, headers and bodies).</summary>
    public void Received(long bytes) => Interlocked.Add(ref _bytesReceived, Math.Max(0, bytes));

    /// <summary>Bytes written to a connection (status lines, headers and bodies).</summary>
    public void Sent(long bytes) => Interlocked.Add(ref _bytesSent, Math.Max(0, bytes));
}
