namespace Sluice.Engine.Topology;

/// <summary>A topology that is not valid JSON or not of sFlow-RT's shape; the message names the offending field.</summary>
public sealed class TopologyFormatException : Exception
{
    public TopologyFormatException()
    {
    }

    public TopologyFormatException(string message)
        : base(message)
    {
    }

    public TopologyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
