namespace Sluice.Engine.Bgp.Wire;

/// <summary>Bad input from a peer: carries the NOTIFICATION that tells the peer what was wrong before the session closes.</summary>
public sealed class BgpProtocolException : Exception
{
    public BgpProtocolException()
        : this(new BgpNotification(BgpError.Cease, 0), "BGP protocol error")
    {
    }

    public BgpProtocolException(string message)
        : this(new BgpNotification(BgpError.Cease, 0), message)
    {
    }

    public BgpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Notification = new BgpNotification(BgpError.Cease, 0);
    }

    public BgpProtocolException(BgpNotification notification, string message)
        : base($"{notification}: {message}")
    {
        Notification = notification;
    }

    public BgpProtocolException(byte code, byte subcode, string message, ReadOnlyMemory<byte> data = default)
        : this(new BgpNotification(code, subcode, data), message)
    {
    }

    public BgpNotification Notification { get; }
}
