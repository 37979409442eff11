namespace Sluice.Engine.Forwarding;

/// <summary>
/// A forwarding session or tenant that is well formed but not permitted: its target is outside
/// <see cref="ForwardingOptions.Allow"/>, or the limit on sessions or tenants is reached (REST answers 403).
/// </summary>
public sealed class ForwardingDeniedException : Exception
{
    public ForwardingDeniedException()
    {
    }

    public ForwardingDeniedException(string message)
        : base(message)
    {
    }

    public ForwardingDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
