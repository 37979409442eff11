namespace Sluice.Engine.Flows;

/// <summary>A flow key, value, filter or definition that does not parse; says where and what.</summary>
public sealed class FlowSyntaxException : FormatException
{
    public FlowSyntaxException()
    {
    }

    public FlowSyntaxException(string message)
        : base(message)
    {
    }

    public FlowSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FlowSyntaxException(string message, int position, string token)
        : base($"{message} at position {position} ('{token}')")
    {
        Position = position;
        Token = token;
        Reason = message;
    }

    /// <summary>Offset of the bad token in the parsed text, from 0.</summary>
    public int Position { get; }

    /// <summary>The bad token.</summary>
    public string Token { get; } = string.Empty;

    /// <summary>The message without the position.</summary>
    public string Reason { get; } = string.Empty;
}
